// MirrorMaker 2's connectors, on the worker's classpath. Their config() is ConnectorConfig's keys
// plus MirrorConnectorConfig's (no groups, so order -1). The per-cluster client settings
// (`source.cluster.bootstrap.servers`, `target.cluster.*`, ...) are prefixes, not defined keys, so
// validate never lists them. The SSL/SASL/metrics client keys the real ConfigDef also embeds are
// left out.
import type { ConnectorConfig, ConnectorOffset } from '../../connect/types.js';
import { firstInvalidBootstrapUrl, mirrorAdminFailureTrace } from '../traces.js';
import {
  apacheVersion,
  commonConnectorKeys,
  inJavaHashOrder,
  listValue,
  stableNumber,
  tasksMax,
  ungroupedKey,
} from './framework.js';
import type { ConfigKeyDef, PluginDef } from './types.js';

const PACKAGE = 'org.apache.kafka.connect.mirror';

/** A MirrorConnectorConfig key: always without group, order -1. */
const key = ungroupedKey;

const BASE_KEYS: ConfigKeyDef[] = [
  key('enabled', 'BOOLEAN', 'true', 'LOW', 'Whether to replicate source->target.'),
  key('source.cluster.alias', 'STRING', undefined, 'HIGH', 'Alias of source cluster'),
  key(
    'target.cluster.alias',
    'STRING',
    'target',
    'HIGH',
    'Alias of target cluster. Used in metrics reporting.',
  ),
  key(
    'admin.timeout.ms',
    'LONG',
    '60000',
    'LOW',
    'Timeout for administrative tasks, e.g. detecting new topics.',
  ),
  key(
    'replication.policy.class',
    'CLASS',
    `${PACKAGE}.DefaultReplicationPolicy`,
    'LOW',
    'Class which defines the remote topic naming convention.',
  ),
  key(
    'replication.policy.separator',
    'STRING',
    '.',
    'LOW',
    'Separator used in remote topic naming convention.',
  ),
  key(
    'forwarding.admin.class',
    'CLASS',
    'org.apache.kafka.clients.admin.ForwardingAdmin',
    'LOW',
    'Class which extends ForwardingAdmin to define custom cluster resource management (topics, configs, etc). The class must have a constructor with signature <code>(Map<String, Object> config)</code> that is used to configure a KafkaAdminClient and may also be used to configure clients for external systems if necessary.',
  ),
];

const OFFSET_SYNCS_LOCATION = key(
  'offset-syncs.topic.location',
  'STRING',
  'source',
  'LOW',
  'The location (source/target) of the offset-syncs topic.',
  { validator: { kind: 'in', values: ['source', 'target'] } },
);

const CONSUMER_POLL_TIMEOUT = key(
  'consumer.poll.timeout.ms',
  'LONG',
  '1000',
  'LOW',
  'Timeout when polling source cluster.',
);

const TOPIC_FILTER = key(
  'topic.filter.class',
  'CLASS',
  `${PACKAGE}.DefaultTopicFilter`,
  'LOW',
  'TopicFilter to use. Selects topics to replicate.',
);

const SOURCE_KEYS: ConfigKeyDef[] = [
  key(
    'topics',
    'LIST',
    '.*',
    'HIGH',
    'Topics to replicate. Supports comma-separated topic names and regexes.',
  ),
  key(
    'topics.exclude',
    'LIST',
    'mm2.*\\.internal, .*\\.replica, __.*',
    'HIGH',
    'Excluded topics. Supports comma-separated topic names and regexes. Excludes take precedence over includes.',
  ),
  key(
    'config.properties.exclude',
    'LIST',
    'follower\\.replication\\.throttled\\.replicas, leader\\.replication\\.throttled\\.replicas, message\\.timestamp\\.difference\\.max\\.ms, message\\.timestamp\\.type, unclean\\.leader\\.election\\.enable, min\\.insync\\.replicas',
    'HIGH',
    'Topic config properties that should not be replicated. Supports comma-separated property names and regexes.',
  ),
  TOPIC_FILTER,
  key(
    'config.property.filter.class',
    'CLASS',
    `${PACKAGE}.DefaultConfigPropertyFilter`,
    'LOW',
    'ConfigPropertyFilter to use. Selects topic config  properties to replicate.',
  ),
  CONSUMER_POLL_TIMEOUT,
  key(
    'refresh.topics.enabled',
    'BOOLEAN',
    'true',
    'LOW',
    'Whether to periodically check for new topics and partitions.',
  ),
  key('refresh.topics.interval.seconds', 'LONG', '600', 'LOW', 'Frequency of topic refresh.'),
  key(
    'sync.topic.configs.enabled',
    'BOOLEAN',
    'true',
    'LOW',
    'Whether to periodically configure remote topics to match their corresponding upstream topics.',
  ),
  key('sync.topic.configs.interval.seconds', 'LONG', '600', 'LOW', 'Frequency of topic config sync.'),
  key(
    'sync.topic.acls.enabled',
    'BOOLEAN',
    'true',
    'LOW',
    'Whether to periodically configure remote topic ACLs to match their corresponding upstream topics.',
  ),
  key('sync.topic.acls.interval.seconds', 'LONG', '600', 'LOW', 'Frequency of topic ACL sync.'),
  key('replication.factor', 'INT', '2', 'LOW', 'Replication factor for newly created remote topics.'),
  key(
    'offset-syncs.topic.replication.factor',
    'SHORT',
    '3',
    'LOW',
    'Replication factor for offset-syncs topic.',
  ),
  key(
    'offset.lag.max',
    'LONG',
    '100',
    'LOW',
    'How out-of-sync a remote partition can be before it is resynced.',
  ),
  OFFSET_SYNCS_LOCATION,
  key(
    'emit.offset-syncs.enabled',
    'BOOLEAN',
    'true',
    'LOW',
    'Whether to store the new offset of the replicated records in offset-syncs topic or not. MirrorCheckpointConnector will not be able to sync group offsets or emit checkpoints if emit.checkpoints.enabled and/or sync.group.offsets.enabled are enabled while emit.offset-syncs.enabled is disabled.',
  ),
];

