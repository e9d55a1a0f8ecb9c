// The ConfigDefs the Connect framework adds to every connector: ConnectorConfig (common keys), then
// SourceConnectorConfig or SinkConnectorConfig on top. Documentation, groups, widths, orders and
// defaults of the common and source keys are verbatim from a Kafka 4.0 worker (fixture
// 04-plugin-config-def.txt); the sink keys are SinkConnectorConfig's.
//
// Also here: how Kafka's ConfigDef parses and prints values (parseType, convertToString,
// ConfigKeyInfo), and Java HashMap iteration order, which leaks into several REST outputs.
import type { ConfigKeyInfo, ConfigType, ConnectorConfig, ConnectorOffset } from '../../connect/types.js';
import { parseEmulatedVersion } from '../emulated-version.js';
import type { ConfigKeyDef, ConfigValidator, ParsedValue } from './types.js';

/** SourceConnectorConfig's LambdaValidator on transaction.boundary.interval.ms. */
const NOT_NEGATIVE: ConfigValidator = {
  kind: 'custom',
  check: (name, value) =>
    typeof value === 'bigint' && value < 0n
      ? `Invalid value ${value} for configuration ${name}: Must be positive`
      : undefined,
};

/** ConnectorConfig.configDef(): the keys every connector has, in definition order. */
export const COMMON_CONNECTOR_KEYS: readonly ConfigKeyDef[] = [
  {
    name: 'name',
    type: 'STRING',
    importance: 'HIGH',
    documentation: 'Globally unique name to use for this connector.',
    group: 'Common',
    width: 'MEDIUM',
    displayName: 'Connector name',
    order: 1,
    validator: { kind: 'nonEmptyStringWithoutControlChars' },
  },
  {
    name: 'connector.class',
    type: 'STRING',
    importance: 'HIGH',
    documentation:
      'Name or alias of the class for this connector. Must be a subclass of org.apache.kafka.connect.connector.Connector. If the connector is org.apache.kafka.connect.file.FileStreamSinkConnector, you can either specify this full name,  or use "FileStreamSink" or "FileStreamSinkConnector" to make the configuration a bit shorter',
    group: 'Common',
    width: 'LONG',
    displayName: 'Connector class',
    order: 2,
  },
  {
    name: 'tasks.max',
    type: 'INT',
    defaultValue: '1',
    importance: 'HIGH',
    documentation: 'Maximum number of tasks to use for this connector.',
    group: 'Common',
    width: 'SHORT',
    displayName: 'Tasks max',
    order: 3,
    validator: { kind: 'atLeast', min: 1 },
  },
  {
    name: 'tasks.max.enforce',
    type: 'BOOLEAN',
    defaultValue: 'true',
    importance: 'LOW',
    documentation:
      '(Deprecated) Whether to enforce that the tasks.max property is respected by the connector. By default, connectors that generate too many tasks will fail, and existing sets of tasks that exceed the tasks.max property will also be failed. If this property is set to false, then connectors will be allowed to generate more than the maximum number of tasks, and existing sets of tasks that exceed the tasks.max property will be allowed to run. This property is deprecated and will be removed in an upcoming major release.',
    group: 'Common',
    width: 'SHORT',
    displayName: 'Enforce tasks max',
    order: 4,
    since: '3.8',
  },
  {
    name: 'key.converter',
    type: 'CLASS',
    defaultValue: null,
    importance: 'LOW',
    documentation:
      'Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the keys in messages written to or read from Kafka, and since this is independent of connectors it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro.',
    group: 'Common',
    width: 'SHORT',
    displayName: 'Key converter class',
    order: 5,
    validator: { kind: 'pluginClass', pluginType: 'converter', interfaceName: 'Converter' },
  },
  {
    name: 'value.converter',
    type: 'CLASS',
    defaultValue: null,
    importance: 'LOW',
    documentation:
      'Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the values in messages written to or read from Kafka, and since this is independent of connectors it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro.',
    group: 'Common',
    width: 'SHORT',
    displayName: 'Value converter class',
    order: 6,
    validator: { kind: 'pluginClass', pluginType: 'converter', interfaceName: 'Converter' },
  },
  {
    name: 'header.converter',
    type: 'CLASS',
    defaultValue: null,
    importance: 'LOW',
    documentation:
      'HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the header values in messages written to or read from Kafka, and since this is independent of connectors it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro. By default, the SimpleHeaderConverter is used to serialize header values to strings and deserialize them by inferring the schemas.',
    group: 'Common',
    width: 'SHORT',
    displayName: 'Header converter class',
    order: 7,
    validator: { kind: 'pluginClass', pluginType: 'header_converter', interfaceName: 'HeaderConverter' },
    since: '1.1',
  },
  {
    name: 'transforms',
    type: 'LIST',
    defaultValue: '',
    importance: 'LOW',
    documentation: 'Aliases for the transformations to be applied to records.',
    group: 'Transforms',
    width: 'LONG',
    displayName: 'Transforms',
    order: 8,
    validator: { kind: 'uniqueAliases' },
  },
  {
    name: 'predicates',
    type: 'LIST',
    defaultValue: '',
    importance: 'LOW',
    documentation: 'Aliases for the predicates used by transformations.',
    group: 'Predicates',
    width: 'LONG',
    displayName: 'Predicates',
    order: 9,
    validator: { kind: 'uniqueAliases' },
    since: '2.6',
  },
  {
    name: 'config.action.reload',
    type: 'STRING',
    defaultValue: 'restart',
    importance: 'LOW',
    documentation:
      "The action that Connect should take on the connector when changes in external configuration providers result in a change in the connector's configuration properties. A value of 'none' indicates that Connect will do nothing. A value of 'restart' indicates that Connect should restart/reload the connector with the updated configuration properties.The restart may actually be scheduled in the future if the external configuration provider indicates that a configuration value will expire in the future.",
    group: 'Common',
    width: 'MEDIUM',
    displayName: 'Reload Action',
    order: 10,
    validator: { kind: 'in', values: ['none', 'restart'] },
    since: '2.3',
  },
  {
    name: 'errors.retry.timeout',
    type: 'LONG',
    defaultValue: '0',
    importance: 'MEDIUM',
    documentation:
      'The maximum duration in milliseconds that a failed operation will be reattempted. The default is 0, which means no retries will be attempted. Use -1 for infinite retries.',
    group: 'Error Handling',
    width: 'MEDIUM',
    displayName: 'Retry Timeout for Errors',
    order: 1,
    since: '2.0',
  },
  {
    name: 'errors.retry.delay.max.ms',
    type: 'LONG',
    defaultValue: '60000',
    importance: 'MEDIUM',
    documentation:
      'The maximum duration in milliseconds between consecutive retry attempts. Jitter will be added to the delay once this limit is reached to prevent thundering herd issues.',
    group: 'Error Handling',
    width: 'MEDIUM',
    displayName: 'Maximum Delay Between Retries for Errors',
    order: 2,
    since: '2.0',
  },
  {
    name: 'errors.tolerance',
    type: 'STRING',
    defaultValue: 'none',
    importance: 'MEDIUM',
    documentation:
      "Behavior for tolerating errors during connector operation. 'none' is the default value and signals that any error will result in an immediate connector task failure; 'all' changes the behavior to skip over problematic records.",
    group: 'Error Handling',
    width: 'SHORT',
    displayName: 'Error Tolerance',
    order: 3,
    validator: { kind: 'in', values: ['none', 'all'] },
    since: '2.0',
  },
  {
    name: 'errors.log.enable',
    type: 'BOOLEAN',
    defaultValue: 'false',
    importance: 'MEDIUM',
    documentation:
      "If true, write each error and the details of the failed operation and problematic record to the Connect application log. This is 'false' by default, so that only errors that are not tolerated are reported.",
    group: 'Error Handling',
    width: 'SHORT',
    displayName: 'Log Errors',
    order: 4,
    since: '2.0',
  },
  {
    name: 'errors.log.include.messages',
    type: 'BOOLEAN',
    defaultValue: 'false',
    importance: 'MEDIUM',
    documentation:
      "Whether to include in the log the Connect record that resulted in a failure. For sink records, the topic, partition, offset, and timestamp will be logged. For source records, the key and value (and their schemas), all headers, and the timestamp, Kafka topic, Kafka partition, source partition, and source offset will be logged. This is 'false' by default, which will prevent record keys, values, and headers from being written to log files.",
    group: 'Error Handling',
    width: 'SHORT',
    displayName: 'Log Error Details',
    order: 5,
    since: '2.0',
  },
];

