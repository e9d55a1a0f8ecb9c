// The non-connector plugins a 4.0 worker lists (fixture 03): transformations, predicates,
// converters and header converters, with their config() keys. A class that is both a Converter
// and a HeaderConverter is listed once per type, as the worker does. Plus the third-party
// converters and SMTs that ship with the third-party connectors in the catalogue.
import { PLUGIN_PATH_URL, ungroupedKey } from './framework.js';
import type { ConfigKeyDef, ConfigValidator, PluginDef } from './types.js';

const TRANSFORMS = 'org.apache.kafka.connect.transforms';

/** Transforms pass their validator positionally. */
function key(
  name: string,
  type: ConfigKeyDef['type'],
  defaultValue: string | null | undefined,
  importance: ConfigKeyDef['importance'],
  documentation: string,
  validator?: ConfigValidator,
): ConfigKeyDef {
  return ungroupedKey(name, type, defaultValue, importance, documentation, validator ? { validator } : {});
}

/** KIP-821 (3.8): nested field paths. */
const FIELD_SYNTAX_VERSION = key(
  'field.syntax.version',
  'STRING',
  'V1',
  'HIGH',
  'Defines the version of the syntax to access fields. If set to <code>V1</code>, then the field paths are limited to access the elements at the root level of the struct or map. If set to <code>V2</code>, the syntax will support accessing nested elements. To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots. E.g. to access the subfield <code>baz</code> from a field named "foo.bar" in a struct/map the following format can be used to access its elements: "<code>foo.bar</code>.baz".',
  { kind: 'in', values: ['V1', 'V2'], caseInsensitive: true },
);

/** KIP-1040 (3.8): null fields with a schema default. */
const REPLACE_NULL_WITH_DEFAULT = key(
  'replace.null.with.default',
  'BOOLEAN',
  'true',
  'MEDIUM',
  'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
);

const OPTIONALITY_DOC =
  "Suffix with '!' to make this a required field, or '?' to keep it optional (the default).";

const CAST_TYPES = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string'];

const CAST_SPEC: ConfigValidator = {
  kind: 'custom',
  check: (name, value) => {
    const spec = Array.isArray(value) ? value : [];
    if (spec.length === 0) return 'Must specify at least one field to cast.';
    for (const entry of spec) {
      const parts = entry.split(':');
      const type = parts[parts.length - 1]!.trim();
      if (parts.length > 2 || !CAST_TYPES.includes(type.toLowerCase())) {
        return `Invalid value ${entry} for configuration ${name}: Invalid type found in casting spec: ${type}`;
      }
    }
    return undefined;
  },
};

const RENAMES: ConfigValidator = {
  kind: 'custom',
  check: (name, value) => {
    const bad = (Array.isArray(value) ? value : []).find((r) => r.split(':').length !== 2);
    return bad === undefined
      ? undefined
      : `Invalid value ${bad} for configuration ${name}: Invalid rename mapping: ${bad}`;
  },
};

