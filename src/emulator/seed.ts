// Realistic demo data: connectors of the kinds operators run (JDBC, Debezium, S3, MongoDB,
// FileStream, MirrorMaker), most healthy, some failing for reasons that follow from their
// config, some with transient task failures, paused, stopped or flapping. Deterministic per seed.
import type { ConnectorConfig, InitialState } from '../connect/types.js';
import type { EmulatedCluster } from './cluster.js';

const DOMAINS = [
  'orders',
  'payments',
  'inventory',
  'users',
  'shipments',
  'clickstream',
  'billing',
  'audit',
  'catalog',
  'pricing',
  'returns',
  'loyalty',
  'fraud',
  'search',
  'reviews',
  'ledger',
  'invoices',
  'carts',
  'sessions',
  'warehouse',
  'support',
  'marketing',
  'partners',
  'devices',
];
const ENTITIES = [
  'events',
  'items',
  'accounts',
  'history',
  'snapshots',
  'changes',
  'facts',
  'lines',
  'profiles',
  'transactions',
  'status',
  'metrics',
  'refunds',
  'addresses',
  'notes',
  'tags',
];
/** Odd names a real cluster ends up with, to exercise encoding and wide-character layout. */
const ODD_NAMES = [
  'orders sink (eu)',
  '한글-커넥터-sink',
  '🚀-launch-events',
  'legacy/crm-sync',
  '50%-sample-source',
  'what?-source',
  '#alerts-sink',
];

type Kind = 'jdbc' | 'cdc' | 's3' | 'mongo' | 'file-source' | 'file-sink' | 'mirror';
const KINDS: [Kind, number][] = [
  ['jdbc', 22],
  ['cdc', 20],
  ['s3', 22],
  ['mongo', 18],
  ['file-source', 5],
  ['file-sink', 5],
  ['mirror', 8],
];
const SUFFIX: Record<Kind, string> = {
  jdbc: 'jdbc-source',
  cdc: 'mysql-cdc',
  s3: 's3-sink',
  mongo: 'mongo-sink',
  'file-source': 'file-source',
  'file-sink': 'file-sink',
  mirror: 'mirror',
};

export interface SeedOptions {
  count: number;
  /** RNG seed; the same seed gives the same cluster. */
  seed?: number;
  /** Include the odd names (spaces, '/', '%', Hangul, emoji). Default: when count ≥ 20. */
  oddNames?: boolean;
  /** Mix of problems; 0 gives an all-healthy cluster. Default 1. */
  trouble?: number;
}

/** Adds `count` demo connectors, started at once. Returns how many were added. */
export function seedDemoConnectors(cluster: EmulatedCluster, options: SeedOptions): number {
  const rng = mulberry32(options.seed ?? 42);
  const trouble = options.trouble ?? 1;
  const odd = options.oddNames ?? options.count >= 20;
  let added = 0;
  for (let i = 0; added < options.count; i++) {
    const kind = pickKind(rng());
    const name = odd && i < ODD_NAMES.length ? ODD_NAMES[i]! : demoName(i, kind);
    if (cluster.has(name)) continue;
    const fate = rng() / Math.max(trouble, 1e-9);
    const broken = fate < 0.03;
    const paused = fate >= 0.03 && fate < 0.08;
    const initial: InitialState = fate >= 0.08 && fate < 0.11 ? 'STOPPED' : 'RUNNING';
    const config = demoConfig(kind, i, rng, broken);
    cluster.create(name, config, initial, true);
    added++;
    // Paused after it ran, as operators do, so its tasks show PAUSED rather than none.
    if (paused) cluster.pause(name);
    if (paused || initial !== 'RUNNING' || broken) continue;
    const tasks = cluster.status(name)?.tasks ?? [];
    if (fate < 0.14 && tasks.length > 0) cluster.failTask(name, Math.floor(rng() * tasks.length));
    else if (fate < 0.15) cluster.failConnector(name);
    else if (fate < 0.16 && tasks.length > 0)
      cluster.setFlapping(name, 0, 20_000 + Math.floor(rng() * 40_000));
  }
  // The pauses above are state transitions like any other; seeded data starts out settled.
  cluster.settle();
  return added;
}

function pickKind(roll: number): Kind {
  const total = KINDS.reduce((sum, [, w]) => sum + w, 0);
  let at = roll * total;
  for (const [kind, weight] of KINDS) {
    if (at < weight) return kind;
    at -= weight;
  }
  return 'jdbc';
}

function demoName(i: number, kind: Kind): string {
  const domain = DOMAINS[i % DOMAINS.length]!;
  const entity = ENTITIES[Math.floor(i / DOMAINS.length) % ENTITIES.length]!;
  const round = Math.floor(i / (DOMAINS.length * ENTITIES.length));
  return `${domain}-${entity}-${SUFFIX[kind]}${round > 0 ? `-${round + 1}` : ''}`;
}

