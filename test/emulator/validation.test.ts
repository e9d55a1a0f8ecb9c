// Config validation (§3.21, §4.2) against a real Kafka Connect 4.0 worker's transcripts, and
// Kafka's ConfigDef wording for every type and validator.
import { describe, expect, it } from 'vitest';
import type { ConfigInfo, ConfigInfos } from '../../src/connect/types.js';
import { getCatalogue } from '../../src/emulator/plugins/index.js';
import type { PluginDef } from '../../src/emulator/plugins/types.js';
import {
  checkValidatePath,
  configErrorsMessage,
  javaMapToString,
  javaPatternError,
  type ValidationOptions,
  validateConnectorConfig,
} from '../../src/emulator/validation.js';
import { jsonBody, loadTranscript } from '../support/transcript.js';

function infos(config: Record<string, unknown>, opts?: ValidationOptions): ConfigInfos {
  const result = validateConnectorConfig(config, opts);
  if (!result.ok) throw new Error(`expected 200, got ${result.status}: ${result.message}`);
  return result.infos;
}

function entry(result: ConfigInfos, name: string): ConfigInfo {
  const found = result.configs.find((c) => (c.definition?.name ?? c.value?.name) === name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
}

function errorsOf(result: ConfigInfos, name: string): string[] {
  return entry(result, name).value?.errors ?? [];
}

const SOURCE = { name: 'src', 'connector.class': 'FileStreamSource', topic: 't' };
const SINK = { name: 'snk', 'connector.class': 'FileStreamSink', topics: 't' };

describe('validate against the 4.0 worker (fixtures 18–21)', () => {
  it('answers a valid config exactly like fixture 18 (every entry, byte for byte)', () => {
    const t = loadTranscript('18-validate-ok.txt');
    expect(JSON.stringify(infos(JSON.parse(t.requestBody)))).toBe(t.body);
  });

  it('answers an invalid config exactly like fixture 19 (200, error_count 3)', () => {
    const t = loadTranscript('19-validate-error.txt');
    expect(t.status).toBe(200);
    expect(JSON.stringify(infos(JSON.parse(t.requestBody)))).toBe(t.body);
  });

  it('answers an unknown connector class with the 500 of fixture 20', () => {
    const t = loadTranscript('20-validate-unknown-plugin.txt');
    const message = jsonBody<{ message: string }>(t).message;
    const apacheOnly = validateConnectorConfig(JSON.parse(t.requestBody), { apacheOnly: true });
    expect(apacheOnly).toEqual({ ok: false, status: 500, message });
    // With the third-party plugins installed they are listed too (first: their packages sort first).
    const full = validateConnectorConfig(JSON.parse(t.requestBody));
    if (full.ok) throw new Error('expected an error');
    expect(full.status).toBe(500);
    expect(full.message.startsWith(message.slice(0, message.indexOf('PluginDesc')))).toBe(true);
    expect(full.message.endsWith(message.slice(message.indexOf('PluginDesc'))));
  });

  it('builds the 400 message of a create with a missing topic exactly like fixture 21', () => {
    const t = loadTranscript('21-create-invalid.txt');
    const request = JSON.parse(t.requestBody) as { name: string; config: Record<string, string> };
    // POST /connectors puts the name into the config before validating.
    const result = infos({ ...request.config, name: request.name });
    expect(configErrorsMessage(result)).toBe(jsonBody<{ message: string }>(t).message);
  });

  it('lists the §9.4 entries for a sink with tasks.max 0 and no topics', () => {
    const result = infos({ 'connector.class': 'FileStreamSink', name: 's1', 'tasks.max': '0' });
    expect(result.name).toBe('FileStreamSink');
    expect(result.error_count).toBe(3);
    expect(result.groups).toEqual(['Common', 'Transforms', 'Predicates', 'Error Handling']);
    expect(entry(result, 'topics.regex')).toEqual({
      definition: {
        name: 'topics.regex',
        type: 'STRING',
        required: false,
        default_value: '',
        importance: 'HIGH',
        documentation:
          'Regular expression giving topics to consume. Under the hood, the regex is compiled to a <code>java.util.regex.Pattern</code>. Only one of topics or topics.regex should be specified.',
        group: 'Common',
        width: 'LONG',
        display_name: 'Topics regex',
        dependents: [],
        order: 4,
      },
      value: {
        name: 'topics.regex',
        value: '',
        recommended_values: [],
        errors: ['Must configure one of topics or topics.regex'],
        visible: true,
      },
    });
    expect(entry(result, 'file')).toEqual({
      definition: {
        name: 'file',
        type: 'STRING',
        required: false,
        default_value: null,
        importance: 'HIGH',
        documentation: 'Destination filename. If not specified, the standard output will be used',
        group: null,
        width: 'NONE',
        display_name: 'file',
        dependents: [],
        order: -1,
      },
      value: { name: 'file', value: null, recommended_values: [], errors: [], visible: true },
    });
  });

  it('words the §4.2 create error for a sink without topics', () => {
    expect(configErrorsMessage(infos({ 'connector.class': 'FileStreamSink', name: 's1' }))).toBe(
      'Connector configuration is invalid and contains the following 2 error(s):\nMust configure one of topics or topics.regex\nMust configure one of topics or topics.regex\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
    );
  });
});

describe('request-level errors', () => {
  it('answers 400 without connector.class, printing the map like Java', () => {
    expect(validateConnectorConfig({ name: 'x', 'tasks.max': 1 })).toEqual({
      ok: false,
      status: 400,
      message: 'Connector config {name=x, tasks.max=1} contains no connector type',
    });
    expect(validateConnectorConfig({})).toEqual({
      ok: false,
      status: 400,
      message: 'Connector config {} contains no connector type',
    });
    expect(validateConnectorConfig({ 'connector.class': null, name: 'x' })).toMatchObject({ status: 400 });
    expect(javaMapToString({ a: null })).toBe('{a=null}');
  });

  it('checks the path plugin against the body loosely (suffix match, Connector pruned)', () => {
    expect(checkValidatePath('FileStreamSinkConnector', 'FileStreamSink')).toBeUndefined();
    expect(
      checkValidatePath('Sink', 'org.apache.kafka.connect.file.FileStreamSinkConnector'),
    ).toBeUndefined();
    expect(checkValidatePath('FileStreamSourceConnector', undefined)).toBeUndefined();
    expect(checkValidatePath('FileStreamSourceConnector', 'FileStreamSink')).toBe(
      'Included connector type FileStreamSink does not match request type FileStreamSourceConnector',
    );
  });
});

describe('ConfigDef parsing, per type', () => {
  it('INT: "Not a number of type INT", then the range validator on the null', () => {
    expect(errorsOf(infos({ ...SOURCE, 'tasks.max': 'abc' }), 'tasks.max')).toEqual([
      'Invalid value abc for configuration tasks.max: Not a number of type INT',
      'Invalid value null for configuration tasks.max: Value must be non-null',
    ]);
    expect(errorsOf(infos({ ...SOURCE, 'tasks.max': '2147483648' }), 'tasks.max')[0]).toBe(
      'Invalid value 2147483648 for configuration tasks.max: Not a number of type INT',
    );
    expect(entry(infos({ ...SOURCE, 'tasks.max': ' +007 ' }), 'tasks.max').value?.value).toBe('7');
  });

  it('SHORT and LONG', () => {
    expect(
      errorsOf(
        infos({ ...SINK, 'errors.deadletterqueue.topic.replication.factor': '40000' }),
        'errors.deadletterqueue.topic.replication.factor',
      ),
    ).toEqual([
      'Invalid value 40000 for configuration errors.deadletterqueue.topic.replication.factor: Not a number of type SHORT',
    ]);
    expect(errorsOf(infos({ ...SOURCE, 'errors.retry.timeout': '1.5' }), 'errors.retry.timeout')).toEqual([
      'Invalid value 1.5 for configuration errors.retry.timeout: Not a number of type LONG',
    ]);
    expect(
      entry(infos({ ...SOURCE, 'errors.retry.timeout': '9223372036854775807' }), 'errors.retry.timeout').value
        ?.value,
    ).toBe('9223372036854775807');
  });

  it('BOOLEAN: case-insensitive true/false only', () => {
    expect(errorsOf(infos({ ...SOURCE, 'errors.log.enable': 'yes' }), 'errors.log.enable')).toEqual([
      'Invalid value yes for configuration errors.log.enable: Expected value to be either true or false',
    ]);
    expect(entry(infos({ ...SOURCE, 'errors.log.enable': ' TRUE ' }), 'errors.log.enable').value?.value).toBe(
      'true',
    );
  });

  it('LIST: comma-split and trimmed, re-joined with ","', () => {
    expect(entry(infos({ ...SINK, topics: ' a , b,c ' }), 'topics').value?.value).toBe('a,b,c');
  });

  it('STRING values are trimmed', () => {
    expect(entry(infos({ ...SOURCE, name: '  padded  ' }), 'name').value?.value).toBe('padded');
  });

  it('CLASS: unknown classes, aliases resolved to the class name, wrong plugin types', () => {
    expect(
      errorsOf(infos({ ...SOURCE, 'key.converter': 'com.example.NoSuchConverter' }), 'key.converter'),
    ).toEqual([
      'Invalid value com.example.NoSuchConverter for configuration key.converter: Class com.example.NoSuchConverter could not be found.',
    ]);
    const alias = entry(infos({ ...SOURCE, 'value.converter': 'JsonConverter' }), 'value.converter');
    expect(alias.value).toMatchObject({ value: 'org.apache.kafka.connect.json.JsonConverter', errors: [] });
    expect(
      errorsOf(
        infos({ ...SOURCE, 'key.converter': 'org.apache.kafka.connect.file.FileStreamSinkConnector' }),
        'key.converter',
      ),
    ).toEqual([
      'Class class org.apache.kafka.connect.file.FileStreamSinkConnector does not implement the Converter interface',
    ]);
    expect(
      errorsOf(
        infos({ ...SOURCE, 'header.converter': 'org.apache.kafka.connect.storage.SimpleHeaderConverter' }),
        'header.converter',
      ),
    ).toEqual([]);
    expect(
      errorsOf(
        infos({ ...SOURCE, 'key.converter': 'org.apache.kafka.connect.storage.SimpleHeaderConverter' }),
        'key.converter',
      ),
    ).toEqual([
      'Class class org.apache.kafka.connect.storage.SimpleHeaderConverter does not implement the Converter interface',
    ]);
  });

  it('JSON numbers and booleans arrive as their text', () => {
    const result = infos({ ...SOURCE, 'tasks.max': 2, 'errors.log.enable': true });
    expect(entry(result, 'tasks.max').value?.value).toBe('2');
    expect(entry(result, 'errors.log.enable').value?.value).toBe('true');
  });
});

describe('validators, in Kafka wording', () => {
  it('atLeast', () => {
    expect(errorsOf(infos({ ...SOURCE, 'tasks.max': '0' }), 'tasks.max')).toEqual([
      'Invalid value 0 for configuration tasks.max: Value must be at least 1',
    ]);
  });

  it('between', () => {
    const s3 = {
      name: 's3',
      'connector.class': 'S3Sink',
      topics: 't',
      's3.bucket.name': 'b',
      'flush.size': '1',
    };
    const base = {
      ...s3,
      'storage.class': 'io.confluent.connect.s3.storage.S3Storage',
      'format.class': 'io.confluent.connect.s3.format.json.JsonFormat',
    };
    expect(infos(base).error_count).toBe(0);
    expect(errorsOf(infos({ ...base, 's3.part.size': '1024' }), 's3.part.size')).toEqual([
      'Invalid value 1024 for configuration s3.part.size: Value must be at least 5242880',
    ]);
    expect(errorsOf(infos({ ...base, 'flush.size': '0' }), 'flush.size')).toEqual([
      'Invalid value 0 for configuration flush.size: Value must be at least 1',
    ]);
    expect(errorsOf(infos({ ...base, 'format.class': 'com.example.Format' }), 'format.class')).toEqual([
      'Invalid value com.example.Format for configuration format.class: Class com.example.Format could not be found.',
    ]);
  });

  it('in (case-sensitive) lists the values in order', () => {
    expect(errorsOf(infos({ ...SOURCE, 'errors.tolerance': 'some' }), 'errors.tolerance')).toEqual([
      'Invalid value some for configuration errors.tolerance: String must be one of: none, all',
    ]);
    expect(errorsOf(infos({ ...SOURCE, 'config.action.reload': 'RESTART' }), 'config.action.reload')).toEqual(
      ['Invalid value RESTART for configuration config.action.reload: String must be one of: none, restart'],
    );
  });

  it('in (case-insensitive) lists the upper-cased values in HashSet order', () => {
    expect(errorsOf(infos({ ...SOURCE, 'exactly.once.support': 'maybe' }), 'exactly.once.support')).toEqual([
      'Invalid value maybe for configuration exactly.once.support: String must be one of (case insensitive): REQUIRED, REQUESTED',
    ]);
    expect(
      errorsOf(infos({ ...SOURCE, 'exactly.once.support': 'Requested' }), 'exactly.once.support'),
    ).toEqual([]);
  });

  it('nonEmptyString and the name validator', () => {
    expect(errorsOf(infos({ ...SOURCE, name: '' }), 'name')).toEqual([
      'Invalid value  for configuration name: String may not be empty',
    ]);
    expect(errorsOf(infos({ ...SOURCE, name: 'a\u0001b\u007f' }), 'name')).toEqual([
      'Invalid value a\u0001b\u007f for configuration name: String may not contain control sequences but had the following ASCII chars: 1, 127',
    ]);
    expect(errorsOf(infos({ ...SOURCE, topic: '' }), 'topic')).toEqual([
      'Invalid value  for configuration topic: String may not be empty',
    ]);
    expect(errorsOf(infos({ ...SOURCE, 'offsets.storage.topic': '' }), 'offsets.storage.topic')).toEqual([
      'Invalid value  for configuration offsets.storage.topic: String may not be empty',
    ]);
  });

  it('unique aliases', () => {
    expect(errorsOf(infos({ ...SOURCE, predicates: 'a,b,a' }), 'predicates')).toEqual([
      'Invalid value [a, b, a] for configuration predicates: Duplicate alias provided.',
    ]);
  });

  it('regex', () => {
    expect(
      errorsOf(
        infos({ name: 'x', 'connector.class': 'FileStreamSink', 'topics.regex': 'orders-(' }),
        'topics.regex',
      ),
    ).toEqual([
      'Invalid value orders-( for configuration topics.regex: Invalid regex: Unclosed group near index 8\norders-(',
    ]);
    expect(javaPatternError('[a-')).toBe('Unclosed character class near index 2\n[a-\n  ^');
    expect(javaPatternError('*x')).toBe("Dangling meta character '*' near index 0\n*x\n^");
    expect(javaPatternError('(?i)orders\\..*')).toBeUndefined();
    expect(javaPatternError('\\Q[literal\\E.*')).toBeUndefined();
  });

  it('a negative transaction interval', () => {
    expect(
      errorsOf(
        infos({ ...SOURCE, 'transaction.boundary.interval.ms': '-5' }),
        'transaction.boundary.interval.ms',
      ),
    ).toEqual(['Invalid value -5 for configuration transaction.boundary.interval.ms: Must be positive']);
  });
});

describe('required keys, passwords, nulls', () => {
  it('reports a missing required key, including name (validate does not inject it)', () => {
    const result = infos({ 'connector.class': 'FileStreamSource', topic: 't' });
    expect(errorsOf(result, 'name')).toEqual([
      'Missing required configuration "name" which has no default value.',
    ]);
    expect(entry(result, 'name').definition?.required).toBe(true);
  });

  it('shows PASSWORD values and non-null defaults as [hidden]', () => {
    const jdbc = infos({
      name: 'j',
      'connector.class': 'JdbcSource',
      'connection.url': 'jdbc:mysql://db/shop',
      'connection.password': 's3cr3t',
      mode: 'bulk',
      'topic.prefix': 'j-',
    });
    expect(entry(jdbc, 'connection.password')).toMatchObject({
      definition: { type: 'PASSWORD', default_value: null },
      value: { value: '[hidden]' },
    });
    expect(JSON.stringify(jdbc)).not.toContain('s3cr3t');
    const s3 = infos({ name: 's', 'connector.class': 'S3Sink', topics: 't' });
    expect(entry(s3, 'aws.secret.access.key')).toMatchObject({
      definition: { default_value: '[hidden]' },
      value: { value: '[hidden]' },
    });
    // Undeclared keys are echoed in clear — nothing but the PASSWORD type masks.
    expect(JSON.stringify(infos({ ...SOURCE, 'my.secret': null }))).toContain('"name":"my.secret"');
  });

  it('rejects nulls on framework and unknown keys, listing unknown keys first', () => {
    const result = infos({ ...SOURCE, 'tasks.max': null, 'x.custom': null });
    expect(result.configs[0]).toEqual({
      definition: null,
      value: {
        name: 'x.custom',
        value: null,
        recommended_values: [],
        errors: ['Null value can not be supplied as the configuration value.'],
        visible: true,
      },
    });
    expect(errorsOf(result, 'tasks.max')).toEqual([
      'Invalid value null for configuration tasks.max: Value must be non-null',
      'Null value can not be supplied as the configuration value.',
    ]);
    expect(result.error_count).toBe(3);
  });

  it('loses the null error on a key the connector defines itself, as AbstractHerder.generateResult does', () => {
    expect(errorsOf(infos({ ...SOURCE, file: null }), 'file')).toEqual([]);
  });

  it('has no null check before 3.2', () => {
    expect(infos({ ...SOURCE, 'x.custom': null }, { kafkaVersion: '3.1.0' }).error_count).toBe(0);
  });

  it('ignores non-null keys nobody defines', () => {
    const result = infos({ ...SOURCE, 'producer.override.linger.ms': '5', whatever: 'x' });
    expect(result.configs.some((c) => c.value?.name === 'whatever')).toBe(false);
  });
});

describe('sink and source rules', () => {
  it('topics xor topics.regex, reported on both keys', () => {
    const neither = infos({ name: 's', 'connector.class': 'FileStreamSink' });
    expect(errorsOf(neither, 'topics')).toEqual(['Must configure one of topics or topics.regex']);
    expect(errorsOf(neither, 'topics.regex')).toEqual(['Must configure one of topics or topics.regex']);
    const both = infos({ ...SINK, 'topics.regex': 'orders-.*' });
    expect(both.error_count).toBe(2);
    expect(errorsOf(both, 'topics')).toEqual([
      'topics and topics.regex are mutually exclusive options, but both are set.',
    ]);
    expect(errorsOf(both, 'topics.regex')).toEqual([
      'topics and topics.regex are mutually exclusive options, but both are set.',
    ]);
    expect(
      infos({ name: 's', 'connector.class': 'FileStreamSink', topics: ' ', 'topics.regex': 'a.*' })
        .error_count,
    ).toBe(0);
  });

  it('the DLQ topic may not be consumed', () => {
    expect(
      errorsOf(infos({ ...SINK, topics: 'a,dlq', 'errors.deadletterqueue.topic.name': 'dlq' }), 'topics'),
    ).toEqual([
      "The DLQ topic 'dlq' may not be included in the list of topics ('topics=[a, dlq]') consumed by the connector",
    ]);
    const regex = {
      name: 's',
      'connector.class': 'FileStreamSink',
      'topics.regex': 'orders.*',
      'errors.deadletterqueue.topic.name': 'orders-dlq',
    };
    expect(errorsOf(infos(regex), 'topics.regex')).toEqual([
      "The DLQ topic 'orders-dlq' may not be matched by the regex for the topics ('topics.regex=orders.*') consumed by the connector",
    ]);
  });

  it("a sink's consumer group may not be the worker's (distributed only)", () => {
    expect(errorsOf(infos({ ...SINK, name: 'cluster' }), 'name')).toEqual([
      'Consumer group for sink connector named cluster conflicts with Connect worker group connect-cluster',
    ]);
    expect(infos({ ...SINK, name: 'cluster' }, { mode: 'standalone' }).error_count).toBe(0);
    const override = infos({ ...SINK, 'consumer.override.group.id': 'connect-cluster' });
    expect(override.configs[0]?.value).toMatchObject({
      name: 'consumer.override.group.id',
      value: 'connect-cluster',
      errors: ['Consumer group connect-cluster conflicts with Connect worker group connect-cluster'],
    });
  });

  it('exactly-once support required: the worker must have it, and the connector must say it can', () => {
    expect(
      errorsOf(
        infos({ ...SOURCE, file: '/tmp/in', 'exactly.once.support': 'required' }),
        'exactly.once.support',
      ),
    ).toEqual(['This worker does not have exactly-once source support enabled.']);
    expect(
      infos(
        { ...SOURCE, file: '/tmp/in', 'exactly.once.support': 'required' },
        { exactlyOnceSourceEnabled: true },
      ).error_count,
    ).toBe(0);
    expect(
      errorsOf(
        infos({ ...SOURCE, 'exactly.once.support': 'required' }, { exactlyOnceSourceEnabled: true }),
        'exactly.once.support',
      ),
    ).toEqual(['The connector does not support exactly-once semantics with the provided configuration.']);
    const jdbc = {
      name: 'j',
      'connector.class': 'JdbcSource',
      'connection.url': 'jdbc:mysql://db/x',
      'topic.prefix': 'j',
      mode: 'bulk',
    };
    expect(
      errorsOf(
        infos({ ...jdbc, 'exactly.once.support': 'REQUIRED' }, { exactlyOnceSourceEnabled: true }),
        'exactly.once.support',
      )[0],
    ).toMatch(
      /^The connector does not implement the API required for preflight validation of exactly-once source support\./,
    );
  });

  it('connector-defined transaction boundaries need the connector to support them', () => {
    expect(
      errorsOf(infos({ ...SOURCE, 'transaction.boundary': 'connector' }), 'transaction.boundary'),
    ).toEqual([
      'The connector does not support connector-defined transaction boundaries with the given configuration. Please reconfigure it to use a different transaction boundary definition.',
    ]);
  });
});

describe('ConfigInfos layout', () => {
  it('echoes connector.class as given and orders unknown keys, framework keys, then connector keys', () => {
    const result = infos({ name: 's', 'connector.class': 'FileStreamSink', topics: 't', 'y.extra': null });
    expect(result.name).toBe('FileStreamSink');
    expect(entry(result, 'connector.class').value?.value).toBe('FileStreamSink');
    const names = result.configs.map((c) => c.definition?.name ?? `(${c.value?.name})`);
    expect(names).toEqual([
      '(y.extra)',
      'name',
      'connector.class',
      'tasks.max',
      'tasks.max.enforce',
      'key.converter',
      'value.converter',
      'header.converter',
      'transforms',
      'predicates',
      'config.action.reload',
      'errors.retry.timeout',
      'errors.retry.delay.max.ms',
      'errors.tolerance',
      'errors.log.enable',
      'errors.log.include.messages',
      'topics',
      'topics.regex',
      'errors.deadletterqueue.topic.name',
      'errors.deadletterqueue.topic.replication.factor',
      'errors.deadletterqueue.context.headers.enable',
      'file',
    ]);
  });

  it('collects groups in definition order, connector groups last', () => {
    const result = infos({ name: 'm', 'connector.class': 'MongoSink', topics: 't', database: 'db' });
    expect(result.groups).toEqual([
      'Common',
      'Transforms',
      'Predicates',
      'Error Handling',
      'Connection',
      'Namespace',
      'Writes',
      'Id Strategies',
      'Change data capture',
      'Errors',
    ]);
    expect(result.error_count).toBe(0);
  });

  it('follows the emulated version: no tasks.max.enforce before 3.8, no converter validation before 3.7', () => {
    const old = infos(
      { ...SOURCE, 'value.converter': 'JsonConverter', 'value.converter.schemas.enable': 'x' },
      { kafkaVersion: '3.6.1' },
    );
    expect(old.configs.map((c) => c.definition?.name)).not.toContain('tasks.max.enforce');
    expect(old.configs.map((c) => c.definition?.name)).not.toContain('value.converter.schemas.enable');
    expect(entry(old, 'key.converter').definition?.order).toBe(4);
    const cp = infos(SOURCE, { kafkaVersion: '7.9.0-ccs' });
    expect(cp.configs.map((c) => c.definition?.name)).toContain('tasks.max.enforce');
  });
});

describe('transforms and predicates (ConnectorConfig.enrich)', () => {
  it('adds a type key per alias and the transformation keys, ordered like ConfigDef.embed', () => {
    const result = infos({
      ...SINK,
      transforms: 'route',
      'transforms.route.type': 'RegexRouter',
      'transforms.route.regex': '(.*)',
      'transforms.route.replacement': 'copy-$1',
    });
    expect(result.error_count).toBe(0);
    expect(result.groups).toContain('Transforms: route');
    const embedded = result.configs.filter((c) => c.definition?.name.startsWith('transforms.route.'));
    expect(
      embedded.map((c) => [c.definition?.name, c.definition?.order, c.definition?.display_name]),
    ).toEqual([
      ['transforms.route.type', 0, 'Transformation type for route'],
      ['transforms.route.regex', 1, 'regex'],
      ['transforms.route.replacement', 2, 'replacement'],
      ['transforms.route.negate', 3, 'negate'],
      ['transforms.route.predicate', 4, 'predicate'],
    ]);
    expect(embedded[0]?.value?.value).toBe('org.apache.kafka.connect.transforms.RegexRouter');
    expect(embedded[0]?.value?.recommended_values).toContain(
      'org.apache.kafka.connect.transforms.Cast$Value',
    );
    expect(embedded[0]?.definition).toMatchObject({
      required: true,
      group: 'Transforms: route',
      documentation: "Class for the 'route' transformation.",
    });
  });

  it('reports missing transformation keys and embedded validator errors under the unprefixed name', () => {
    const result = infos({
      ...SINK,
      transforms: 'mask',
      'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value',
      'transforms.mask.fields': '',
    });
    expect(errorsOf(result, 'transforms.mask.fields')).toEqual([
      'Invalid value [] for configuration fields: Empty list',
    ]);
    const missing = infos({ ...SINK, transforms: 'cast', 'transforms.cast.type': 'Cast$Value' });
    expect(errorsOf(missing, 'transforms.cast.type')).toEqual([
      'Invalid value Cast$Value for configuration transforms.cast.type: Class Cast$Value could not be found.',
    ]);
  });

  it('rejects a missing type, a class that is not a transformation, and negate without predicate', () => {
    expect(errorsOf(infos({ ...SINK, transforms: 'x' }), 'transforms.x.type')).toEqual([
      'Missing required configuration "transforms.x.type" which has no default value.',
    ]);
    expect(
      errorsOf(
        infos({ ...SINK, transforms: 'x', 'transforms.x.type': 'JsonConverter' }),
        'transforms.x.type',
      ),
    ).toEqual([
      'Class class org.apache.kafka.connect.json.JsonConverter does not implement the Transformation interface',
    ]);
    const negate = infos({
      ...SINK,
      transforms: 'f',
      'transforms.f.type': 'org.apache.kafka.connect.transforms.Filter',
      'transforms.f.negate': 'true',
    });
    expect(errorsOf(negate, 'transforms.f.type')).toEqual([
      "Config 'transforms.f.negate' was provided but there is no config 'transforms.f.predicate' defining a predicate to be negated.",
    ]);
  });

  it('adds predicate keys the same way', () => {
    const result = infos({
      ...SINK,
      predicates: 'isOrders',
      'predicates.isOrders.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
    });
    expect(errorsOf(result, 'predicates.isOrders.pattern')).toEqual([
      'Missing required configuration "predicates.isOrders.pattern" which has no default value.',
      'Invalid value null for configuration pattern: Invalid regex: Cannot invoke "String.isEmpty()" because "this.pattern" is null',
    ]);
    expect(entry(result, 'predicates.isOrders.type').definition?.display_name).toBe(
      'Predicate type for isOrders',
    );
  });
});

describe('converter validation (3.7+)', () => {
  it("validates a connector-level converter's own keys, prefixed, in HashMap order", () => {
    const result = infos({
      ...SINK,
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'maybe',
    });
    const converter = result.configs.filter((c) => c.definition?.name.startsWith('value.converter.'));
    expect(converter.map((c) => c.definition?.name).sort()).toEqual([
      'value.converter.converter.type',
      'value.converter.decimal.format',
      'value.converter.replace.null.with.default',
      'value.converter.schemas.cache.size',
      'value.converter.schemas.enable',
    ]);
    expect(entry(result, 'value.converter.converter.type').value?.value).toBe('value');
    expect(errorsOf(result, 'value.converter.schemas.enable')).toEqual([
      'Invalid value maybe for configuration schemas.enable: Expected value to be either true or false',
    ]);
    expect(result.error_count).toBe(1);
    expect(result.groups).toEqual(expect.arrayContaining(['Schemas', 'Serialization']));
  });

  it('requires a Schema Registry URL for an Avro converter', () => {
    const result = infos({
      name: 'm',
      'connector.class': 'MongoSink',
      topics: 't',
      database: 'db',
      'value.converter': 'io.confluent.connect.avro.AvroConverter',
    });
    expect(errorsOf(result, 'value.converter.schema.registry.url')).toEqual([
      'Missing required configuration "schema.registry.url" which has no default value.',
    ]);
    const ok = infos({
      name: 'm',
      'connector.class': 'MongoSink',
      topics: 't',
      database: 'db',
      'value.converter': 'io.confluent.connect.avro.AvroConverter',
      'value.converter.schema.registry.url': 'http://schema-registry:8081',
    });
    expect(ok.error_count).toBe(0);
    expect(entry(ok, 'value.converter.basic.auth.user.info').value?.value).toBe('[hidden]');
  });
});

describe('third-party connectors', () => {
  it('Debezium reports its own field problems and a failed test connection', () => {
    const base = {
      name: 'dbz',
      'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
      'database.hostname': 'mysql',
      'database.user': 'debezium',
      'database.password': 'dbz',
      'database.server.id': '184054',
      'topic.prefix': 'shop',
      'schema.history.internal.kafka.bootstrap.servers': 'kafka:9092',
      'schema.history.internal.kafka.topic': 'schema-changes.shop',
    };
    expect(infos(base).error_count).toBe(0);
    expect(entry(infos(base), 'database.hostname').definition?.required).toBe(false);
    expect(entry(infos(base), 'database.password').value?.value).toBe('[hidden]');
    const { 'database.hostname': _h, 'topic.prefix': _t, ...missing } = base;
    const result = infos({ ...missing, 'database.port': 'x', 'snapshot.mode': 'sometimes' });
    expect(errorsOf(result, 'database.hostname')).toEqual([
      "The 'database.hostname' value is invalid: A value is required",
    ]);
    expect(errorsOf(result, 'topic.prefix')).toEqual([
      "The 'topic.prefix' value is invalid: A value is required",
    ]);
    expect(errorsOf(result, 'database.port')).toEqual([
      "The 'database.port' value is invalid: An integer value is required",
    ]);
    expect(errorsOf(result, 'snapshot.mode')[0]).toMatch(
      /^The 'snapshot.mode' value is invalid: Value must be one of always, initial/,
    );
    expect(
      errorsOf(infos({ ...base, 'database.hostname': 'mysql-unreachable' }), 'database.hostname'),
    ).toEqual([
      'Unable to connect: Communications link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server.',
    ]);
  });

  it('MirrorMaker: the fixture 51 config validates cleanly (the cluster prefixes are not keys)', () => {
    const config = jsonBody<{ config: Record<string, string> }>(
      loadTranscript('51-create-failing-connector.txt'),
    ).config;
    const result = infos({ ...config, name: 'broken-mirror' });
    expect(result.error_count).toBe(0);
    expect(result.configs.filter((c) => c.definition?.name === 'name')).toHaveLength(1);
    expect(result.configs.some((c) => c.value?.name === 'source.cluster.bootstrap.servers')).toBe(false);
    expect(
      errorsOf(infos({ ...config, name: 'm', 'source.cluster.alias': null }), 'source.cluster.alias'),
    ).toEqual([]);
  });

  it("MirrorSource's own exactly-once explanation replaces the framework's (its ConfigValue wins in generateResult)", () => {
    const result = infos(
      {
        name: 'ms',
        'connector.class': 'MirrorSource',
        'source.cluster.alias': 'a',
        'exactly.once.support': 'required',
      },
      { exactlyOnceSourceEnabled: true },
    );
    expect(entry(result, 'exactly.once.support').value?.value).toBeNull();
    expect(errorsOf(result, 'exactly.once.support')).toEqual([
      "MirrorSourceConnector can only provide exactly-once guarantees when its source consumer is configured with isolation.level set to 'read_committed'; otherwise, records from aborted and uncommitted transactions will be replicated from the source cluster to the target cluster.",
    ]);
  });

  it('validates against a custom catalogue (a plugin with every key type)', () => {
    const custom: PluginDef = {
      className: 'com.example.AllTypesSinkConnector',
      type: 'sink',
      version: '1.0',
      configDefs: [
        {
          name: 'd',
          type: 'DOUBLE',
          defaultValue: '0.5',
          importance: 'LOW',
          documentation: null,
          group: null,
          width: 'NONE',
          order: -1,
        },
        {
          name: 'ratio',
          type: 'DOUBLE',
          importance: 'LOW',
          documentation: null,
          group: 'G',
          width: 'NONE',
          order: 1,
          validator: { kind: 'between', min: 0, max: 1 },
        },
      ],
    };
    const base = getCatalogue({ apacheOnly: true });
    const catalogue = { ...base, plugins: [...base.plugins, custom], aliases: new Map(base.aliases) };
    const result = infos(
      { name: 'c', 'connector.class': 'com.example.AllTypesSinkConnector', topics: 't', ratio: '2' },
      { catalogue },
    );
    expect(entry(result, 'd').value?.value).toBe('0.5');
    expect(errorsOf(result, 'ratio')).toEqual([
      'Invalid value 2.0 for configuration ratio: Value must be no more than 1',
    ]);
    expect(
      entry(
        infos(
          { name: 'c', 'connector.class': 'com.example.AllTypesSinkConnector', topics: 't', ratio: '1e-1' },
          { catalogue },
        ),
        'ratio',
      ).value?.value,
    ).toBe('0.1');
    expect(result.groups.at(-1)).toBe('G');
  });
});