const HEARTBEAT_KEYS: ConfigKeyDef[] = [
  key('emit.heartbeats.enabled', 'BOOLEAN', 'true', 'LOW', 'Whether to emit heartbeats to target cluster.'),
  key('emit.heartbeats.interval.seconds', 'LONG', '1', 'LOW', 'Frequency of heartbeats.'),
  key('heartbeats.topic.replication.factor', 'SHORT', '3', 'LOW', 'Replication factor for heartbeats topic.'),
];

const CHECKPOINT_KEYS: ConfigKeyDef[] = [
  key(
    'groups',
    'LIST',
    '.*',
    'HIGH',
    'Consumer groups to replicate. Supports comma-separated group IDs and regexes.',
  ),
  key(
    'groups.exclude',
    'LIST',
    'console-consumer-.*, connect-.*, __.*',
    'HIGH',
    'Exclude groups. Supports comma-separated group IDs and regexes. Excludes take precedence over includes.',
  ),
  key(
    'group.filter.class',
    'CLASS',
    `${PACKAGE}.DefaultGroupFilter`,
    'LOW',
    'GroupFilter to use. Selects consumer groups to replicate.',
  ),
  TOPIC_FILTER,
  CONSUMER_POLL_TIMEOUT,
  key(
    'refresh.groups.enabled',
    'BOOLEAN',
    'true',
    'LOW',
    'Whether to periodically check for new consumer groups.',
  ),
  key('refresh.groups.interval.seconds', 'LONG', '600', 'LOW', 'Frequency of group refresh.'),
  key(
    'emit.checkpoints.enabled',
    'BOOLEAN',
    'true',
    'LOW',
    'Whether to replicate consumer offsets to target cluster.',
  ),
  key('emit.checkpoints.interval.seconds', 'LONG', '60', 'LOW', 'Frequency of checkpoints.'),
  key(
    'sync.group.offsets.enabled',
    'BOOLEAN',
    'false',
    'LOW',
    'Whether to periodically write the translated offsets to __consumer_offsets topic in target cluster, as long as no active consumers in that group are connected to the target cluster',
  ),
  key('sync.group.offsets.interval.seconds', 'LONG', '60', 'LOW', 'Frequency of consumer group offset sync.'),
  key(
    'checkpoints.topic.replication.factor',
    'SHORT',
    '3',
    'LOW',
    'Replication factor for checkpoints topic.',
  ),
  OFFSET_SYNCS_LOCATION,
];

/** Entries of a topics/groups list that are plain names rather than regexes. */
function literals(config: ConnectorConfig, listKey: string, fallback: string): string[] {
  const values = config[listKey] === undefined ? [fallback] : listValue(config, listKey);
  return values.filter((v) => /^[\w.-]+$/.test(v) && !/[*+?]/.test(v));
}

function aliases(config: ConnectorConfig): { source: string; target: string; separator: string } {
  return {
    source: config['source.cluster.alias']?.trim() || 'source',
    target: config['target.cluster.alias']?.trim() || 'target',
    separator: config['replication.policy.separator'] ?? '.',
  };
}

