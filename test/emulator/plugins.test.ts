// The plugin catalogue and connector behaviour against a real Kafka Connect 4.0 worker's transcripts.
import { describe, expect, it } from 'vitest';
import type { PluginInfo } from '../../src/connect/types.js';
import {
  javaDoubleToString,
  javaHashOrder,
  parseType,
  sinkOffsets,
} from '../../src/emulator/plugins/framework.js';
import {
  connectorPlugins,
  getCatalogue,
  listPlugins,
  lookupConnector,
  pluginConfigResponse,
  pluginDescString,
  resolveConnectorPlugin,
  unknownConnectorClassMessage,
} from '../../src/emulator/plugins/index.js';
import type { PluginDef } from '../../src/emulator/plugins/types.js';
import {
  genericTaskTrace,
  INJECTED_FAILURE_KINDS,
  mirrorAdminFailureTrace,
  renderStackTrace,
} from '../../src/emulator/traces.js';
import { jsonBody, loadTranscript, type ParsedTranscript } from '../support/transcript.js';

function plugin(className: string): PluginDef {
  const p = resolveConnectorPlugin(className);
  if (!p) throw new Error(`no plugin ${className}`);
  return p;
}

/** The one task trace / connector trace a status fixture shows. */
function traces(t: ParsedTranscript): { connector?: string; task?: string } {
  const status = jsonBody<{ connector: { trace?: string }; tasks: Array<{ trace?: string }> }>(t);
  return { connector: status.connector.trace, task: status.tasks[0]?.trace };
}

describe('GET /connector-plugins (fixtures 02, 03)', () => {
  it('lists exactly the Apache plugins of a 4.0 worker, byte for byte, with the Apache-only catalogue', () => {
    expect(JSON.stringify(listPlugins({ apacheOnly: true }))).toBe(
      loadTranscript('02-connector-plugins.txt').body,
    );
    expect(JSON.stringify(listPlugins({ apacheOnly: true, connectorsOnly: false }))).toBe(
      loadTranscript('03-connector-plugins-all.txt').body,
    );
  });

  it('keeps the Apache entries in the same order when the third-party plugins are installed', () => {
    for (const [file, connectorsOnly] of [
      ['02-connector-plugins.txt', true],
      ['03-connector-plugins-all.txt', false],
    ] as const) {
      const expected = jsonBody<PluginInfo[]>(loadTranscript(file));
      const all = listPlugins({ connectorsOnly });
      const key = (p: PluginInfo) => `${p.type} ${p.class}`;
      const apacheSubset = all.filter((p) => expected.some((e) => key(e) === key(p)));
      expect(apacheSubset).toEqual(expected);
      expect(all.length).toBeGreaterThan(expected.length);
    }
  });

  it('orders sinks, sources, transformations, predicates, converters, header converters; alphabetical within each', () => {
    const all = listPlugins({ connectorsOnly: false });
    const order = ['sink', 'source', 'transformation', 'predicate', 'converter', 'header_converter'];
    const ranks = all.map((p) => order.indexOf(p.type));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const type of order) {
      const classes = all.filter((p) => p.type === type).map((p) => p.class);
      expect(classes).toEqual([...classes].sort());
    }
    expect(listPlugins().map((p) => p.class)).toEqual([
      'com.mongodb.kafka.connect.MongoSinkConnector',
      'io.confluent.connect.s3.S3SinkConnector',
      'org.apache.kafka.connect.file.FileStreamSinkConnector',
      'io.confluent.connect.jdbc.JdbcSourceConnector',
      'io.debezium.connector.mysql.MySqlConnector',
      'org.apache.kafka.connect.file.FileStreamSourceConnector',
      'org.apache.kafka.connect.mirror.MirrorCheckpointConnector',
      'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector',
      'org.apache.kafka.connect.mirror.MirrorSourceConnector',
    ]);
  });

  it('reports the emulated version for Apache plugins and their own for third-party ones', () => {
    const plugins = listPlugins({ kafkaVersion: '3.9.0' });
    expect(plugins.find((p) => p.class.endsWith('FileStreamSinkConnector'))?.version).toBe('3.9.0');
    expect(plugins.find((p) => p.class.endsWith('MirrorSourceConnector'))?.version).toBe('3.9.0');
    expect(plugins.find((p) => p.class.endsWith('JdbcSourceConnector'))?.version).toBe('10.8.0');
    expect(listPlugins({ kafkaVersion: '7.9.0-ccs' })[0]).toEqual({
      class: 'com.mongodb.kafka.connect.MongoSinkConnector',
      type: 'sink',
      version: '1.13.1',
    });
    expect(listPlugins({ kafkaVersion: '7.9.0-ccs' }).find((p) => p.type === 'source')?.version).toBe(
      '10.8.0',
    );
  });

  it('lists only connectors before 3.2, whatever is asked', () => {
    const old = listPlugins({ kafkaVersion: '3.1.0', connectorsOnly: false });
    expect(old.every((p) => p.type === 'sink' || p.type === 'source')).toBe(true);
  });

  it('lists a class that is both a converter and a header converter once per type', () => {
    const json = listPlugins({ connectorsOnly: false }).filter(
      (p) => p.class === 'org.apache.kafka.connect.json.JsonConverter',
    );
    expect(json.map((p) => p.type)).toEqual(['converter', 'header_converter']);
  });
});

