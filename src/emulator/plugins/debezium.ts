// Debezium's MySQL source connector (2.7). Debezium registers its Fields in the ConfigDef with no
// validators and no "required" marker (so REST shows every key as optional), and its validate()
// runs its own field validation, whose messages read "The '<key>' value is invalid: <problem>".
// It also tries to connect to the database during validation.
import type { ConnectorConfig, ConnectorOffset } from '../../connect/types.js';
import { inJavaHashOrder, listValue, PLUGIN_PATH_URL, stableNumber } from './framework.js';
import type { ConfigKeyDef, PluginConfigValue, PluginDef } from './types.js';

const SNAPSHOT_MODES = [
  'always',
  'initial',
  'initial_only',
  'schema_only',
  'no_data',
  'recovery',
  'when_needed',
  'configuration_based',
  'custom',
  'never',
  'schema_only_recovery',
];

const SSL_MODES = ['disabled', 'preferred', 'required', 'verify_ca', 'verify_identity'];

type FieldCheck = 'required' | 'integer' | 'positiveLong' | 'topicName' | 'snapshotMode' | 'sslMode';

interface DebeziumField extends ConfigKeyDef {
  checks: FieldCheck[];
}

/** A Debezium Field, as Field.group() puts it in the ConfigDef (group order = position in the group). */
function field(
  group: string,
  order: number,
  name: string,
  type: ConfigKeyDef['type'],
  displayName: string,
  documentation: string,
  opts: {
    defaultValue?: string;
    width?: ConfigKeyDef['width'];
    importance?: ConfigKeyDef['importance'];
    checks?: FieldCheck[];
  } = {},
): DebeziumField {
  return {
    name,
    type,
    defaultValue: opts.defaultValue ?? null,
    importance: opts.importance ?? 'HIGH',
    documentation,
    group,
    width: opts.width ?? 'MEDIUM',
    displayName,
    order,
    checks: opts.checks ?? [],
  };
}