/** Each transformation's config(), by simple class name (Key and Value variants share it). */
const TRANSFORM_CONFIGS: Record<string, ConfigKeyDef[]> = {
  Cast: [
    key(
      'spec',
      'LIST',
      undefined,
      'HIGH',
      'List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.',
      CAST_SPEC,
    ),
    FIELD_SYNTAX_VERSION,
  ],
  DropHeaders: [
    key('headers', 'LIST', undefined, 'HIGH', 'The name of the headers to be removed.', {
      kind: 'nonEmptyList',
    }),
  ],
  ExtractField: [
    key('field', 'STRING', undefined, 'MEDIUM', 'Field name to extract.'),
    FIELD_SYNTAX_VERSION,
    REPLACE_NULL_WITH_DEFAULT,
  ],
  Filter: [],
  Flatten: [
    key(
      'delimiter',
      'STRING',
      '.',
      'MEDIUM',
      'Delimiter to insert between field names from the input record when generating field names for the output record',
    ),
  ],
  HeaderFrom: [
    key(
      'fields',
      'LIST',
      undefined,
      'HIGH',
      'Field names in the record whose values are to be copied or moved to headers.',
      { kind: 'nonEmptyList' },
    ),
    key(
      'headers',
      'LIST',
      undefined,
      'HIGH',
      'Header names, in the same order as the field names listed in the fields configuration property.',
      { kind: 'nonEmptyList' },
    ),
    key(
      'operation',
      'STRING',
      undefined,
      'HIGH',
      'Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).',
      { kind: 'in', values: ['move', 'copy'] },
    ),
    FIELD_SYNTAX_VERSION,
  ],
  HoistField: [
    key(
      'field',
      'STRING',
      undefined,
      'MEDIUM',
      'Field name for the single field that will be created in the resulting Struct or Map.',
    ),
  ],
  InsertField: [
    key('topic.field', 'STRING', null, 'MEDIUM', `Field name for Kafka topic.\n${OPTIONALITY_DOC}`),
    key('partition.field', 'STRING', null, 'MEDIUM', `Field name for Kafka partition.\n${OPTIONALITY_DOC}`),
    key(
      'offset.field',
      'STRING',
      null,
      'MEDIUM',
      `Field name for Kafka offset - only applicable to sink connectors.\n${OPTIONALITY_DOC}`,
    ),
    key('timestamp.field', 'STRING', null, 'MEDIUM', `Field name for record timestamp.\n${OPTIONALITY_DOC}`),
    key('static.field', 'STRING', null, 'MEDIUM', `Field name for static data field.\n${OPTIONALITY_DOC}`),
    key('static.value', 'STRING', null, 'MEDIUM', 'Static field value, if field name configured.'),
    REPLACE_NULL_WITH_DEFAULT,
  ],
  InsertHeader: [
    key('header', 'STRING', undefined, 'HIGH', 'The name of the header.', { kind: 'nonNull' }),
    key(
      'value.literal',
      'STRING',
      undefined,
      'HIGH',
      'The literal value that is to be set as the header value on all records.',
      { kind: 'nonNull' },
    ),
  ],
  MaskField: [
    key('fields', 'LIST', undefined, 'HIGH', 'Names of fields to mask.', { kind: 'nonEmptyList' }),
    key(
      'replacement',
      'STRING',
      null,
      'LOW',
      "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).",
      { kind: 'nonEmptyString' },
    ),
    FIELD_SYNTAX_VERSION,
  ],
  RegexRouter: [
    key('regex', 'STRING', undefined, 'HIGH', 'Regular expression to use for matching.', { kind: 'regex' }),
    key('replacement', 'STRING', undefined, 'HIGH', 'Replacement string.'),
  ],
  ReplaceField: [
    key(
      'exclude',
      'LIST',
      '',
      'MEDIUM',
      'Fields to exclude. This takes precedence over the fields to include.',
    ),
    key('include', 'LIST', '', 'MEDIUM', 'Fields to include. If specified, only these fields will be used.'),
    key('renames', 'LIST', '', 'MEDIUM', 'Field rename mappings.', RENAMES),
    FIELD_SYNTAX_VERSION,
  ],
  SetSchemaMetadata: [
    key('schema.name', 'STRING', null, 'HIGH', 'Schema name to set.'),
    key('schema.version', 'INT', null, 'HIGH', 'Schema version to set.'),
  ],
  TimestampConverter: [
    key(
      'field',
      'STRING',
      '',
      'HIGH',
      'The field containing the timestamp, or empty if the entire value is a timestamp',
    ),
    key(
      'target.type',
      'STRING',
      undefined,
      'HIGH',
      'The desired timestamp representation: string, unix, Date, Time, or Timestamp',
      { kind: 'in', values: ['string', 'unix', 'Date', 'Time', 'Timestamp'] },
    ),
    key(
      'format',
      'STRING',
      '',
      'MEDIUM',
      'A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.',
    ),
    key(
      'unix.precision',
      'STRING',
      'milliseconds',
      'LOW',
      'The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. Used to generate the output when type=unix or used to parse the input if the input is a Long.Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.',
      { kind: 'in', values: ['nanoseconds', 'microseconds', 'milliseconds', 'seconds'] },
    ),
    FIELD_SYNTAX_VERSION,
  ],
  TimestampRouter: [
    key(
      'topic.format',
      'STRING',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TimestampRouter's own placeholder syntax
      '${topic}-${timestamp}',
      'HIGH',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TimestampRouter's own placeholder syntax
      'Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders for the topic and timestamp, respectively.',
    ),
    key(
      'timestamp.format',
      'STRING',
      'yyyyMMdd',
      'HIGH',
      'Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.',
    ),
  ],
  ValueToKey: [
    key(
      'fields',
      'LIST',
      undefined,
      'HIGH',
      'Field names on the record value to extract as the record key.',
      {
        kind: 'nonEmptyList',
      },
    ),
    FIELD_SYNTAX_VERSION,
  ],
};