describe('GET /connector-plugins/{p}/config (fixture 04, §3.20)', () => {
  it('answers the FileStreamSourceConnector config exactly as a 4.0 worker does', () => {
    const t = loadTranscript('04-plugin-config-def.txt');
    const reply = pluginConfigResponse('FileStreamSourceConnector');
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.body)).toBe(t.body);
  });

  it('accepts the FQCN and the pruned alias too', () => {
    const bySimple = pluginConfigResponse('FileStreamSourceConnector').body;
    expect(pluginConfigResponse('org.apache.kafka.connect.file.FileStreamSourceConnector').body).toEqual(
      bySimple,
    );
    expect(pluginConfigResponse('FileStreamSource').body).toEqual(bySimple);
  });

  it('appends the sink framework keys for a sink connector', () => {
    const reply = pluginConfigResponse('FileStreamSink');
    if (reply.status !== 200) throw new Error('expected 200');
    const names = reply.body.map((k) => k.name);
    expect(names[0]).toBe('file');
    expect(names.slice(-5)).toEqual([
      'topics',
      'topics.regex',
      'errors.deadletterqueue.topic.name',
      'errors.deadletterqueue.topic.replication.factor',
      'errors.deadletterqueue.context.headers.enable',
    ]);
    expect(names).not.toContain('exactly.once.support');
    expect(reply.body.find((k) => k.name === 'errors.deadletterqueue.topic.replication.factor')).toEqual({
      name: 'errors.deadletterqueue.topic.replication.factor',
      type: 'SHORT',
      required: false,
      default_value: '3',
      importance: 'MEDIUM',
      documentation:
        "Replication factor used to create the dead letter queue topic when it doesn't already exist.",
      group: 'Error Handling',
      width: 'MEDIUM',
      display_name: 'Dead Letter Queue Topic Replication Factor',
      dependents: [],
      order: 7,
    });
  });

  it('does not repeat framework keys a connector defines itself (MirrorMaker)', () => {
    const reply = pluginConfigResponse('MirrorSourceConnector');
    if (reply.status !== 200) throw new Error('expected 200');
    const names = reply.body.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 2)).toEqual(['name', 'connector.class']);
    expect(names).toContain('source.cluster.alias');
    expect(names).not.toContain('source.cluster.bootstrap.servers');
  });

  it('serves a transformation its own keys only (KIP-769 example for Cast$Value.spec)', () => {
    const reply = pluginConfigResponse('org.apache.kafka.connect.transforms.Cast$Value');
    if (reply.status !== 200) throw new Error('expected 200');
    expect(reply.body[0]).toEqual({
      name: 'spec',
      type: 'LIST',
      required: true,
      default_value: null,
      importance: 'HIGH',
      documentation:
        'List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.',
      group: null,
      width: 'NONE',
      display_name: 'spec',
      dependents: [],
      order: -1,
    });
    expect(pluginConfigResponse('org.apache.kafka.connect.transforms.Filter').body).toEqual([]);
  });

  it('masks PASSWORD defaults', () => {
    const reply = pluginConfigResponse('S3SinkConnector');
    if (reply.status !== 200) throw new Error('expected 200');
    expect(reply.body.find((k) => k.name === 'aws.secret.access.key')?.default_value).toBe('[hidden]');
    const jdbc = pluginConfigResponse('JdbcSourceConnector');
    if (jdbc.status !== 200) throw new Error('expected 200');
    expect(jdbc.body.find((k) => k.name === 'connection.password')?.default_value).toBeNull();
  });

  it('answers 404 for an unknown plugin and 400 for a class that is no listable plugin', () => {
    expect(pluginConfigResponse('NoSuchPlugin')).toEqual({
      status: 404,
      body: { error_code: 404, message: 'Unknown plugin NoSuchPlugin.' },
    });
    expect(pluginConfigResponse('org.apache.kafka.common.config.provider.FileConfigProvider')).toEqual({
      status: 400,
      body: {
        error_code: 400,
        message:
          'Invalid plugin class org.apache.kafka.common.config.provider.FileConfigProvider. Valid types are sink, source, converter, header_converter, transformation, predicate.',
      },
    });
  });

  it('leaves out framework keys an older worker did not have, closing up the orders', () => {
    const reply = pluginConfigResponse('FileStreamSource', { kafkaVersion: '3.7.0' });
    if (reply.status !== 200) throw new Error('expected 200');
    expect(reply.body.map((k) => k.name)).not.toContain('tasks.max.enforce');
    expect(reply.body.find((k) => k.name === 'key.converter')?.order).toBe(4);
    const old = pluginConfigResponse('FileStreamSource', { kafkaVersion: '3.2.0' });
    if (old.status !== 200) throw new Error('expected 200');
    expect(old.body.map((k) => k.name)).not.toContain('exactly.once.support');
  });
});