const FIELDS: DebeziumField[] = [
  field(
    'MySQL',
    1,
    'database.hostname',
    'STRING',
    'Hostname',
    'Resolvable hostname or IP address of the database server.',
    {
      checks: ['required'],
    },
  ),
  field('MySQL', 2, 'database.port', 'INT', 'Port', 'Port of the database server.', {
    defaultValue: '3306',
    width: 'SHORT',
    checks: ['integer'],
  }),
  field(
    'MySQL',
    3,
    'database.user',
    'STRING',
    'User',
    'Name of the database user to be used when connecting to the database.',
    {
      width: 'SHORT',
      checks: ['required'],
    },
  ),
  field(
    'MySQL',
    4,
    'database.password',
    'PASSWORD',
    'Password',
    'Password of the database user to be used when connecting to the database.',
    { width: 'SHORT' },
  ),
  field(
    'MySQL',
    5,
    'database.server.id',
    'LONG',
    'Cluster ID',
    'A numeric ID of this database client, which must be unique across all currently-running database processes in the cluster. This connector joins the MySQL database cluster as another server (with this unique ID) so it can read the binlog.',
    { width: 'LONG', checks: ['required', 'positiveLong'] },
  ),
  field(
    'MySQL',
    6,
    'database.ssl.mode',
    'STRING',
    'SSL mode',
    "Whether to use an encrypted connection to the database. Options include: 'disabled' to use an unencrypted connection; 'preferred' (the default) to establish a secure (encrypted) connection if the server supports secure connections, but fall back to an unencrypted connection otherwise; 'required' to use a secure (encrypted) connection, and fail if one cannot be established; 'verify_ca' like 'required' but additionally verify the server TLS certificate against the configured Certificate Authority (CA) certificates, or fail if no valid matching CA certificates are found; or'verify_identity' like 'verify_ca' but additionally verify that the server certificate matches the host to which the connection is attempted.",
    { defaultValue: 'preferred', importance: 'MEDIUM', checks: ['sslMode'] },
  ),
  field(
    'MySQL',
    7,
    'database.include.list',
    'LIST',
    'Include Databases',
    'A comma-separated list of regular expressions that match database names to be monitored. Must not be used with database.exclude.list.',
    { width: 'LONG' },
  ),
  field(
    'MySQL',
    8,
    'database.exclude.list',
    'LIST',
    'Exclude Databases',
    'A comma-separated list of regular expressions that match database names to be excluded from monitoring. Must not be used with database.include.list.',
    { width: 'LONG' },
  ),
  field(
    'MySQL',
    9,
    'table.include.list',
    'LIST',
    'Include Tables',
    'The tables for which changes are to be captured',
    { width: 'LONG' },
  ),
  field(
    'MySQL',
    10,
    'table.exclude.list',
    'LIST',
    'Exclude Tables',
    'A comma-separated list of regular expressions that match the fully-qualified names of tables to be excluded from monitoring',
    {
      width: 'LONG',
    },
  ),
  field(
    'Connector',
    1,
    'topic.prefix',
    'STRING',
    'Topic prefix',
    'Topic prefix that identifies and provides a namespace for the particular database server/cluster is capturing changes. The topic prefix should be unique across all other connectors, since it is used as a prefix for all Kafka topic names that receive events emitted by this connector. Only alphanumeric characters, hyphens, dots and underscores must be accepted.',
    { checks: ['required', 'topicName'] },
  ),
  field(
    'Connector',
    2,
    'snapshot.mode',
    'STRING',
    'Snapshot mode',
    "The criteria for running a snapshot upon startup of the connector. Select one of the following snapshot options: 'when_needed': On startup, the connector runs a snapshot if one is needed.; 'no_data': If the connector does not detect any offsets for the logical server name, it runs a snapshot that captures only the schema (table structures), but not any table data. After the snapshot completes, the connector begins to stream changes from the binlog.; 'recovery': The connector performs a snapshot that captures only the database schema history. The connector then transitions back to streaming. Use this setting to restore a corrupted or lost database schema history topic. Do not use if the database schema was modified after the connector stopped.; 'initial' (default): If the connector does not detect any offsets for the logical server name, it runs a snapshot that captures the current full state of the configured tables. After the snapshot completes, the connector begins to stream changes from the binlog.; 'initial_only': The connector performs a snapshot as it does for the 'initial' option, but after the connector completes the snapshot, it stops, and does not stream changes from the binlog.; 'never': The connector does not run a snapshot. Upon first startup, the connector immediately begins reading from the beginning of the binlog. The 'never' mode should be used with care, and only when the binlog is known to contain all history.",
    { defaultValue: 'initial', width: 'SHORT', importance: 'LOW', checks: ['snapshotMode'] },
  ),
  field(
    'Connector',
    3,
    'include.schema.changes',
    'BOOLEAN',
    'Include database schema changes',
    "Whether the connector should publish changes in the database schema to a Kafka topic with the same name as the database server ID. Each schema change will be recorded using a key that contains the database name and whose value include logical description of the new schema and optionally the DDL statement(s). The default is 'true'. This is independent of how the connector internally records database schema history.",
    { defaultValue: 'true', width: 'SHORT', importance: 'MEDIUM' },
  ),
  field(
    'Connector',
    4,
    'tombstones.on.delete',
    'BOOLEAN',
    'Change the behaviour of Debezium with regards to delete operations',
    'Whether delete operations should be represented by a delete event and a subsequent tombstone event (true) or only by a delete event (false). Emitting the tombstone event (the default behavior) allows Kafka to completely delete all events pertaining to the given key once the source record got deleted.',
    { defaultValue: 'true', width: 'SHORT', importance: 'MEDIUM' },
  ),
  field(
    'History Storage',
    1,
    'schema.history.internal.kafka.bootstrap.servers',
    'STRING',
    'Kafka broker addresses',
    'A list of host/port pairs that the connector will use for establishing the initial connection to the Kafka cluster for retrieving database schema history previously stored by the connector. This should point to the same Kafka cluster used by the Kafka Connect process.',
    { width: 'LONG', checks: ['required'] },
  ),
  field(
    'History Storage',
    2,
    'schema.history.internal.kafka.topic',
    'STRING',
    'Database schema history topic name',
    'The name of the topic for the database schema history',
    { width: 'LONG', checks: ['required', 'topicName'] },
  ),
  field(
    'History Storage',
    3,
    'schema.history.internal.kafka.recovery.poll.interval.ms',
    'INT',
    'Poll interval during database schema history recovery (ms)',
    'The number of milliseconds to wait while polling for persisted data during recovery.',
    { defaultValue: '100', width: 'SHORT', importance: 'LOW', checks: ['integer'] },
  ),
  field(
    'Events',
    1,
    'event.processing.failure.handling.mode',
    'STRING',
    'Event deserialization failure handling',
    "Specify how failures during processing of events (i.e. when encountering a corrupted event) should be handled, including: 'fail' (the default) an exception indicating the problematic event and its position is raised, causing the connector to be stopped; 'warn' the problematic event and its position will be logged and the event will be skipped; 'ignore' the problematic event will be skipped.",
    { defaultValue: 'fail', width: 'SHORT', importance: 'MEDIUM' },
  ),
];