/** Transformations that come as `$Key` and `$Value` variants. */
const KEY_VALUE = new Set([
  'Cast',
  'ExtractField',
  'Flatten',
  'HeaderFrom',
  'HoistField',
  'InsertField',
  'MaskField',
  'ReplaceField',
  'SetSchemaMetadata',
  'TimestampConverter',
]);

function transformations(version: string): PluginDef[] {
  return Object.entries(TRANSFORM_CONFIGS).flatMap(([simple, configDefs]) => {
    const classes = KEY_VALUE.has(simple)
      ? [`${TRANSFORMS}.${simple}$Key`, `${TRANSFORMS}.${simple}$Value`]
      : [`${TRANSFORMS}.${simple}`];
    return classes.map((className) => ({
      className,
      type: 'transformation' as const,
      version,
      configDefs,
      location: 'classpath',
    }));
  });
}

function predicates(version: string): PluginDef[] {
  const p = `${TRANSFORMS}.predicates`;
  const defs: Array<[string, ConfigKeyDef[]]> = [
    [
      `${p}.HasHeaderKey`,
      [key('name', 'STRING', undefined, 'MEDIUM', 'The header name.', { kind: 'nonEmptyString' })],
    ],
    [`${p}.RecordIsTombstone`, []],
    [
      `${p}.TopicNameMatches`,
      [
        key(
          'pattern',
          'STRING',
          undefined,
          'MEDIUM',
          "A Java regular expression for matching against the name of a record's topic.",
          { kind: 'regex' },
        ),
      ],
    ],
  ];
  return defs.map(([className, configDefs]) => ({
    className,
    type: 'predicate',
    version,
    configDefs,
    location: 'classpath',
  }));
}

/** ConverterConfig.newConfigDef(): how the converter is used; the worker passes it in. */
const CONVERTER_TYPE = key('converter.type', 'STRING', undefined, 'LOW', 'How this converter will be used.', {
  kind: 'in',
  values: ['key', 'value', 'header'],
});

const JSON_CONVERTER_KEYS: ConfigKeyDef[] = [
  CONVERTER_TYPE,
  {
    name: 'schemas.enable',
    type: 'BOOLEAN',
    defaultValue: 'true',
    importance: 'HIGH',
    documentation: 'Include schemas within each of the serialized values and keys.',
    group: 'Schemas',
    width: 'MEDIUM',
    displayName: 'Enable Schemas',
    order: 0,
  },
  {
    name: 'schemas.cache.size',
    type: 'INT',
    defaultValue: '1000',
    importance: 'HIGH',
    documentation: 'The maximum number of schemas that can be cached in this converter instance.',
    group: 'Schemas',
    width: 'MEDIUM',
    displayName: 'Schema Cache Size',
    order: 1,
  },
  {
    name: 'decimal.format',
    type: 'STRING',
    defaultValue: 'BASE64',
    importance: 'LOW',
    documentation:
      "Controls which format this converter will serialize decimals in. This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'",
    group: 'Serialization',
    width: 'MEDIUM',
    displayName: 'Decimal Format',
    order: 0,
    validator: { kind: 'in', values: ['BASE64', 'NUMERIC'], caseInsensitive: true },
  },
  {
    name: 'replace.null.with.default',
    type: 'BOOLEAN',
    defaultValue: 'true',
    importance: 'LOW',
    documentation:
      'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
    group: 'Serialization',
    width: 'MEDIUM',
    displayName: 'Replace null with default',
    order: 1,
  },
];