describe('connector.class resolution (§4.4)', () => {
  it.each([
    [
      'org.apache.kafka.connect.file.FileStreamSinkConnector',
      'org.apache.kafka.connect.file.FileStreamSinkConnector',
    ],
    ['FileStreamSinkConnector', 'org.apache.kafka.connect.file.FileStreamSinkConnector'],
    ['FileStreamSink', 'org.apache.kafka.connect.file.FileStreamSinkConnector'],
    ['MirrorHeartbeat', 'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector'],
    ['JdbcSource', 'io.confluent.connect.jdbc.JdbcSourceConnector'],
    ['S3Sink', 'io.confluent.connect.s3.S3SinkConnector'],
    ['MongoSinkConnector', 'com.mongodb.kafka.connect.MongoSinkConnector'],
    ['MySql', 'io.debezium.connector.mysql.MySqlConnector'],
  ])('resolves %s', (name, className) => {
    expect(resolveConnectorPlugin(name)?.className).toBe(className);
  });

  it('does not resolve unknown names, non-connector plugins, or the wrong case', () => {
    expect(resolveConnectorPlugin('NoSuchConnector')).toBeUndefined();
    expect(resolveConnectorPlugin('JsonConverter')).toBeUndefined();
    expect(resolveConnectorPlugin('filestreamsink')).toBeUndefined();
    expect(resolveConnectorPlugin('JdbcSource', { apacheOnly: true })).toBeUndefined();
  });

  it('builds the 500 message of fixture 20 from the installed connectors, sorted by class name', () => {
    const fixture = jsonBody<{ message: string }>(loadTranscript('20-validate-unknown-plugin.txt')).message;
    expect(unknownConnectorClassMessage('NoSuchConnector', getCatalogue({ apacheOnly: true }))).toBe(fixture);
    const full = unknownConnectorClassMessage('NoSuchConnector');
    const [prefix, apacheList] = fixture.split('available connectors are: ') as [string, string];
    expect(full.startsWith(`${prefix}available connectors are: `)).toBe(true);
    // Third-party packages sort before org.apache, exactly as the worker's TreeSet of PluginDesc would.
    expect(full.endsWith(apacheList)).toBe(true);
    expect(full).toContain(
      "PluginDesc{klass=class io.confluent.connect.jdbc.JdbcSourceConnector, name='io.confluent.connect.jdbc.JdbcSourceConnector', version='10.8.0', encodedVersion=10.8.0, type=source, typeName='source', location='file:/var/lib/connect-demo/plugins/confluentinc-kafka-connect-jdbc/'}",
    );
    expect(connectorPlugins().map((p) => p.className)).toEqual(
      [...connectorPlugins().map((p) => p.className)].sort(),
    );
    expect(lookupConnector('NoSuchConnector')).toEqual({ error: full });
  });

  it('prints PluginDesc like Java', () => {
    expect(pluginDescString(plugin('MirrorSourceConnector'))).toBe(
      "PluginDesc{klass=class org.apache.kafka.connect.mirror.MirrorSourceConnector, name='org.apache.kafka.connect.mirror.MirrorSourceConnector', version='4.0.0', encodedVersion=4.0.0, type=source, typeName='source', location='classpath'}",
    );
  });
});