const REGISTRY = 'http://schema-registry.internal:8081';
const AVRO = 'io.confluent.connect.avro.AvroConverter';

function demoConfig(kind: Kind, i: number, rng: () => number, broken: boolean): ConnectorConfig {
  const domain = DOMAINS[i % DOMAINS.length]!;
  const entity = ENTITIES[Math.floor(i / DOMAINS.length) % ENTITIES.length]!;
  const tasksMax = String(1 + Math.floor(rng() * 4));
  const host = (h: string) => (broken ? `${h}.unreachable.internal` : `${h}.internal`);
  switch (kind) {
    case 'jdbc':
      return {
        'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
        'tasks.max': tasksMax,
        'connection.url': `jdbc:postgresql://${host(`pg-${domain}`)}:5432/${domain}`,
        'connection.user': 'kafka_connect',
        'connection.password': `pg-${domain}-S3cr3t!`,
        mode: 'timestamp+incrementing',
        'incrementing.column.name': 'id',
        'timestamp.column.name': 'updated_at',
        'table.whitelist': `public.${entity},public.${entity}_archive`,
        'topic.prefix': `pg.${domain}.`,
        'poll.interval.ms': '5000',
      };
    case 'cdc':
      return {
        'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
        'tasks.max': '1',
        'database.hostname': host(`mysql-${domain}`),
        'database.port': '3306',
        'database.user': 'debezium',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Connect config-provider reference, kept literal
        'database.password': '${file:/etc/kafka/secrets/mysql.properties:password}',
        'database.server.id': String(5400 + i),
        'topic.prefix': `cdc.${domain}`,
        'database.include.list': domain,
        'table.include.list': `${domain}.${entity}`,
        'schema.history.internal.kafka.bootstrap.servers': 'kafka-1.internal:9092,kafka-2.internal:9092',
        'schema.history.internal.kafka.topic': `schema-history.${domain}`,
        'snapshot.mode': 'initial',
      };
    case 's3':
      return {
        'connector.class': 'io.confluent.connect.s3.S3SinkConnector',
        'tasks.max': tasksMax,
        topics: `pg.${domain}.${entity}`,
        's3.bucket.name': `acme-datalake-${domain}`,
        's3.region': 'eu-west-1',
        'flush.size': '1000',
        'rotate.interval.ms': '600000',
        'storage.class': 'io.confluent.connect.s3.storage.S3Storage',
        'format.class': 'io.confluent.connect.s3.format.parquet.ParquetFormat',
        'partitioner.class': 'io.confluent.connect.storage.partitioner.TimeBasedPartitioner',
        'path.format': "'year'=YYYY/'month'=MM/'day'=dd",
        'partition.duration.ms': '3600000',
        locale: 'en-GB',
        timezone: 'UTC',
        'aws.access.key.id': 'AKIAIOSFODNN7EXAMPLE',
        'aws.secret.access.key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      };
    case 'mongo':
      return {
        'connector.class': 'com.mongodb.kafka.connect.MongoSinkConnector',
        'tasks.max': tasksMax,
        topics: `cdc.${domain}.${domain}.${entity}`,
        'connection.uri': `mongodb://app:M0ngoPass@${host(`mongo-${domain}`)}:27017/?replicaSet=rs0`,
        database: domain,
        collection: entity,
        'key.converter': AVRO,
        'key.converter.schema.registry.url': REGISTRY,
        'value.converter': AVRO,
        'value.converter.schema.registry.url': REGISTRY,
        'document.id.strategy': 'com.mongodb.kafka.connect.sink.processor.id.strategy.ProvidedInKeyStrategy',
        'writemodel.strategy': 'com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy',
      };
    case 'file-source':
      return {
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
        'tasks.max': '1',
        file: `/var/log/${domain}/${entity}.log`,
        topic: `logs.${domain}.${entity}`,
      };
    case 'file-sink':
      return {
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
        'tasks.max': '1',
        file: broken
          ? `/nonexistent-dir/${domain}/${entity}.out`
          : `/var/lib/exports/${domain}-${entity}.out`,
        topics: `logs.${domain}.${entity}`,
      };
    case 'mirror':
      return {
        'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector',
        'tasks.max': tasksMax,
        'source.cluster.alias': 'dc1',
        'target.cluster.alias': 'dc2',
        'source.cluster.bootstrap.servers': broken ? 'notaport' : 'kafka-dc1.internal:9092',
        'target.cluster.bootstrap.servers': broken ? 'notaport' : 'kafka-dc2.internal:9092',
        topics: `${domain}\\..*`,
        'replication.factor': '3',
      };
  }
}

/** A small, fast, seedable PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
