// Java stack traces as a Connect worker puts them in `trace` (Throwable.printStackTrace into a
// string): "Class: message", "\tat frame" lines, "Caused by:" chains whose frames shared with the
// enclosing throwable collapse into "\t... N more", every line ending in "\n".
//
// API:
//   renderStackTrace(throwable)                  – printStackTrace of a JavaThrowable
//   genericTaskTrace(connectorClass, task, opts) – an injected/demo failure (task < 0: the connector)
//   genericConnectorTrace(connectorClass)         – a Connector object whose start() failed
//   fileStreamSinkMissingFileTrace(path)          – FileStreamSinkTask on a missing directory (fixture 47)
//   mirrorAdminFailureTrace(connector, servers)   – MirrorMaker connector with bad bootstrap servers (fixture 52)
//   jdbcConnectionFailureTrace(url)               – Confluent JDBC source task that cannot reach its database
//   mongoTimeoutTrace(connectionUri)              – MongoDB sink task that cannot reach its cluster
//   s3MissingBucketTrace(bucket)                  – Confluent S3 sink task whose bucket does not exist
//   taskStartFailureTrace(type, taskClass, ...)    – any task whose start() threw

import { javaStringHash } from './plugins/framework.js';

/** A Java Throwable. `frames` is its full stack, innermost first, including the frames it shares with its enclosing throwable. */
export interface JavaThrowable {
  className: string;
  /** `null`/undefined renders as just the class name, like Throwable.toString(). */
  message?: string | null;
  /** "pkg.Class.method(File.java:12)" without the leading "at ". */
  frames: string[];
  cause?: JavaThrowable;
}

/** Throwable.printStackTrace(): causes print only the frames they do not share with the throwable they caused. */
export function renderStackTrace(t: JavaThrowable): string {
  const lines: string[] = [describe(t), ...t.frames.map((f) => `\tat ${f}`)];
  let enclosing = t;
  for (let cause = t.cause; cause; enclosing = cause, cause = cause.cause) {
    let m = cause.frames.length - 1;
    let n = enclosing.frames.length - 1;
    while (m >= 0 && n >= 0 && cause.frames[m] === enclosing.frames[n]) {
      m--;
      n--;
    }
    const inCommon = cause.frames.length - 1 - m;
    lines.push(`Caused by: ${describe(cause)}`, ...cause.frames.slice(0, m + 1).map((f) => `\tat ${f}`));
    if (inCommon > 0) lines.push(`\t... ${inCommon} more`);
  }
  return `${lines.join('\n')}\n`;
}

function describe(t: JavaThrowable): string {
  return t.message === undefined || t.message === null ? t.className : `${t.className}: ${t.message}`;
}

/** A stack frame of `className.method`, in the source file Java names after the outermost class. */
export function frame(className: string, method: string, line: number | 'native'): string {
  if (line === 'native') return `${className}.${method}(Native Method)`;
  const simple = className.slice(className.lastIndexOf('.') + 1).split('$')[0];
  return `${className}.${method}(${simple}.java:${line})`;
}

const CONNECT_ERRORS = 'org.apache.kafka.connect.errors';
const RUNTIME = 'org.apache.kafka.connect.runtime';

/** Every Connect thread ends in the worker's executor (JDK 17 line numbers, as on a 4.0 worker). */
const EXECUTOR_FRAMES = [
  `${RUNTIME}.isolation.Plugins.lambda$withClassLoader$1(Plugins.java:238)`,
  'java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:539)',
  'java.base/java.util.concurrent.FutureTask.run(FutureTask.java:264)',
  'java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)',
  'java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)',
  'java.base/java.lang.Thread.run(Thread.java:840)',
];

/** Below a task's start(): WorkerTask.doStart on the task thread. */
const TASK_START_FRAMES = (type: 'source' | 'sink') => [
  type === 'sink'
    ? `${RUNTIME}.WorkerSinkTask.initializeAndStart(WorkerSinkTask.java:324)`
    : `${RUNTIME}.AbstractWorkerSourceTask.initializeAndStart(AbstractWorkerSourceTask.java:283)`,
  `${RUNTIME}.WorkerTask.doStart(WorkerTask.java:176)`,
  `${RUNTIME}.WorkerTask.doRun(WorkerTask.java:225)`,
  `${RUNTIME}.WorkerTask.run(WorkerTask.java:281)`,
  ...EXECUTOR_FRAMES,
];

/** Below WorkerTask.execute() once the task runs. */
const TASK_RUN_FRAMES = [
  `${RUNTIME}.WorkerTask.doRun(WorkerTask.java:226)`,
  `${RUNTIME}.WorkerTask.run(WorkerTask.java:281)`,
  ...EXECUTOR_FRAMES,
];