describe('Java semantics helpers', () => {
  it('reproduces HashMap iteration order (task config of fixture 13, stored config of fixture 49)', () => {
    const task = jsonBody<Array<{ config: Record<string, string> }>>(
      loadTranscript('13-connector-tasks.txt'),
    )[0]!;
    expect(javaHashOrder(['connector.class', 'tasks.max', 'file', 'topic', 'name', 'task.class'])).toEqual(
      Object.keys(task.config),
    );
    const expanded = jsonBody<Record<string, { info: { config: Record<string, string> } }>>(
      loadTranscript('49-connectors-expand-with-failed.txt'),
    );
    // Insertion order matters within a bucket: the request's keys, then the injected name.
    const inserted = {
      'file-source': Object.keys(JSON.parse(loadTranscript('39-put-config.txt').requestBody) as object),
      'file-sink': Object.keys(JSON.parse(loadTranscript('44-create-sink.txt').requestBody).config as object),
      'broken-sink': Object.keys(
        JSON.parse(loadTranscript('46-create-failing-sink.txt').requestBody).config as object,
      ),
    };
    for (const [name, keys] of Object.entries(inserted)) {
      expect(javaHashOrder([...keys, 'name'])).toEqual(Object.keys(expanded[name]!.info.config));
    }
    // A case-insensitive validator's HashSet, as asserted by a Kafka test.
    expect(javaHashOrder(['NONE', 'GZIP', 'SNAPPY', 'ZSTD']).join(', ')).toBe('ZSTD, GZIP, NONE, SNAPPY');
  });

  it('parses and prints doubles like Java', () => {
    expect(parseType('d', '1e3', 'DOUBLE')).toEqual({ ok: true, value: 1000 });
    expect(javaDoubleToString(1000)).toBe('1000.0');
    expect(javaDoubleToString(0.5)).toBe('0.5');
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(1.25e-4)).toBe('1.25E-4');
    expect(parseType('d', 'x', 'DOUBLE')).toEqual({
      ok: false,
      error: 'Invalid value x for configuration d: Not a number of type DOUBLE',
    });
  });
});