const STRING_CONVERTER_KEYS: ConfigKeyDef[] = [
  CONVERTER_TYPE,
  {
    name: 'converter.encoding',
    type: 'STRING',
    defaultValue: 'UTF-8',
    importance: 'HIGH',
    documentation: 'The name of the Java character set to use for encoding strings as byte arrays.',
    group: 'Converter',
    width: 'MEDIUM',
    displayName: 'Encoding',
    order: 0,
  },
];

function converters(version: string): PluginDef[] {
  const c = 'org.apache.kafka.connect.converters';
  const both: Array<[string, ConfigKeyDef[]]> = [
    [`${c}.BooleanConverter`, [CONVERTER_TYPE]],
    [`${c}.ByteArrayConverter`, [CONVERTER_TYPE]],
    [`${c}.DoubleConverter`, [CONVERTER_TYPE]],
    [`${c}.FloatConverter`, [CONVERTER_TYPE]],
    [`${c}.IntegerConverter`, [CONVERTER_TYPE]],
    [`${c}.LongConverter`, [CONVERTER_TYPE]],
    [`${c}.ShortConverter`, [CONVERTER_TYPE]],
    ['org.apache.kafka.connect.json.JsonConverter', JSON_CONVERTER_KEYS],
    ['org.apache.kafka.connect.storage.StringConverter', STRING_CONVERTER_KEYS],
  ];
  const asType =
    (type: 'converter' | 'header_converter') =>
    ([className, configDefs]: [string, ConfigKeyDef[]]) =>
      ({ className, type, version, configDefs, location: 'classpath' }) satisfies PluginDef;
  return [
    ...both.map(asType('converter')),
    ...both.map(asType('header_converter')),
    asType('header_converter')(['org.apache.kafka.connect.storage.SimpleHeaderConverter', []]),
  ];
}

/** Every non-connector plugin an Apache Kafka worker of this version lists. */
export function apacheNonConnectorPlugins(version: string): PluginDef[] {
  return [...transformations(version), ...predicates(version), ...converters(version)];
}

// ── third-party plugins installed alongside the third-party connectors ─────────