/** SourceConnectorConfig's additions (topic creation, exactly-once, per-connector offsets topic). */
export const SOURCE_CONNECTOR_KEYS: readonly ConfigKeyDef[] = [
  {
    name: 'topic.creation.groups',
    type: 'LIST',
    defaultValue: '',
    importance: 'LOW',
    documentation: 'Groups of configurations for topics created by source connectors',
    group: 'Topic Creation',
    width: 'LONG',
    displayName: 'Topic Creation Groups',
    order: 1,
    validator: { kind: 'uniqueAliases' },
    since: '2.6',
  },
  {
    name: 'exactly.once.support',
    type: 'STRING',
    defaultValue: 'requested',
    importance: 'MEDIUM',
    documentation:
      'Permitted values are requested, required. If set to "required", forces a preflight check for the connector to ensure that it can provide exactly-once semantics with the given configuration. Some connectors may be capable of providing exactly-once semantics but not signal to Connect that they support this; in that case, documentation for the connector should be consulted carefully before creating it, and the value for this property should be set to "requested". Additionally, if the value is set to "required" but the worker that performs preflight validation does not have exactly-once support enabled for source connectors, requests to create or validate the connector will fail.',
    group: 'Exactly Once Support',
    width: 'SHORT',
    displayName: 'Exactly once support',
    order: 2,
    validator: { kind: 'in', values: ['requested', 'required'], caseInsensitive: true },
    since: '3.3',
  },
  {
    name: 'transaction.boundary',
    type: 'STRING',
    defaultValue: 'poll',
    importance: 'MEDIUM',
    documentation:
      "Permitted values are: poll, interval, connector. If set to 'poll', a new producer transaction will be started and committed for every batch of records that each task from this connector provides to Connect. If set to 'connector', relies on connector-defined transaction boundaries; note that not all connectors are capable of defining their own transaction boundaries, and in that case, attempts to instantiate a connector with this value will fail. Finally, if set to 'interval', commits transactions only after a user-defined time interval has passed.",
    group: 'Exactly Once Support',
    width: 'SHORT',
    displayName: 'Transaction Boundary',
    order: 3,
    validator: { kind: 'in', values: ['poll', 'interval', 'connector'], caseInsensitive: true },
    since: '3.3',
  },
  {
    name: 'transaction.boundary.interval.ms',
    type: 'LONG',
    defaultValue: null,
    importance: 'LOW',
    documentation:
      "If 'transaction.boundary' is set to 'interval', determines the interval for producer transaction commits by connector tasks. If unset, defaults to the value of the worker-level 'offset.flush.interval.ms' property. It has no effect if a different transaction.boundary is specified.",
    group: 'Exactly Once Support',
    width: 'SHORT',
    displayName: 'Transaction boundary interval',
    order: 4,
    validator: NOT_NEGATIVE,
    since: '3.3',
  },
  {
    name: 'offsets.storage.topic',
    type: 'STRING',
    defaultValue: null,
    importance: 'LOW',
    documentation:
      "The name of a separate offsets topic to use for this connector. If empty or not specified, the worker’s global offsets topic name will be used. If specified, the offsets topic will be created if it does not already exist on the Kafka cluster targeted by this connector (which may be different from the one used for the worker's global offsets topic if the bootstrap.servers property of the connector's producer has been overridden from the worker's). Only applicable in distributed mode; in standalone mode, setting this property will have no effect.",
    group: 'offsets.topic',
    width: 'LONG',
    displayName: 'Offsets topic',
    order: 1,
    validator: { kind: 'nonEmptyString' },
    since: '3.3',
  },
];