describe('FileStream connectors', () => {
  const sink = plugin('FileStreamSink');
  const source = plugin('FileStreamSource');

  it('fails a sink task on a file under a missing directory with the trace of fixture 47', () => {
    const config = jsonBody<{ config: Record<string, string> }>(
      loadTranscript('46-create-failing-sink.txt'),
    ).config;
    expect(sink.failure?.(config)).toEqual({
      taskTrace: traces(loadTranscript('47-failed-status.txt')).task,
    });
    expect(sink.failure?.({ ...config, file: '/nonexistent/x/y.txt' })?.taskTrace).toContain(
      "Couldn't find or create file '/nonexistent/x/y.txt' for FileStreamSinkTask",
    );
    expect(sink.failure?.({ ...config, file: '/var/lib/connect-demo/output.txt' })).toBeUndefined();
  });

  it('never fails a source over a missing file (the task waits for it)', () => {
    expect(source.failure?.({ file: '/nonexistent-dir/in.txt', topic: 't' })).toBeUndefined();
  });

  it('runs one source task but tasks.max sink tasks', () => {
    expect(source.taskCount?.({ 'tasks.max': '4', topic: 't' })).toBe(1);
    expect(sink.taskCount?.({ 'tasks.max': '3', topics: 't' })).toBe(3);
    expect(source.taskClass).toBe('org.apache.kafka.connect.file.FileStreamSourceTask');
    expect(sink.taskClass).toBe('org.apache.kafka.connect.file.FileStreamSinkTask');
  });

  it('reports its topics (fixture 15)', () => {
    const config = jsonBody<{ config: Record<string, string> }>(
      loadTranscript('06-create-source.txt'),
    ).config;
    const expected = jsonBody<Record<string, { topics: string[] }>>(
      loadTranscript('15-connector-topics.txt'),
    );
    expect(source.topics?.(config)).toEqual(expected['file-source']?.topics);
    expect(sink.topics?.({ topics: 'a, b ,a' })).toEqual(['a', 'b']);
  });

  it('commits offsets shaped like fixtures 27 and 45', () => {
    const sourceOffsets =
      source.initialOffsets?.({ file: '/var/lib/connect-demo/input.txt', topic: 't' }) ?? [];
    const fixture27 = jsonBody<{ offsets: unknown[] }>(loadTranscript('27-offsets-running.txt')).offsets;
    expect(sourceOffsets.map((o) => JSON.stringify(o).replace(/\d+/g, 'N'))).toEqual(
      fixture27.map((o) => JSON.stringify(o).replace(/\d+/g, 'N')),
    );
    const sinkOffsetsOut = sink.initialOffsets?.({ topics: 'file-topic' }) ?? [];
    const fixture45 = jsonBody<{ offsets: unknown[] }>(loadTranscript('45-sink-offsets.txt')).offsets;
    expect(sinkOffsetsOut.map((o) => JSON.stringify(o).replace(/\d+/g, 'N'))).toEqual(
      fixture45.map((o) => JSON.stringify(o).replace(/\d+/g, 'N')),
    );
    expect(source.initialOffsets?.({ topic: 't' })).toEqual([]);
    expect(sinkOffsets({ topics: 'a' }, 2).map((o) => o.partition)).toEqual([
      { kafka_partition: 0, kafka_topic: 'a' },
      { kafka_partition: 1, kafka_topic: 'a' },
    ]);
  });
});