const SINK_POLL_FRAMES = [
  `${RUNTIME}.WorkerSinkTask.poll(WorkerSinkTask.java:344)`,
  `${RUNTIME}.WorkerSinkTask.iteration(WorkerSinkTask.java:246)`,
  `${RUNTIME}.WorkerSinkTask.execute(WorkerSinkTask.java:215)`,
  ...TASK_RUN_FRAMES,
];

/** Below Connector.start() on the connector thread (fixture 52). */
const CONNECTOR_START_FRAMES = [
  `${RUNTIME}.WorkerConnector.doStart(WorkerConnector.java:216)`,
  `${RUNTIME}.WorkerConnector.start(WorkerConnector.java:245)`,
  `${RUNTIME}.WorkerConnector.doTransitionTo(WorkerConnector.java:404)`,
  `${RUNTIME}.WorkerConnector.doTransitionTo(WorkerConnector.java:385)`,
  `${RUNTIME}.WorkerConnector.doRun(WorkerConnector.java:165)`,
  `${RUNTIME}.WorkerConnector.run(WorkerConnector.java:125)`,
  ...EXECUTOR_FRAMES,
];

/** A throwable's full stack: its own innermost frames on top of the frames of the caller below. */
function on(own: string[], below: string[]): string[] {
  return [...own, ...below];
}

// ── config-derived failures ───────────────────────────────────────────────────

/** FileStreamSinkTask.start() on a file whose directory does not exist — verbatim fixture 47. */
export function fileStreamSinkMissingFileTrace(path: string): string {
  const task = 'org.apache.kafka.connect.file.FileStreamSinkTask';
  const below = TASK_START_FRAMES('sink');
  return renderStackTrace({
    className: `${CONNECT_ERRORS}.ConnectException`,
    message: `Couldn't find or create file '${path}' for FileStreamSinkTask`,
    frames: on([frame(task, 'start', 74)], below),
    cause: {
      className: 'java.nio.file.NoSuchFileException',
      message: path,
      frames: on(
        [
          'java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:92)',
          'java.base/sun.nio.fs.UnixException.rethrowAsIOException(UnixException.java:106)',
          'java.base/sun.nio.fs.UnixException.rethrowAsIOException(UnixException.java:111)',
          'java.base/sun.nio.fs.UnixFileSystemProvider.newByteChannel(UnixFileSystemProvider.java:218)',
          'java.base/java.nio.file.spi.FileSystemProvider.newOutputStream(FileSystemProvider.java:484)',
          'java.base/java.nio.file.Files.newOutputStream(Files.java:228)',
          frame(task, 'start', 70),
        ],
        below,
      ),
    },
  });
}

/** Where each MirrorMaker connector creates its first admin client in start(). */
const MIRROR_START_LINES: Record<string, number> = {
  MirrorHeartbeatConnector: 55,
  MirrorSourceConnector: 156,
  MirrorCheckpointConnector: 93,
};

/**
 * A MirrorMaker 2 connector whose first admin client cannot be built: `servers` is the
 * bootstrap.servers value it was given (undefined or blank when none was). Verbatim fixture 52
 * for MirrorHeartbeatConnector with "notaport".
 */
export function mirrorAdminFailureTrace(connectorClass: string, servers: string | undefined): string {
  const simple = connectorClass.slice(connectorClass.lastIndexOf('.') + 1);
  const utils = 'org.apache.kafka.common.utils.Utils';
  const enclosing = on(
    [
      frame(utils, 'newParameterizedInstance', 482),
      frame('org.apache.kafka.connect.mirror.MirrorConnectorConfig', 'forwardingAdmin', 244),
      frame(connectorClass, 'start', MIRROR_START_LINES[simple] ?? 60),
    ],
    CONNECTOR_START_FRAMES,
  );
  const admin = 'org.apache.kafka.clients.admin.KafkaAdminClient';
  const created = on(
    [
      frame(admin, 'createInternal', 569),
      frame('org.apache.kafka.clients.admin.Admin', 'create', 143),
      frame('org.apache.kafka.clients.admin.ForwardingAdmin', '<init>', 53),
      'java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)',
      'java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance(NativeConstructorAccessorImpl.java:77)',
      'java.base/jdk.internal.reflect.DelegatingConstructorAccessorImpl.newInstance(DelegatingConstructorAccessorImpl.java:45)',
      'java.base/java.lang.reflect.Constructor.newInstanceWithCaller(Constructor.java:500)',
      'java.base/java.lang.reflect.Constructor.newInstance(Constructor.java:481)',
      frame(utils, 'newParameterizedInstance', 471),
    ],
    enclosing.slice(1),
  );
  const addresses = 'org.apache.kafka.clients.admin.internals.AdminBootstrapAddresses';
  const blank = servers === undefined || servers.trim() === '';
  const rootFrames = blank
    ? [frame(addresses, 'fromConfig', 68), frame(admin, 'createInternal', 533)]
    : [
        frame('org.apache.kafka.clients.ClientUtils', 'parseAndValidateAddresses', 74),
        frame('org.apache.kafka.clients.ClientUtils', 'parseAndValidateAddresses', 63),
        frame(addresses, 'fromConfig', 72),
        frame(admin, 'createInternal', 533),
      ];
  return renderStackTrace({
    className: 'org.apache.kafka.common.KafkaException',
    message: 'The constructor of org.apache.kafka.clients.admin.ForwardingAdmin threw an exception',
    frames: enclosing,
    cause: {
      className: 'org.apache.kafka.common.KafkaException',
      message: 'Failed to create new KafkaAdminClient',
      frames: created,
      cause: {
        className: 'org.apache.kafka.common.config.ConfigException',
        message: blank
          ? 'You must set either bootstrap.servers or bootstrap.controllers'
          : `Invalid url in bootstrap.servers: ${firstInvalidBootstrapUrl(servers) ?? servers.trim()}`,
        frames: on(rootFrames, created.slice(1)),
      },
    },
  });
}