/** SinkConnectorConfig's additions: what to consume, and the dead letter queue. */
export const SINK_CONNECTOR_KEYS: readonly ConfigKeyDef[] = [
  {
    name: 'topics',
    type: 'LIST',
    defaultValue: '',
    importance: 'HIGH',
    documentation: 'List of topics to consume, separated by commas',
    group: 'Common',
    width: 'LONG',
    displayName: 'Topics',
    order: 4,
  },
  {
    name: 'topics.regex',
    type: 'STRING',
    defaultValue: '',
    importance: 'HIGH',
    documentation:
      'Regular expression giving topics to consume. Under the hood, the regex is compiled to a <code>java.util.regex.Pattern</code>. Only one of topics or topics.regex should be specified.',
    group: 'Common',
    width: 'LONG',
    displayName: 'Topics regex',
    order: 4,
    validator: { kind: 'regex' },
    since: '1.1',
  },
  {
    name: 'errors.deadletterqueue.topic.name',
    type: 'STRING',
    defaultValue: '',
    importance: 'MEDIUM',
    documentation:
      'The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an error when processed by this sink connector, or its transformations or converters. The topic name is blank by default, which means that no messages are to be recorded in the DLQ.',
    group: 'Error Handling',
    width: 'MEDIUM',
    displayName: 'Dead Letter Queue Topic Name',
    order: 6,
    since: '2.0',
  },
  {
    name: 'errors.deadletterqueue.topic.replication.factor',
    type: 'SHORT',
    defaultValue: '3',
    importance: 'MEDIUM',
    documentation:
      "Replication factor used to create the dead letter queue topic when it doesn't already exist.",
    group: 'Error Handling',
    width: 'MEDIUM',
    displayName: 'Dead Letter Queue Topic Replication Factor',
    order: 7,
    since: '2.0',
  },
  {
    name: 'errors.deadletterqueue.context.headers.enable',
    type: 'BOOLEAN',
    defaultValue: 'false',
    importance: 'MEDIUM',
    documentation:
      'If true, add headers containing error context to the messages written to the dead letter queue. To avoid clashing with headers from the original record, all error context header keys, all error context header keys will start with <code>__connect.errors.</code>',
    group: 'Error Handling',
    width: 'MEDIUM',
    displayName: 'Enable Error Context Headers',
    order: 8,
    since: '2.0',
  },
];