describe('MirrorMaker connectors', () => {
  const brokenMirror = jsonBody<{ config: Record<string, string> }>(
    loadTranscript('51-create-failing-connector.txt'),
  ).config;

  it('fails the heartbeat connector on a bootstrap server without port with the trace of fixture 52', () => {
    const expected = traces(loadTranscript('52-failed-connector-status.txt')).connector;
    expect(plugin('MirrorHeartbeat').failure?.(brokenMirror)).toEqual({ connectorTrace: expected });
  });

  it('fails the source and checkpoint connectors the same way from their own start()', () => {
    for (const [name, line] of [
      ['MirrorSourceConnector', 'MirrorSourceConnector.start(MirrorSourceConnector.java:'],
      ['MirrorCheckpointConnector', 'MirrorCheckpointConnector.start(MirrorCheckpointConnector.java:'],
    ] as const) {
      const trace = plugin(name).failure?.(brokenMirror)?.connectorTrace ?? '';
      expect(trace).toContain(line);
      expect(trace).toContain(
        'Caused by: org.apache.kafka.common.config.ConfigException: Invalid url in bootstrap.servers: notaport',
      );
      expect(trace.endsWith('\t... 22 more\n')).toBe(true);
    }
  });

  it('reports the first bad address, or the missing setting', () => {
    expect(
      mirrorAdminFailureTrace('org.apache.kafka.connect.mirror.MirrorSourceConnector', 'ok:9092, bad'),
    ).toContain('Invalid url in bootstrap.servers: bad\n');
    const { 'source.cluster.bootstrap.servers': _dropped, ...noSource } = brokenMirror;
    expect(plugin('MirrorSource').failure?.(noSource)?.connectorTrace).toContain(
      'ConfigException: You must set either bootstrap.servers or bootstrap.controllers',
    );
  });

  it('runs when both clusters have host:port addresses', () => {
    const good = {
      ...brokenMirror,
      'source.cluster.bootstrap.servers': 'a:9092',
      'target.cluster.bootstrap.servers': 'b:9092,[::1]:9093',
    };
    for (const name of ['MirrorSource', 'MirrorCheckpoint', 'MirrorHeartbeat']) {
      expect(plugin(name).failure?.(good)).toBeUndefined();
    }
  });

  it('derives tasks, topics and offsets from topics/groups', () => {
    const config = {
      'source.cluster.alias': 'east',
      'target.cluster.alias': 'west',
      topics: 'orders,payments,audit.*',
      groups: 'billing',
      'tasks.max': '4',
    };
    expect(plugin('MirrorSource').taskCount?.(config)).toBe(4);
    expect(plugin('MirrorSource').taskCount?.({ ...config, 'tasks.max': '1' })).toBe(1);
    expect(plugin('MirrorSource').topics?.(config)).toEqual(['east.orders', 'east.payments']);
    expect(plugin('MirrorHeartbeat').taskCount?.(config)).toBe(1);
    expect(plugin('MirrorHeartbeat').topics?.(config)).toEqual(['heartbeats']);
    expect(plugin('MirrorCheckpoint').taskCount?.(config)).toBe(1);
    expect(plugin('MirrorCheckpoint').topics?.(config)).toEqual(['east.checkpoints.internal']);
    const offsets = plugin('MirrorSource').initialOffsets?.(config) ?? [];
    expect(offsets).toHaveLength(6);
    expect(offsets[0]?.partition).toEqual({ cluster: 'east', partition: 0, topic: 'orders' });
  });
});