/** ClientUtils.parseAndValidateAddresses: the first entry without a usable host:port, if any. */
export function firstInvalidBootstrapUrl(servers: string): string | undefined {
  return servers
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .find((s) => !/^.*?\[?[0-9a-zA-Z\-%._:]*\]?:[0-9]+$/.test(s));
}

/** The host of a JDBC URL ("jdbc:postgresql://db:5432/app" → "db"), if it has one. */
export function jdbcHost(url: string): string | undefined {
  return /^jdbc:[a-z0-9]+:(?:thin:@)?(?:\/\/)?([^:/;?@]+)/i.exec(url.trim())?.[1];
}

/** A Confluent JDBC source task whose database cannot be reached, with the driver's own exception. */
export function jdbcConnectionFailureTrace(url: string): string {
  const host = jdbcHost(url) ?? 'localhost';
  const task = 'io.confluent.connect.jdbc.source.JdbcSourceTask';
  const provider = 'io.confluent.connect.jdbc.util.CachedConnectionProvider';
  const below = TASK_START_FRAMES('source');
  const enclosing = on([frame(provider, 'getConnection', 59), frame(task, 'start', 153)], below);
  const inDriver = (driverFrames: string[]) =>
    on(
      [
        ...driverFrames,
        'java.sql/java.sql.DriverManager.getConnection(DriverManager.java:681)',
        'java.sql/java.sql.DriverManager.getConnection(DriverManager.java:229)',
        frame('io.confluent.connect.jdbc.dialect.GenericDatabaseDialect', 'getConnection', 256),
        frame(provider, 'newConnection', 84),
        frame(provider, 'getConnection', 52),
      ],
      enclosing.slice(1),
    );
  const scheme = /^jdbc:([a-z0-9]+):/i.exec(url.trim())?.[1]?.toLowerCase() ?? '';
  let driverError: JavaThrowable;
  if (scheme === 'postgresql') {
    const frames = inDriver([
      'org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:354)',
      'org.postgresql.core.ConnectionFactory.openConnection(ConnectionFactory.java:54)',
      'org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:273)',
      'org.postgresql.Driver.makeConnection(Driver.java:446)',
      'org.postgresql.Driver.connect(Driver.java:298)',
    ]);
    driverError = {
      className: 'org.postgresql.util.PSQLException',
      message: 'The connection attempt failed.',
      frames,
      cause: {
        className: 'java.net.UnknownHostException',
        message: host,
        frames: [
          'java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:567)',
          'java.base/java.net.SocksSocketImpl.connect(SocksSocketImpl.java:327)',
          'java.base/java.net.Socket.connect(Socket.java:633)',
          'org.postgresql.core.PGStream.createSocket(PGStream.java:243)',
          'org.postgresql.core.PGStream.<init>(PGStream.java:98)',
          'org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect(ConnectionFactoryImpl.java:136)',
          'org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:262)',
          ...frames.slice(1),
        ],
      },
    };
  } else if (scheme === 'mysql' || scheme === 'mariadb') {
    const frames = inDriver([
      'com.mysql.cj.jdbc.exceptions.SQLError.createCommunicationsException(SQLError.java:174)',
      'com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping.translateException(SQLExceptionsMapping.java:64)',
      'com.mysql.cj.jdbc.ConnectionImpl.createNewIO(ConnectionImpl.java:819)',
      'com.mysql.cj.jdbc.ConnectionImpl.<init>(ConnectionImpl.java:440)',
      'com.mysql.cj.jdbc.ConnectionImpl.getInstance(ConnectionImpl.java:241)',
      'com.mysql.cj.jdbc.NonRegisteringDriver.connect(NonRegisteringDriver.java:189)',
    ]);
    driverError = {
      className: 'com.mysql.cj.jdbc.exceptions.CommunicationsException',
      message:
        'Communications link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server.',
      frames,
      cause: {
        className: 'java.net.UnknownHostException',
        message: `${host}: Name or service not known`,
        frames: [
          'java.base/java.net.Inet6AddressImpl.lookupAllHostAddr(Native Method)',
          'java.base/java.net.InetAddress$PlatformNameService.lookupAllHostAddr(InetAddress.java:933)',
          'java.base/java.net.InetAddress.getAddressesFromNameService(InetAddress.java:1534)',
          'java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1385)',
          'java.base/java.net.InetAddress.getAllByName(InetAddress.java:1306)',
          'com.mysql.cj.protocol.StandardSocketFactory.connect(StandardSocketFactory.java:130)',
          'com.mysql.cj.protocol.a.NativeSocketConnection.connect(NativeSocketConnection.java:63)',
          'com.mysql.cj.NativeSession.connect(NativeSession.java:120)',
          'com.mysql.cj.jdbc.ConnectionImpl.connectOneTryOnly(ConnectionImpl.java:948)',
          'com.mysql.cj.jdbc.ConnectionImpl.createNewIO(ConnectionImpl.java:809)',
          ...frames.slice(3),
        ],
      },
    };
  } else {
    driverError = {
      className: 'java.sql.SQLException',
      message: `Cannot connect to ${host}: Connection timed out`,
      frames: inDriver([]),
    };
  }
  return renderStackTrace({
    className: `${CONNECT_ERRORS}.ConnectException`,
    message: `${driverError.className}: ${driverError.message}`,
    frames: enclosing,
    cause: driverError,
  });
}