function problem(name: string, message: string): string {
  return `The '${name}' value is invalid: ${message}`;
}

function checkField(f: DebeziumField, raw: string | undefined): string[] {
  const value = raw?.trim();
  const present = value !== undefined && value !== '';
  const errors: string[] = [];
  for (const check of f.checks) {
    if (check === 'required' && !present) errors.push(problem(f.name, 'A value is required'));
    if (!present) continue;
    if (check === 'integer' && !/^[+-]?\d+$/.test(value))
      errors.push(problem(f.name, 'An integer value is required'));
    if (check === 'positiveLong' && !(/^\+?\d+$/.test(value) && BigInt(value) > 0n))
      errors.push(problem(f.name, 'A positive long value is required'));
    if (check === 'topicName' && !/^[\w.-]+$/.test(value))
      errors.push(
        problem(
          f.name,
          `${value} has invalid format (only the underscore, hyphen, dot and alphanumeric characters are allowed)`,
        ),
      );
    if (check === 'snapshotMode' && !SNAPSHOT_MODES.includes(value.toLowerCase()))
      errors.push(problem(f.name, `Value must be one of ${SNAPSHOT_MODES.join(', ')}`));
    if (check === 'sslMode' && !SSL_MODES.includes(value.toLowerCase()))
      errors.push(problem(f.name, `Value must be one of ${SSL_MODES.join(', ')}`));
  }
  return errors;
}

/** MySqlConnector.validate(): field checks, then a test connection if the connection settings look usable. */
function validateValues(config: ConnectorConfig): PluginConfigValue[] {
  const values = FIELDS.map((f) => {
    const raw = config[f.name];
    const shown = raw === undefined ? f.defaultValue : raw;
    return {
      name: f.name,
      value: f.type === 'PASSWORD' && shown !== null && shown !== undefined ? '[hidden]' : (shown ?? null),
      errors: checkField(f, raw),
    };
  });
  const byName = (n: string) => values.find((v) => v.name === n)!;
  const hostname = byName('database.hostname');
  const connectable = ['database.hostname', 'database.port', 'database.user'].every(
    (n) => byName(n).errors.length === 0,
  );
  if (connectable && (config['database.hostname'] ?? '').includes('unreachable')) {
    hostname.errors.push(
      'Unable to connect: Communications link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server.',
    );
  }
  return values;
}

/** Data topics: one per captured table ("db.table" entries that are names, not regexes). */
function tableTopics(config: ConnectorConfig): string[] {
  const prefix = config['topic.prefix']?.trim() ?? '';
  return listValue(config, 'table.include.list')
    .filter((t) => /^[\w-]+\.[\w-]+$/.test(t))
    .map((t) => `${prefix}.${t}`);
}

export function debeziumMySqlPlugin(): PluginDef {
  return {
    className: 'io.debezium.connector.mysql.MySqlConnector',
    type: 'source',
    version: '2.7.3.Final',
    location: `${PLUGIN_PATH_URL}debezium-connector-mysql/`,
    configDefs: FIELDS.map(({ checks: _checks, ...def }) => def),
    validateValues,
    taskClass: 'io.debezium.connector.mysql.MySqlConnectorTask',
    // "Only a single connector task may be started".
    taskCount: () => 1,
    topics: (config) => {
      const prefix = config['topic.prefix']?.trim() ?? '';
      const schemaChanges = (config['include.schema.changes'] ?? 'true').trim().toLowerCase() !== 'false';
      return [...(schemaChanges && prefix ? [prefix] : []), ...tableTopics(config)];
    },
    initialOffsets: (config): ConnectorOffset[] => {
      const server = config['topic.prefix']?.trim() ?? '';
      if (!server) return [];
      const serverId = Number.parseInt(config['database.server.id'] ?? '', 10) || 184054;
      return [
        {
          partition: { server },
          offset: inJavaHashOrder<unknown>({
            ts_sec: 1_763_000_000 + stableNumber(server, 0, 2_000_000),
            file: 'mysql-bin.000003',
            pos: 154 + stableNumber(`${server}-pos`, 0, 50_000),
            row: 1,
            server_id: serverId,
            event: 2,
          }),
        },
      ];
    },
  };
}