describe('Confluent JDBC source', () => {
  const jdbc = plugin('io.confluent.connect.jdbc.JdbcSourceConnector');
  const base = {
    'connection.url': 'jdbc:postgresql://db.internal:5432/shop',
    'table.whitelist': 'customers,orders',
    mode: 'incrementing',
    'incrementing.column.name': 'id',
    'topic.prefix': 'pg-',
    'tasks.max': '5',
  };

  it('runs one task per table, up to tasks.max', () => {
    expect(jdbc.taskCount?.(base)).toBe(2);
    expect(jdbc.taskCount?.({ ...base, 'tasks.max': '1' })).toBe(1);
    expect(jdbc.taskCount?.({ ...base, query: 'SELECT * FROM x' })).toBe(1);
  });

  it('writes topic.prefix + table, or topic.prefix alone for a query', () => {
    expect(jdbc.topics?.(base)).toEqual(['pg-customers', 'pg-orders']);
    expect(jdbc.topics?.({ ...base, query: 'SELECT 1', 'topic.prefix': 'q' })).toEqual(['q']);
  });

  it('commits per-table offsets for its mode', () => {
    const offsets = jdbc.initialOffsets?.(base) ?? [];
    expect(offsets.map((o) => o.partition)).toEqual([
      { protocol: '1', table: 'shop.customers' },
      { protocol: '1', table: 'shop.orders' },
    ]);
    expect(Object.keys(offsets[0]?.offset ?? {})).toEqual(['incrementing']);
    expect(jdbc.initialOffsets?.({ ...base, mode: 'bulk' })).toEqual([]);
  });

  it('fails its tasks when the database host is unreachable, with the driver exception as cause', () => {
    const pg =
      jdbc.failure?.({ ...base, 'connection.url': 'jdbc:postgresql://pg-unreachable:5432/shop' })
        ?.taskTrace ?? '';
    expect(pg.split('\n')[0]).toBe(
      'org.apache.kafka.connect.errors.ConnectException: org.postgresql.util.PSQLException: The connection attempt failed.',
    );
    expect(pg).toContain('Caused by: org.postgresql.util.PSQLException: The connection attempt failed.');
    expect(pg).toContain('Caused by: java.net.UnknownHostException: pg-unreachable');
    expect(pg).toMatch(/\t\.\.\. \d+ more\n$/);
    const mysql =
      jdbc.failure?.({ ...base, 'connection.url': 'jdbc:mysql://unreachable-db:3306/shop' })?.taskTrace ?? '';
    expect(mysql).toContain(
      'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure',
    );
    const other =
      jdbc.failure?.({ ...base, 'connection.url': 'jdbc:db2://unreachable:50000/x' })?.taskTrace ?? '';
    expect(other.split('\n')[0]).toBe(
      'org.apache.kafka.connect.errors.ConnectException: java.sql.SQLException: Cannot connect to unreachable: Connection timed out',
    );
    expect(jdbc.failure?.(base)).toBeUndefined();
  });

  it('fails its tasks without a query mode', () => {
    expect(jdbc.failure?.({ ...base, mode: '' })?.taskTrace?.split('\n')[0]).toBe(
      'org.apache.kafka.connect.errors.ConnectException: Query mode must be specified',
    );
  });
});

describe('Confluent S3 sink, MongoDB sink, Debezium MySQL', () => {
  it('S3: tasks.max tasks, the topics list, a missing bucket fails the tasks', () => {
    const s3 = plugin('S3SinkConnector');
    const config = { topics: 'orders,payments', 's3.bucket.name': 'lake', 'tasks.max': '2' };
    expect(s3.taskCount?.(config)).toBe(2);
    expect(s3.topics?.(config)).toEqual(['orders', 'payments']);
    expect(s3.initialOffsets?.(config)).toHaveLength(6);
    expect(s3.failure?.(config)).toBeUndefined();
    expect(
      s3.failure?.({ ...config, 's3.bucket.name': 'nonexistent-bucket' })?.taskTrace?.split('\n')[0],
    ).toBe('org.apache.kafka.connect.errors.ConnectException: Non-existent S3 bucket: nonexistent-bucket');
  });

  it('Mongo: an unreachable cluster times out the first write', () => {
    const mongo = plugin('MongoSinkConnector');
    const config = {
      topics: 'orders',
      database: 'shop',
      'connection.uri': 'mongodb://app:pw@mongo-unreachable:27017/?tls=false',
    };
    const trace = mongo.failure?.(config)?.taskTrace ?? '';
    expect(trace.split('\n')[0]).toBe(
      'org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.',
    );
    expect(trace).toContain(
      'Caused by: com.mongodb.MongoTimeoutException: Timed out after 30000 ms while waiting to connect. Client view of cluster state is {type=UNKNOWN, servers=[{address=mongo-unreachable:27017,',
    );
    expect(mongo.failure?.({ ...config, 'connection.uri': 'mongodb://mongo:27017' })).toBeUndefined();
    expect(mongo.topics?.(config)).toEqual(['orders']);
    expect(mongo.taskCount?.({ ...config, 'tasks.max': '3' })).toBe(3);
  });

  it('Debezium: one task, a topic per captured table plus the schema-change topic, binlog offsets', () => {
    const dbz = plugin('MySql');
    const config = {
      'topic.prefix': 'shop',
      'table.include.list': 'inventory.orders,inventory.customers,inventory\\.audit.*',
      'tasks.max': '3',
    };
    expect(dbz.taskCount?.(config)).toBe(1);
    expect(dbz.topics?.(config)).toEqual(['shop', 'shop.inventory.orders', 'shop.inventory.customers']);
    expect(dbz.topics?.({ ...config, 'include.schema.changes': 'false' })).toEqual([
      'shop.inventory.orders',
      'shop.inventory.customers',
    ]);
    const [offset] = dbz.initialOffsets?.(config) ?? [];
    expect(offset?.partition).toEqual({ server: 'shop' });
    expect(offset?.offset).toMatchObject({ file: 'mysql-bin.000003', row: 1 });
    expect(dbz.failure).toBeUndefined();
  });
});