/** The host of a mongodb:// or mongodb+srv:// URI (after any credentials), if it has one. */
export function mongoHost(uri: string): string | undefined {
  return /^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?([^:/,?]+)/.exec(uri.trim())?.[1];
}

/** A MongoDB sink task whose first bulk write times out selecting a server. */
export function mongoTimeoutTrace(uri: string): string {
  const host = mongoHost(uri) ?? 'localhost';
  const port = /^mongodb:\/\/(?:[^@/]*@)?[^:/,?]+:(\d+)/.exec(uri.trim())?.[1] ?? '27017';
  const put = on(
    [
      'com.mongodb.kafka.connect.sink.MongoSinkTask.put(MongoSinkTask.java:118)',
      `${RUNTIME}.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:606)`,
    ],
    SINK_POLL_FRAMES,
  );
  const enclosing = on(
    [`${RUNTIME}.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:636)`],
    SINK_POLL_FRAMES,
  );
  const sinkTask = 'com.mongodb.kafka.connect.sink.StartedMongoSinkTask';
  return renderStackTrace({
    className: `${CONNECT_ERRORS}.ConnectException`,
    message: 'Exiting WorkerSinkTask due to unrecoverable exception.',
    frames: enclosing,
    cause: {
      className: 'com.mongodb.MongoTimeoutException',
      message: `Timed out after 30000 ms while waiting to connect. Client view of cluster state is {type=UNKNOWN, servers=[{address=${host}:${port}, type=UNKNOWN, state=CONNECTING, exception={com.mongodb.MongoSocketException: ${host}}, caused by {java.net.UnknownHostException: ${host}}}]`,
      frames: [
        'com.mongodb.internal.connection.BaseCluster.createTimeoutException(BaseCluster.java:380)',
        'com.mongodb.internal.connection.BaseCluster.selectServer(BaseCluster.java:125)',
        'com.mongodb.internal.connection.SingleServerCluster.selectServer(SingleServerCluster.java:46)',
        'com.mongodb.internal.binding.ClusterBinding.getWriteConnectionSource(ClusterBinding.java:116)',
        'com.mongodb.client.internal.ClientSessionBinding.getConnectionSource(ClientSessionBinding.java:128)',
        'com.mongodb.client.internal.ClientSessionBinding.getWriteConnectionSource(ClientSessionBinding.java:99)',
        'com.mongodb.internal.operation.SyncOperationHelper.withSuppliedResource(SyncOperationHelper.java:138)',
        'com.mongodb.internal.operation.MixedBulkWriteOperation.execute(MixedBulkWriteOperation.java:192)',
        'com.mongodb.internal.operation.MixedBulkWriteOperation.execute(MixedBulkWriteOperation.java:76)',
        'com.mongodb.client.internal.MongoClientDelegate$DelegateOperationExecutor.execute(MongoClientDelegate.java:173)',
        'com.mongodb.client.internal.MongoCollectionImpl.executeBulkWrite(MongoCollectionImpl.java:447)',
        'com.mongodb.client.internal.MongoCollectionImpl.bulkWrite(MongoCollectionImpl.java:427)',
        `${sinkTask}.bulkWriteBatch(StartedMongoSinkTask.java:178)`,
        `${sinkTask}.bulkWriteBatch(StartedMongoSinkTask.java:149)`,
        `${sinkTask}.put(StartedMongoSinkTask.java:111)`,
        ...put,
      ],
    },
  });
}