/** An Apache Kafka version, major and minor ("7.9.0-ccs" → 3.9). */
export interface ApacheVersion {
  major: number;
  minor: number;
}

/** The Apache version behind a reported worker version; 4.0 when it cannot be read. */
export function apacheVersion(reported: string | undefined): ApacheVersion {
  if (reported === undefined) return { major: 4, minor: 0 };
  try {
    const { major, minor } = parseEmulatedVersion(reported);
    return { major, minor };
  } catch {
    return { major: 4, minor: 0 };
  }
}

/** Numeric "major.minor" comparison; versions are Apache ones ("3.9"), already mapped from Confluent. */
export function versionAtLeast(version: ApacheVersion, since: string): boolean {
  const [major, minor] = since.split('.').map(Number) as [number, number];
  return version.major > major || (version.major === major && version.minor >= minor);
}

/**
 * The common keys a worker of this version defines. Keys that did not exist yet are left out and,
 * as ConnectorConfig numbers them with one running counter, the later orders close up.
 */
export function commonConnectorKeys(version: ApacheVersion): ConfigKeyDef[] {
  const present = COMMON_CONNECTOR_KEYS.filter((k) => !k.since || versionAtLeast(version, k.since));
  let mainOrder = 0;
  let errorOrder = 0;
  return present.map((k) => ({ ...k, order: k.group === 'Error Handling' ? ++errorOrder : ++mainOrder }));
}

/** ConnectorConfig + SourceConnectorConfig/SinkConnectorConfig keys for this worker version. */
export function frameworkKeys(
  type: 'source' | 'sink',
  version: { major: number; minor: number },
): ConfigKeyDef[] {
  const extra = type === 'source' ? SOURCE_CONNECTOR_KEYS : SINK_CONNECTOR_KEYS;
  return [
    ...commonConnectorKeys(version),
    ...extra.filter((k) => !k.since || versionAtLeast(version, k.since)),
  ];
}

// ── Java value semantics ─────────────────────────────────────────────────────