describe('traces', () => {
  it('collapses frames a cause shares with what it caused into "... N more"', () => {
    const tail = ['a.B.c(B.java:1)', 'a.B.d(B.java:2)'];
    expect(
      renderStackTrace({
        className: 'x.Outer',
        message: 'boom',
        frames: ['x.Outer.run(Outer.java:9)', ...tail],
        cause: { className: 'x.Inner', message: null, frames: ['x.Inner.go(Inner.java:3)', ...tail] },
      }),
    ).toBe(
      'x.Outer: boom\n\tat x.Outer.run(Outer.java:9)\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\nCaused by: x.Inner\n\tat x.Inner.go(Inner.java:3)\n\t... 2 more\n',
    );
  });

  it('gives every injected failure kind a well-formed, stable trace for sources and sinks', () => {
    for (const connectorType of ['source', 'sink'] as const) {
      for (const kind of INJECTED_FAILURE_KINDS) {
        const trace = genericTaskTrace('io.confluent.connect.jdbc.JdbcSourceConnector', 0, {
          kind,
          connectorType,
        });
        expect(trace.endsWith('\n')).toBe(true);
        expect(trace).toBe(
          genericTaskTrace('io.confluent.connect.jdbc.JdbcSourceConnector', 0, { kind, connectorType }),
        );
        const lines = trace.split('\n');
        expect(lines[0]).toMatch(/^[\w.$]+(: |$)/);
        expect(
          lines
            .filter((l) => l.startsWith('\tat '))
            .every((l) => /^\tat [\w./$<>-]+\((Native Method|[\w$]+\.java:\d+)\)$/.test(l)),
        ).toBe(true);
      }
    }
    expect(genericTaskTrace('io.confluent.connect.s3.S3SinkConnector', 0, { kind: 'converter' })).toContain(
      'Caused by: org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed due to serialization error',
    );
    expect(genericTaskTrace('x.FooSourceConnector', 0, { kind: 'transform-npe' })).toContain(
      'Caused by: java.lang.NullPointerException',
    );
    expect(genericTaskTrace('x.FooSourceConnector', 0, { kind: 'timeout' })).toContain(
      'Caused by: org.apache.kafka.common.errors.TimeoutException: Expiring 12 record(s)',
    );
    expect(genericTaskTrace('x.FooSourceConnector', 0, { kind: 'retriable' })).toContain(
      'Caused by: org.apache.kafka.connect.errors.RetriableException',
    );
  });

  it('picks a variety from the class and task, never SQL for non-database connectors, and a connector trace for task -1', () => {
    const kinds = new Set(
      Array.from({ length: 40 }, (_, i) =>
        genericTaskTrace('org.apache.kafka.connect.file.FileStreamSinkConnector', i),
      ),
    );
    expect(kinds.size).toBeGreaterThan(1);
    for (const t of kinds) expect(t).not.toContain('java.sql');
    const connector = genericTaskTrace('io.confluent.connect.s3.S3SinkConnector', -1);
    expect(connector).toContain('at io.confluent.connect.s3.S3SinkConnector.start(S3SinkConnector.java:');
    expect(connector).toContain(
      'at org.apache.kafka.connect.runtime.WorkerConnector.doStart(WorkerConnector.java:216)',
    );
    expect(genericTaskTrace('', 0).length).toBeGreaterThan(0);
  });
});
