// The cluster the README's tour is captured on: the connectors an operator meets on a real
// cluster (a MongoDB sink whose task hit a record it cannot convert, a paused S3 archive, a
// stopped mirror, three leftover backfills to clean up), all created through the REST API so every
// run starts from the same state.
import { genericTaskTrace } from '../../src/emulator/traces.js';
import { type Config, FILE_SINK, FILE_SOURCE } from './helpers.js';

const MONGO_SINK = 'com.mongodb.kafka.connect.MongoSinkConnector';

const backfill = (n: number): Config => ({
  'connector.class': FILE_SINK,
  'tasks.max': '1',
  topics: 'orders',
  file: `/var/lib/backfill/orders-${n}.out`,
});

/** In creation order, which decides the worker each connector and task lands on. */
export const TOUR_CONNECTORS: Record<string, Config> = {
  'audit-log-sink': {
    'connector.class': FILE_SINK,
    'tasks.max': '1',
    topics: 'audit',
    file: '/var/log/audit.out',
  },
  'clicks-source': { 'connector.class': FILE_SOURCE, topic: 'clicks', file: '/var/log/web/clicks.log' },
  'inventory-cdc': {
    'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
    'tasks.max': '1',
    'database.hostname': 'mysql-inventory.internal',
    'database.port': '3306',
    'database.user': 'debezium',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Connect config-provider reference, kept literal
    'database.password': '${file:/etc/kafka/secrets/mysql.properties:password}',
    'database.server.id': '5401',
    'topic.prefix': 'cdc.inventory',
    'database.include.list': 'inventory',
    'schema.history.internal.kafka.bootstrap.servers': 'kafka-1.internal:9092',
    'schema.history.internal.kafka.topic': 'schema-history.inventory',
  },
  'mirror-dc1': {
    'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector',
    'tasks.max': '2',
    'source.cluster.alias': 'dc1',
    'target.cluster.alias': 'dc2',
    'source.cluster.bootstrap.servers': 'kafka-dc1.internal:9092',
    'target.cluster.bootstrap.servers': 'kafka-dc2.internal:9092',
    topics: 'orders\\..*',
  },
  'orders-backfill-1': backfill(1),
  'orders-backfill-2': backfill(2),
  'orders-backfill-3': backfill(3),
  'orders-sink': {
    'connector.class': MONGO_SINK,
    'tasks.max': '3',
    topics: 'orders',
    'connection.uri': 'mongodb://mongo-orders.internal:27017/?replicaSet=rs0',
    database: 'shop',
    collection: 'orders',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
    'errors.tolerance': 'none',
  },
  's3-archive': {
    'connector.class': 'io.confluent.connect.s3.S3SinkConnector',
    'tasks.max': '2',
    topics: 'orders,payments',
    's3.bucket.name': 'acme-archive',
    's3.region': 'eu-west-1',
    'flush.size': '1000',
    'storage.class': 'io.confluent.connect.s3.storage.S3Storage',
    'format.class': 'io.confluent.connect.s3.format.parquet.ParquetFormat',
  },
  'payments-jdbc-source': {
    'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
    'tasks.max': '2',
    'connection.url': 'jdbc:postgresql://pg-payments.internal:5432/payments',
    'connection.user': 'kafka_connect',
    'connection.password': 'not-a-real-password',
    mode: 'incrementing',
    'incrementing.column.name': 'id',
    'table.whitelist': 'public.payments',
    'topic.prefix': 'pg.',
  },
};

/** Task 1 of orders-sink met a record that is not JSON: the trace a JsonConverter leaves. */
export const FAILED_TASK = {
  connector: 'orders-sink',
  task: 1,
  trace: genericTaskTrace(MONGO_SINK, 1, { kind: 'converter', topic: 'orders' }),
} as const;