const SCHEMA_REGISTRY_KEYS: ConfigKeyDef[] = [
  key(
    'schema.registry.url',
    'LIST',
    undefined,
    'HIGH',
    "Comma-separated list of URLs for Schema Registry instances that can be used to register or look up schemas. If you wish to get a connection to a mocked schema registry for testing, you can specify a scope using the 'mock://' pseudo-protocol. For example, 'mock://my-scope-name' corresponds to 'MockSchemaRegistry.getClientForScope(\"my-scope-name\")'.",
  ),
  key(
    'auto.register.schemas',
    'BOOLEAN',
    'true',
    'MEDIUM',
    'Specify if the Serializer should attempt to register the Schema with Schema Registry',
  ),
  key(
    'use.latest.version',
    'BOOLEAN',
    'false',
    'LOW',
    'Only applies when auto.register.schemas is set to false. If auto.register.schemas is set to false and use.latest.version is set to true, then instead of deriving a schema for the object passed to the client for serialization, Schema Registry will use the latest version of the schema in the subject for serialization.',
  ),
  key(
    'basic.auth.credentials.source',
    'STRING',
    'URL',
    'MEDIUM',
    'Specify how to pick the credentials for Basic Auth header. The supported values are URL, USER_INFO and SASL_INHERIT',
  ),
  key(
    'basic.auth.user.info',
    'PASSWORD',
    '',
    'MEDIUM',
    'Specify the user info for Basic Auth in the form of {username}:{password}',
  ),
  key(
    'key.subject.name.strategy',
    'CLASS',
    'io.confluent.kafka.serializers.subject.TopicNameStrategy',
    'MEDIUM',
    'Determines how to construct the subject name under which the key schema is registered with the schema registry. By default, <topic>-key is used as subject.',
  ),
  key(
    'value.subject.name.strategy',
    'CLASS',
    'io.confluent.kafka.serializers.subject.TopicNameStrategy',
    'MEDIUM',
    'Determines how to construct the subject name under which the value schema is registered with the schema registry. By default, <topic>-value is used as subject.',
  ),
  key(
    'max.schemas.per.subject',
    'INT',
    '1000',
    'LOW',
    'Maximum number of schemas to create or cache locally.',
  ),
];

const DEBEZIUM_TRANSFORMS: Array<[string, ConfigKeyDef[]]> = [
  [
    'io.debezium.transforms.ExtractNewRecordState',
    [
      key(
        'drop.tombstones',
        'BOOLEAN',
        'true',
        'LOW',
        'Debezium by default generates a tombstone record to enable Kafka compaction after a delete record was generated. This record is usually filtered out to avoid duplicates as a delete record is converted to a tombstone record, too',
      ),
      key(
        'delete.handling.mode',
        'STRING',
        'drop',
        'MEDIUM',
        'How to handle delete records. Options are: none - records are passed,drop - records are removed (the default),rewrite - __deleted field is added to records.',
        { kind: 'in', values: ['drop', 'rewrite', 'none'] },
      ),
      key(
        'add.fields',
        'LIST',
        '',
        'LOW',
        "Adds each field listed, prefixed with __ (or __<struct>_ if the struct is specified). Example: 'version,connector,source.ts_ms' would add __version, __connector and __source_ts_ms fields. Optionally one can also map new field name like version:VERSION,connector:CONNECTOR,source.ts_ms:EVENT_TIMESTAMP.Please note that the new field name is case-sensitive.",
      ),
    ],
  ],
  [
    'io.debezium.transforms.ByLogicalTableRouter',
    [
      key(
        'topic.regex',
        'STRING',
        undefined,
        'LOW',
        'The regex used for extracting the name of the logical table from the original topic name.',
        { kind: 'regex' },
      ),
      key(
        'topic.replacement',
        'STRING',
        undefined,
        'LOW',
        'The replacement string used in conjunction with topic.regex. This will be used to create the new topic name.',
      ),
    ],
  ],
];

/** Confluent's Schema Registry converters and Debezium's SMTs, as a Confluent image would have them. */
export function thirdPartyNonConnectorPlugins(): PluginDef[] {
  const confluent = `${PLUGIN_PATH_URL}confluentinc-kafka-connect-avro-converter/`;
  return [
    ...[
      'io.confluent.connect.avro.AvroConverter',
      'io.confluent.connect.json.JsonSchemaConverter',
      'io.confluent.connect.protobuf.ProtobufConverter',
    ].map(
      (className): PluginDef => ({
        className,
        type: 'converter',
        version: '7.9.0',
        configDefs: SCHEMA_REGISTRY_KEYS,
        location: confluent,
      }),
    ),
    ...DEBEZIUM_TRANSFORMS.map(
      ([className, configDefs]): PluginDef => ({
        className,
        type: 'transformation',
        version: '2.7.3.Final',
        configDefs,
        location: `${PLUGIN_PATH_URL}debezium-connector-mysql/`,
      }),
    ),
  ];
}