/** Java's String.hashCode (UTF-16 code units, 32-bit overflow). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** HashMap.tableSizeFor: the next power of two. */
function tableSizeFor(n: number): number {
  let cap = 1;
  while (cap < n) cap *= 2;
  return cap;
}

/**
 * The iteration order of a java.util.HashMap/HashSet holding `keys` (inserted in this order): by
 * bucket, then insertion order within a bucket. `copied` models `new HashMap<>(otherMap)`, which
 * pre-sizes its table from the source's size instead of growing from 16.
 */
export function javaHashOrder(keys: readonly string[], copied = false): string[] {
  const unique = [...new Set(keys)];
  let capacity: number;
  if (copied) capacity = tableSizeFor(Math.max(1, Math.floor(unique.length / 0.75 + 1)));
  else {
    capacity = 16;
    while (unique.length > capacity * 0.75) capacity *= 2;
  }
  const bucket = (k: string) => {
    const h = javaStringHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return unique
    .map((k, i) => ({ k, i, b: bucket(k) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.k);
}

/** An object whose own keys are re-inserted in Java HashMap order (JSON then serialises them that way). */
export function inJavaHashOrder<T>(entries: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of javaHashOrder(Object.keys(entries))) out[k] = entries[k]!;
  return out;
}

/** Double.toString: "1.0", "0.5", "1.0E7", "1.25E-4". */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = d.toExponential().split('e') as [string, string];
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${Number(exponent)}`;
}

const JAVA_CLASS_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** Whether `name` could be a binary class name at all (Class.forName would even try). */
export function isJavaClassName(name: string): boolean {
  return JAVA_CLASS_NAME.test(name);
}

const INT_RANGE = { INT: [-2147483648, 2147483647], SHORT: [-32768, 32767] } as const;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const JAVA_DOUBLE = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;

export type ParseResult = { ok: true; value: ParsedValue } | { ok: false; error: string };

/** ConfigException(name, value, message).getMessage(). */
export function invalidValue(name: string, shown: string, message: string): string {
  return `Invalid value ${shown} for configuration ${name}: ${message}`;
}

/**
 * ConfigDef.parseType for a string value (JSON config maps only carry strings). `resolveClass`
 * answers what the worker's class loader would load for a CLASS value (FQCN), or undefined.
 */
export function parseType(
  name: string,
  raw: string,
  type: ConfigType,
  resolveClass: (className: string) => string | undefined = (c) => (isJavaClassName(c) ? c : undefined),
): ParseResult {
  const trimmed = raw.trim();
  const notANumber = { ok: false, error: invalidValue(name, raw, `Not a number of type ${type}`) } as const;
  switch (type) {
    case 'BOOLEAN':
      if (trimmed.toLowerCase() === 'true') return { ok: true, value: true };
      if (trimmed.toLowerCase() === 'false') return { ok: true, value: false };
      return { ok: false, error: invalidValue(name, raw, 'Expected value to be either true or false') };
    case 'PASSWORD':
      return { ok: true, value: { password: trimmed } };
    case 'STRING':
      return { ok: true, value: trimmed };
    case 'INT':
    case 'SHORT': {
      if (!/^[+-]?\d+$/.test(trimmed)) return notANumber;
      const n = Number(trimmed);
      const [min, max] = INT_RANGE[type];
      return n < min || n > max ? notANumber : { ok: true, value: n };
    }
    case 'LONG': {
      if (!/^[+-]?\d+$/.test(trimmed)) return notANumber;
      const n = BigInt(trimmed);
      return n < LONG_MIN || n > LONG_MAX ? notANumber : { ok: true, value: n };
    }
    case 'DOUBLE': {
      if (!JAVA_DOUBLE.test(trimmed)) return notANumber;
      const n = Number(trimmed.replace(/[fFdD]$/, ''));
      return { ok: true, value: n };
    }
    case 'LIST':
      return { ok: true, value: trimmed === '' ? [] : trimmed.split(/\s*,\s*/) };
    case 'CLASS': {
      const found = resolveClass(trimmed);
      return found === undefined
        ? { ok: false, error: invalidValue(name, raw, `Class ${raw} could not be found.`) }
        : { ok: true, value: { className: found } };
    }
  }
}

/** ConfigDef.convertToString: how validate and plugin config render a parsed value. */
export function convertToString(value: ParsedValue, type: ConfigType | undefined): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object') return 'password' in value ? '[hidden]' : value.className;
  if (typeof value === 'number' && type === 'DOUBLE') return javaDoubleToString(value);
  return String(value);
}

/** What `"Invalid value " + value` prints for a parsed value (Java's toString of it). */
export function javaToString(value: ParsedValue, type: ConfigType | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (typeof value === 'object') return 'password' in value ? '[hidden]' : `class ${value.className}`;
  if (typeof value === 'number' && type === 'DOUBLE') return javaDoubleToString(value);
  return String(value);
}

/** A key's default as the framework holds it (parsed), or undefined when the key is required. */
export function parsedDefault(def: ConfigKeyDef): ParsedValue | undefined {
  if (def.defaultValue === undefined) return undefined;
  if (def.defaultValue === null) return null;
  const parsed = parseType(def.name, def.defaultValue, def.type, (c) => c);
  return parsed.ok ? parsed.value : null;
}

/** AbstractHerder.convertConfigKey: the REST ConfigKeyInfo of a key, its name prefixed. */
export function configKeyInfo(def: ConfigKeyDef, prefix = ''): ConfigKeyInfo {
  const parsed = parsedDefault(def);
  return {
    name: prefix + def.name,
    type: def.type,
    required: parsed === undefined,
    default_value: parsed === undefined ? null : convertToString(parsed, def.type),
    importance: def.importance,
    documentation: def.documentation,
    group: def.group,
    width: def.width,
    display_name: def.displayName ?? def.name,
    dependents: (def.dependents ?? []).map((d) => prefix + d),
    order: def.order,
  };
}

// ── runtime behaviour shared by connectors ────────────────────────────────────

/** plugin.path of the recorded worker, as PluginDesc prints plugin locations. */
export const PLUGIN_PATH_URL = 'file:/var/lib/connect-demo/plugins/';

/** A LIST config value as ConfigDef parses it (trimmed, comma-separated, empties dropped). */
export function listValue(config: ConnectorConfig, key: string): string[] {
  const raw = config[key]?.trim() ?? '';
  return raw === '' ? [] : raw.split(/\s*,\s*/).filter((s) => s !== '');
}

/** tasks.max as the worker reads it (1 when absent or unparsable, which validation rejects anyway). */
export function tasksMax(config: ConnectorConfig): number {
  const n = Number.parseInt(config['tasks.max']?.trim() ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

/** A sink's subscribed topics: the `topics` list (topics.regex matches are unknown to the emulator). */
export function sinkTopics(config: ConnectorConfig): string[] {
  return [...new Set(listValue(config, 'topics'))];
}

/** A stable number in [lo, lo + span) derived from `seed`, for plausible offsets. */
export function stableNumber(seed: string, lo: number, span: number): number {
  return lo + (Math.abs(javaStringHash(seed)) % span);
}

/**
 * A sink connector's committed consumer offsets (fixture 45 shape): `partitions` partitions of each
 * subscribed topic. The partition map is a Java HashMap, hence kafka_partition before kafka_topic.
 */
export function sinkOffsets(config: ConnectorConfig, partitions: number): ConnectorOffset[] {
  return sinkTopics(config).flatMap((topic) =>
    Array.from({ length: partitions }, (_, p) => ({
      partition: inJavaHashOrder<unknown>({ kafka_topic: topic, kafka_partition: p }),
      offset: { kafka_offset: stableNumber(`${topic}-${p}`, 1, 50_000) },
    })),
  );
}

/** The short ConfigDef.define() form: no group, no width, order -1 (plugins' own keys). */
export function ungroupedKey(
  name: string,
  type: ConfigKeyDef['type'],
  defaultValue: string | null | undefined,
  importance: ConfigKeyDef['importance'],
  documentation: string,
  extra: Partial<ConfigKeyDef> = {},
): ConfigKeyDef {
  return {
    name,
    type,
    defaultValue,
    importance,
    documentation,
    group: null,
    width: 'NONE',
    order: -1,
    ...extra,
  };
}