/** A task whose start() threw `className: message` itself (no cause). */
export function taskStartFailureTrace(
  type: 'source' | 'sink',
  taskClass: string,
  line: number,
  className: string,
  message: string,
): string {
  return renderStackTrace({
    className,
    message,
    frames: on([frame(taskClass, 'start', line)], TASK_START_FRAMES(type)),
  });
}

/** Confluent S3SinkTask.start() when the bucket is missing (it checks before writing anything). */
export function s3MissingBucketTrace(bucket: string): string {
  return taskStartFailureTrace(
    'sink',
    'io.confluent.connect.s3.S3SinkTask',
    138,
    `${CONNECT_ERRORS}.ConnectException`,
    `Non-existent S3 bucket: ${bucket}`,
  );
}

// ── injected failures ─────────────────────────────────────────────────────────

/** The failure varieties genericTaskTrace can produce. */
export type InjectedFailureKind =
  /** A NullPointerException inside a Single Message Transform (errors.tolerance=none). */
  | 'transform-npe'
  /** Source: producer send timed out; sink: the consumer could not fetch a position in time. */
  | 'timeout'
  /** Sink: the converter could not deserialize a record; source: could not serialize one. */
  | 'converter'
  /** The connector's task gave up on a RetriableException after errors.retry.timeout. */
  | 'retriable'
  /** The task's database call failed (lock wait timeout). */
  | 'sql';

export const INJECTED_FAILURE_KINDS: readonly InjectedFailureKind[] = [
  'transform-npe',
  'timeout',
  'converter',
  'retriable',
  'sql',
];

export interface InjectedTraceOptions {
  /** Which failure; by default one chosen from the connector class and task number (stable across calls). */
  kind?: InjectedFailureKind;
  /** Defaults to a guess from the class name ("Sink" → sink). */
  connectorType?: 'source' | 'sink';
  /** The class in the task's own frames; defaults to the connector class with "Connector" → "Task". */
  taskClass?: string;
  /** Topic named in messages; defaults to "orders". */
  topic?: string;
}

/** Task classes of well-known connectors, for realistic frames. */
const KNOWN_TASK_CLASSES: Record<string, string> = {
  'org.apache.kafka.connect.file.FileStreamSourceConnector':
    'org.apache.kafka.connect.file.FileStreamSourceTask',
  'org.apache.kafka.connect.file.FileStreamSinkConnector': 'org.apache.kafka.connect.file.FileStreamSinkTask',
  'org.apache.kafka.connect.mirror.MirrorSourceConnector': 'org.apache.kafka.connect.mirror.MirrorSourceTask',
  'org.apache.kafka.connect.mirror.MirrorCheckpointConnector':
    'org.apache.kafka.connect.mirror.MirrorCheckpointTask',
  'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector':
    'org.apache.kafka.connect.mirror.MirrorHeartbeatTask',
  'io.confluent.connect.jdbc.JdbcSourceConnector': 'io.confluent.connect.jdbc.source.JdbcSourceTask',
  'io.confluent.connect.jdbc.JdbcSinkConnector': 'io.confluent.connect.jdbc.sink.JdbcSinkTask',
  'io.confluent.connect.s3.S3SinkConnector': 'io.confluent.connect.s3.S3SinkTask',
  'com.mongodb.kafka.connect.MongoSinkConnector': 'com.mongodb.kafka.connect.sink.MongoSinkTask',
  'io.debezium.connector.mysql.MySqlConnector': 'io.debezium.connector.mysql.MySqlConnectorTask',
};

function taskClassOf(connectorClass: string): string {
  return KNOWN_TASK_CLASSES[connectorClass] ?? `${connectorClass.replace(/Connector$/, '')}Task`;
}

/**
 * A realistic trace for an injected failure of task `task` of a connector of `connectorClass`, or
 * of the connector itself when `task` is negative. The same arguments always give the same trace.
 */