/** The admin client each connector builds first in start(), and from which cluster's settings. */
function adminFailure(connectorClass: string, cluster: 'source' | 'target') {
  return (config: ConnectorConfig) => {
    if (cluster === 'source' && config.enabled?.trim().toLowerCase() === 'false') return undefined;
    const servers = config[`${cluster}.cluster.bootstrap.servers`];
    const broken =
      servers === undefined || servers.trim() === '' || firstInvalidBootstrapUrl(servers) !== undefined;
    return broken ? { connectorTrace: mirrorAdminFailureTrace(connectorClass, servers) } : undefined;
  };
}

/** MirrorSourceConfig.sourceConsumerConfig's isolation.level, which decides exactly-once support. */
function readsCommitted(config: ConnectorConfig): boolean {
  const level = config['source.consumer.isolation.level'] ?? config['consumer.isolation.level'];
  return level === 'read_committed';
}

/** Partitions the emulator pretends a mirrored topic (or a regex's matches) has. */
const PARTITIONS_PER_TOPIC = 3;

export function mirrorSourcePlugin(version: string): PluginDef {
  const className = `${PACKAGE}.MirrorSourceConnector`;
  return {
    className,
    type: 'source',
    version,
    location: 'classpath',
    configDefs: [...commonConnectorKeys(apacheVersion(version)), ...BASE_KEYS, ...SOURCE_KEYS],
    validate: (config): Record<string, string[]> =>
      config['exactly.once.support'] === 'required' && !readsCommitted(config)
        ? {
            'exactly.once.support': [
              "MirrorSourceConnector can only provide exactly-once guarantees when its source consumer is configured with isolation.level set to 'read_committed'; otherwise, records from aborted and uncommitted transactions will be replicated from the source cluster to the target cluster.",
            ],
          }
        : {},
    exactlyOnceSupport: (config) => (readsCommitted(config) ? 'SUPPORTED' : 'UNSUPPORTED'),
    taskClass: `${PACKAGE}.MirrorSourceTask`,
    taskCount: (config) => {
      const listed = literals(config, 'topics', '.*');
      const partitions = listed.length > 0 ? listed.length * PARTITIONS_PER_TOPIC : 4 * PARTITIONS_PER_TOPIC;
      return Math.min(tasksMax(config), partitions);
    },
    topics: (config) => {
      const { source, separator } = aliases(config);
      return literals(config, 'topics', '.*').map((t) => `${source}${separator}${t}`);
    },
    initialOffsets: (config): ConnectorOffset[] => {
      const { source } = aliases(config);
      return literals(config, 'topics', '.*').flatMap((topic) =>
        Array.from({ length: PARTITIONS_PER_TOPIC }, (_, partition) => ({
          partition: inJavaHashOrder<unknown>({ topic, partition, cluster: source }),
          offset: { offset: stableNumber(`${source}.${topic}-${partition}`, 0, 100_000) },
        })),
      );
    },
    failure: adminFailure(className, 'source'),
  };
}

export function mirrorCheckpointPlugin(version: string): PluginDef {
  const className = `${PACKAGE}.MirrorCheckpointConnector`;
  return {
    className,
    type: 'source',
    version,
    location: 'classpath',
    configDefs: [...commonConnectorKeys(apacheVersion(version)), ...BASE_KEYS, ...CHECKPOINT_KEYS],
    taskClass: `${PACKAGE}.MirrorCheckpointTask`,
    taskCount: (config) => {
      const groups = literals(config, 'groups', '.*');
      return Math.min(tasksMax(config), groups.length > 0 ? groups.length : 3);
    },
    topics: (config) => [`${aliases(config).source}.checkpoints.internal`],
    initialOffsets: (config): ConnectorOffset[] => {
      const topics = literals(config, 'topics', '.*');
      return literals(config, 'groups', '.*').flatMap((group) =>
        topics.map((topic) => ({
          partition: inJavaHashOrder<unknown>({ group, topic, partition: 0 }),
          offset: { offset: 0 },
        })),
      );
    },
    failure: adminFailure(className, 'source'),
  };
}

export function mirrorHeartbeatPlugin(version: string): PluginDef {
  const className = `${PACKAGE}.MirrorHeartbeatConnector`;
  return {
    className,
    type: 'source',
    version,
    location: 'classpath',
    configDefs: [...commonConnectorKeys(apacheVersion(version)), ...BASE_KEYS, ...HEARTBEAT_KEYS],
    taskClass: `${PACKAGE}.MirrorHeartbeatTask`,
    taskCount: () => 1,
    topics: () => ['heartbeats'],
    initialOffsets: (config): ConnectorOffset[] => {
      const { source, target } = aliases(config);
      return [
        {
          partition: inJavaHashOrder<unknown>({ sourceClusterAlias: source, targetClusterAlias: target }),
          offset: { offset: 0 },
        },
      ];
    },
    // The heartbeat connector first creates its admin client on the target cluster (fixture 52).
    failure: adminFailure(className, 'target'),
  };
}