export function genericTaskTrace(
  connectorClass: string,
  task: number,
  opts: InjectedTraceOptions = {},
): string {
  const className = connectorClass || 'org.apache.kafka.connect.connector.Connector';
  if (task < 0) return genericConnectorTrace(className);
  const type = opts.connectorType ?? (/Sink/.test(className) ? 'sink' : 'source');
  // SQL errors only make sense for connectors that talk to a database.
  const kinds = INJECTED_FAILURE_KINDS.filter((k) => k !== 'sql' || /jdbc|sql|debezium/i.test(className));
  const kind = opts.kind ?? kinds[Math.abs(javaStringHash(`${className}-${task}`)) % kinds.length]!;
  const taskClass = opts.taskClass ?? taskClassOf(className);
  const topic = opts.topic ?? 'orders';
  switch (kind) {
    case 'transform-npe':
      return transformNpeTrace(type);
    case 'timeout':
      return timeoutTrace(type, topic);
    case 'converter':
      return converterTrace(type, topic);
    case 'retriable':
      return retriableTrace(type, taskClass);
    case 'sql':
      return sqlTrace(type, taskClass);
  }
}

/** A Connector object that failed in start(). */
export function genericConnectorTrace(connectorClass: string): string {
  const below = on([frame(connectorClass, 'start', 112)], CONNECTOR_START_FRAMES);
  return renderStackTrace({
    className: `${CONNECT_ERRORS}.ConnectException`,
    message: 'Failed to connect to the external system: java.net.ConnectException: Connection refused',
    frames: below,
    cause: {
      className: 'java.net.ConnectException',
      message: 'Connection refused',
      frames: [
        'java.base/sun.nio.ch.Net.pollConnect(Native Method)',
        'java.base/sun.nio.ch.Net.pollConnectNow(Net.java:672)',
        'java.base/sun.nio.ch.NioSocketImpl.timedFinishConnect(NioSocketImpl.java:547)',
        'java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:602)',
        'java.base/java.net.SocksSocketImpl.connect(SocksSocketImpl.java:327)',
        'java.base/java.net.Socket.connect(Socket.java:633)',
        frame(connectorClass, 'start', 108),
        ...CONNECTOR_START_FRAMES,
      ],
    },
  });
}

const TOLERANCE = 'org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator';

/** Where the error handler sits in a task's record path. */
function errorHandlerFrames(type: 'source' | 'sink', step: 'transform' | 'convert'): string[] {
  if (type === 'sink') {
    const caller =
      step === 'transform'
        ? [
            `${RUNTIME}.TransformationChain.apply(TransformationChain.java:54)`,
            `${RUNTIME}.WorkerSinkTask.convertAndTransformRecord(WorkerSinkTask.java:546)`,
          ]
        : [`${RUNTIME}.WorkerSinkTask.convertAndTransformRecord(WorkerSinkTask.java:528)`];
    return [
      `${TOLERANCE}.execAndHandleError(RetryWithToleranceOperator.java:260)`,
      `${TOLERANCE}.execute(RetryWithToleranceOperator.java:180)`,
      ...caller,
      `${RUNTIME}.WorkerSinkTask.convertMessages(WorkerSinkTask.java:505)`,
      ...SINK_POLL_FRAMES,
    ];
  }
  const caller =
    step === 'transform'
      ? [
          `${RUNTIME}.TransformationChain.apply(TransformationChain.java:54)`,
          `${RUNTIME}.AbstractWorkerSourceTask.sendRecords(AbstractWorkerSourceTask.java:400)`,
        ]
      : [
          `${RUNTIME}.AbstractWorkerSourceTask.convertTransformedRecord(AbstractWorkerSourceTask.java:494)`,
          `${RUNTIME}.AbstractWorkerSourceTask.sendRecords(AbstractWorkerSourceTask.java:406)`,
        ];
  return [
    `${TOLERANCE}.execAndHandleError(RetryWithToleranceOperator.java:260)`,
    `${TOLERANCE}.execute(RetryWithToleranceOperator.java:180)`,
    ...caller,
    `${RUNTIME}.AbstractWorkerSourceTask.execute(AbstractWorkerSourceTask.java:367)`,
    ...TASK_RUN_FRAMES,
  ];
}

/** The frames RetryWithToleranceOperator puts above the failing operation. */
function operatorFrames(enclosing: string[]): string[] {
  return [
    `${TOLERANCE}.execAndRetry(RetryWithToleranceOperator.java:208)`,
    `${TOLERANCE}.execAndHandleError(RetryWithToleranceOperator.java:244)`,
    ...enclosing.slice(1),
  ];
}

function transformNpeTrace(type: 'source' | 'sink'): string {
  const enclosing = errorHandlerFrames(type, 'transform');
  const smt = 'org.apache.kafka.connect.transforms.ValueToKey';
  return renderStackTrace({
    className: `${CONNECT_ERRORS}.ConnectException`,
    message: 'Tolerance exceeded in error handler',
    frames: enclosing,
    cause: {
      className: 'java.lang.NullPointerException',
      message: `Cannot invoke "org.apache.kafka.connect.data.Struct.get(String)" because "value" is null`,
      frames: [
        frame(smt, 'applyWithSchema', 86),
        frame(smt, 'apply', 72),
        `${RUNTIME}.TransformationStage.apply(TransformationStage.java:57)`,
        `${RUNTIME}.TransformationChain.lambda$apply$0(TransformationChain.java:54)`,
        ...operatorFrames(enclosing),
      ],
    },
  });
}

function timeoutTrace(type: 'source' | 'sink', topic: string): string {
  if (type === 'sink') {
    // An ApiException: Kafka skips filling in its stack, so the trace is a single line.
    return renderStackTrace({
      className: 'org.apache.kafka.common.errors.TimeoutException',
      message: `Timeout of 60000ms expired before the position for partition ${topic}-0 could be determined`,
      frames: [],
    });
  }
  return renderStackTrace({
    className: `${CONNECT_ERRORS}.ConnectException`,
    message: 'Unrecoverable exception from producer send callback',
    frames: [
      `${RUNTIME}.WorkerSourceTask.maybeThrowProducerSendException(WorkerSourceTask.java:340)`,
      `${RUNTIME}.WorkerSourceTask.prepareToSendRecord(WorkerSourceTask.java:143)`,
      `${RUNTIME}.AbstractWorkerSourceTask.sendRecords(AbstractWorkerSourceTask.java:404)`,
      `${RUNTIME}.AbstractWorkerSourceTask.execute(AbstractWorkerSourceTask.java:367)`,
      ...TASK_RUN_FRAMES,
    ],
    cause: {
      className: 'org.apache.kafka.common.errors.TimeoutException',
      message: `Expiring 12 record(s) for ${topic}-2:120008 ms has passed since batch creation`,
      frames: [],
    },
  });
}

function converterTrace(type: 'source' | 'sink', topic: string): string {
  const enclosing = errorHandlerFrames(type, 'convert');
  const json = 'org.apache.kafka.connect.json.JsonConverter';
  if (type === 'sink') {
    const convert = [
      frame(json, 'toConnectData', 333),
      'org.apache.kafka.connect.storage.Converter.toConnectData(Converter.java:91)',
      `${RUNTIME}.WorkerSinkTask.lambda$convertAndTransformRecord$4(WorkerSinkTask.java:528)`,
      ...operatorFrames(enclosing),
    ];
    const deserialize = [
      'org.apache.kafka.connect.json.JsonDeserializer.deserialize(JsonDeserializer.java:69)',
      frame(json, 'toConnectData', 331),
      ...convert.slice(1),
    ];
    const location =
      ' at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 6]';
    const token = `Unrecognized token 'hello': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n${location}`;
    return renderStackTrace({
      className: `${CONNECT_ERRORS}.ConnectException`,
      message: 'Tolerance exceeded in error handler',
      frames: enclosing,
      cause: {
        className: `${CONNECT_ERRORS}.DataException`,
        message: `Converting byte[] to Kafka Connect data failed due to serialization error of topic ${topic}: `,
        frames: convert,
        cause: {
          className: 'org.apache.kafka.common.errors.SerializationException',
          message: `com.fasterxml.jackson.core.JsonParseException: ${token}`,
          frames: deserialize,
          cause: {
            className: 'com.fasterxml.jackson.core.JsonParseException',
            message: token,
            frames: [
              'com.fasterxml.jackson.core.JsonParser._constructError(JsonParser.java:2477)',
              'com.fasterxml.jackson.core.base.ParserMinimalBase._reportError(ParserMinimalBase.java:760)',
              'com.fasterxml.jackson.core.json.UTF8StreamJsonParser._reportInvalidToken(UTF8StreamJsonParser.java:3693)',
              'com.fasterxml.jackson.core.json.UTF8StreamJsonParser._handleUnexpectedValue(UTF8StreamJsonParser.java:2781)',
              'com.fasterxml.jackson.core.json.UTF8StreamJsonParser._nextTokenNotInObject(UTF8StreamJsonParser.java:907)',
              'com.fasterxml.jackson.core.json.UTF8StreamJsonParser.nextToken(UTF8StreamJsonParser.java:793)',
              'com.fasterxml.jackson.databind.ObjectMapper._readTreeAndClose(ObjectMapper.java:4937)',
              'com.fasterxml.jackson.databind.ObjectMapper.readTree(ObjectMapper.java:3311)',
              ...deserialize,
            ],
          },
        },
      },
    });
  }
  const convert = [
    frame(json, 'fromConnectData', 315),
    'org.apache.kafka.connect.storage.Converter.fromConnectData(Converter.java:67)',
    `${RUNTIME}.AbstractWorkerSourceTask.lambda$convertTransformedRecord$6(AbstractWorkerSourceTask.java:494)`,
    ...operatorFrames(enclosing),
  ];
  return renderStackTrace({
    className: `${CONNECT_ERRORS}.ConnectException`,
    message: 'Tolerance exceeded in error handler',
    frames: enclosing,
    cause: {
      className: `${CONNECT_ERRORS}.DataException`,
      message: `Converting Kafka Connect data to byte[] failed due to serialization error of topic ${topic}: `,
      frames: convert,
      cause: {
        className: 'org.apache.kafka.common.errors.SerializationException',
        message: 'Error serializing JSON message',
        frames: [
          'org.apache.kafka.connect.json.JsonSerializer.serialize(JsonSerializer.java:68)',
          ...convert,
        ],
      },
    },
  });
}

function retriableTrace(type: 'source' | 'sink', taskClass: string): string {
  const message = 'Service unavailable: the downstream system did not answer within 30000 ms';
  if (type === 'sink') {
    const enclosing = on(
      [`${RUNTIME}.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:636)`],
      SINK_POLL_FRAMES,
    );
    return renderStackTrace({
      className: `${CONNECT_ERRORS}.ConnectException`,
      message: 'Exiting WorkerSinkTask due to unrecoverable exception.',
      frames: enclosing,
      cause: {
        className: `${CONNECT_ERRORS}.ConnectException`,
        message: `Retries exhausted, ending the task: ${CONNECT_ERRORS}.RetriableException: ${message}`,
        frames: [
          frame(taskClass, 'put', 142),
          `${RUNTIME}.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:606)`,
          ...SINK_POLL_FRAMES,
        ],
        cause: {
          className: `${CONNECT_ERRORS}.RetriableException`,
          message,
          frames: [frame(taskClass, 'write', 187), frame(taskClass, 'put', 131), ...enclosing.slice(1)],
        },
      },
    });
  }
  const poll = [
    frame(taskClass, 'poll', 164),
    `${RUNTIME}.AbstractWorkerSourceTask.poll(AbstractWorkerSourceTask.java:488)`,
    `${RUNTIME}.AbstractWorkerSourceTask.execute(AbstractWorkerSourceTask.java:360)`,
    ...TASK_RUN_FRAMES,
  ];
  return renderStackTrace({
    className: `${CONNECT_ERRORS}.ConnectException`,
    message: `Retries exhausted, ending the task: ${CONNECT_ERRORS}.RetriableException: ${message}`,
    frames: poll,
    cause: {
      className: `${CONNECT_ERRORS}.RetriableException`,
      message,
      frames: [frame(taskClass, 'fetch', 211), ...poll],
    },
  });
}

function sqlTrace(type: 'source' | 'sink', taskClass: string): string {
  const sqlMessage = 'Lock wait timeout exceeded; try restarting transaction';
  const driver = [
    'com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:130)',
    'com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping.translateException(SQLExceptionsMapping.java:122)',
    'com.mysql.cj.jdbc.ClientPreparedStatement.executeInternal(ClientPreparedStatement.java:916)',
  ];
  if (type === 'sink') {
    const enclosing = on(
      [`${RUNTIME}.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:636)`],
      SINK_POLL_FRAMES,
    );
    const put = [
      frame(taskClass, 'put', 121),
      `${RUNTIME}.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:606)`,
      ...SINK_POLL_FRAMES,
    ];
    return renderStackTrace({
      className: `${CONNECT_ERRORS}.ConnectException`,
      message: 'Exiting WorkerSinkTask due to unrecoverable exception.',
      frames: enclosing,
      cause: {
        className: `${CONNECT_ERRORS}.ConnectException`,
        message: `java.sql.SQLException: Exception chain:\njava.sql.SQLException: ${sqlMessage}\n`,
        frames: put,
        cause: {
          className: 'java.sql.SQLException',
          message: `Exception chain:\njava.sql.SQLException: ${sqlMessage}\n`,
          frames: [frame(taskClass, 'put', 103), ...put.slice(1)],
        },
      },
    });
  }
  const poll = [
    frame(taskClass, 'poll', 438),
    `${RUNTIME}.AbstractWorkerSourceTask.poll(AbstractWorkerSourceTask.java:488)`,
    `${RUNTIME}.AbstractWorkerSourceTask.execute(AbstractWorkerSourceTask.java:360)`,
    ...TASK_RUN_FRAMES,
  ];
  return renderStackTrace({
    className: `${CONNECT_ERRORS}.ConnectException`,
    message: `java.sql.SQLException: ${sqlMessage}`,
    frames: poll,
    cause: {
      className: 'java.sql.SQLException',
      message: sqlMessage,
      frames: [
        ...driver,
        'com.mysql.cj.jdbc.ClientPreparedStatement.executeQuery(ClientPreparedStatement.java:972)',
        frame(taskClass, 'executeQuery', 219),
        frame(taskClass, 'poll', 404),
        ...poll.slice(1),
      ],
    },
  });
}
