// Confluent's JDBC source connector (confluentinc/kafka-connect-jdbc 10.8), a subset of its
// ConfigDef: the Database, Mode and Connector groups operators actually set.
import type { ConnectorConfig, ConnectorOffset } from '../../connect/types.js';
import { jdbcConnectionFailureTrace, jdbcHost, taskStartFailureTrace } from '../traces.js';
import { inJavaHashOrder, listValue, PLUGIN_PATH_URL, stableNumber, tasksMax } from './framework.js';
import type { ConfigKeyDef, PluginDef } from './types.js';

const MODES = ['', 'bulk', 'timestamp', 'incrementing', 'timestamp+incrementing'];

const DIALECTS = [
  '',
  'Db2DatabaseDialect',
  'DerbyDatabaseDialect',
  'GenericDatabaseDialect',
  'MySqlDatabaseDialect',
  'OracleDatabaseDialect',
  'PostgreSqlDatabaseDialect',
  'SapHanaDatabaseDialect',
  'SqlServerDatabaseDialect',
  'SqliteDatabaseDialect',
  'SybaseDatabaseDialect',
  'VerticaDatabaseDialect',
];

const modeIs =
  (...modes: string[]) =>
  (config: ConnectorConfig) =>
    modes.includes(config.mode?.trim() ?? '');

const CONFIG_DEFS: ConfigKeyDef[] = [
  {
    name: 'connection.url',
    type: 'STRING',
    importance: 'HIGH',
    documentation:
      'JDBC connection URL.\nFor example: ``jdbc:oracle:thin:@localhost:1521:orclpdb1``, ``jdbc:mysql://localhost/db_name``, ``jdbc:sqlserver://localhost;instance=SQLEXPRESS;databaseName=db_name``',
    group: 'Database',
    width: 'LONG',
    displayName: 'JDBC URL',
    order: 1,
  },
  {
    name: 'connection.user',
    type: 'STRING',
    defaultValue: null,
    importance: 'HIGH',
    documentation: 'JDBC connection user.',
    group: 'Database',
    width: 'LONG',
    displayName: 'JDBC User',
    order: 2,
  },
  {
    name: 'connection.password',
    type: 'PASSWORD',
    defaultValue: null,
    importance: 'HIGH',
    documentation: 'JDBC connection password.',
    group: 'Database',
    width: 'SHORT',
    displayName: 'JDBC Password',
    order: 3,
  },
  {
    name: 'connection.attempts',
    type: 'INT',
    defaultValue: '3',
    importance: 'LOW',
    documentation:
      'Maximum number of attempts to retrieve a valid JDBC connection. Must be a positive integer.',
    group: 'Database',
    width: 'SHORT',
    displayName: 'JDBC connection attempts',
    order: 4,
    validator: { kind: 'atLeast', min: 1 },
  },
  {
    name: 'connection.backoff.ms',
    type: 'LONG',
    defaultValue: '10000',
    importance: 'LOW',
    documentation: 'Backoff time in milliseconds between connection attempts.',
    group: 'Database',
    width: 'SHORT',
    displayName: 'JDBC connection backoff in milliseconds',
    order: 5,
  },
  {
    name: 'table.whitelist',
    type: 'LIST',
    defaultValue: '',
    importance: 'MEDIUM',
    documentation:
      'List of tables to include in copying. If specified, ``table.blacklist`` may not be set. Use a comma-separated list to specify multiple tables (for example, ``table.whitelist: "User, Address, Email"``).',
    group: 'Database',
    width: 'LONG',
    displayName: 'Table Whitelist',
    order: 6,
  },
  {
    name: 'table.blacklist',
    type: 'LIST',
    defaultValue: '',
    importance: 'MEDIUM',
    documentation:
      'List of tables to exclude from copying. If specified, ``table.whitelist`` may not be set. Use a comma-separated list to specify multiple tables (for example, ``table.blacklist: "User, Address, Email"``).',
    group: 'Database',
    width: 'LONG',
    displayName: 'Table Blacklist',
    order: 7,
  },
  {
    name: 'catalog.pattern',
    type: 'STRING',
    defaultValue: null,
    importance: 'MEDIUM',
    documentation:
      'Catalog pattern to fetch table metadata from the database.\n  * ``""`` retrieves those without a catalog \n  * null (default) indicates that the schema name is not used to narrow the search and that all table metadata is fetched, regardless of the catalog.',
    group: 'Database',
    width: 'SHORT',
    displayName: 'Catalog pattern',
    order: 8,
  },
  {
    name: 'schema.pattern',
    type: 'STRING',
    defaultValue: null,
    importance: 'MEDIUM',
    documentation:
      'Schema pattern to fetch table metadata from the database.\n  * ``""`` retrieves those without a schema.\n  * null (default) indicates that the schema name is not used to narrow the search and that all table metadata is fetched, regardless of the schema.',
    group: 'Database',
    width: 'SHORT',
    displayName: 'Schema pattern',
    order: 9,
  },
  {
    name: 'dialect.name',
    type: 'STRING',
    defaultValue: '',
    importance: 'LOW',
    documentation:
      'The name of the database dialect that should be used for this connector. By default this is empty, and the connector automatically determines the dialect based upon the JDBC connection URL. Use this if you want to override that behavior and use a specific dialect. All properly-packaged dialects in the JDBC connector plugin can be used.',
    group: 'Database',
    width: 'LONG',
    displayName: 'Database Dialect',
    order: 11,
    validator: { kind: 'in', values: DIALECTS },
    recommendedValues: DIALECTS,
  },
  {
    name: 'mode',
    type: 'STRING',
    defaultValue: '',
    importance: 'HIGH',
    documentation:
      'The mode for updating a table each time it is polled. Options include:\n  * bulk: perform a bulk load of the entire table each time it is polled\n  * incrementing: use a strictly incrementing column on each table to detect only new rows. Note that this will not detect modifications or deletions of existing rows.\n  * timestamp: use a timestamp (or timestamp-like) column to detect new and modified rows. This assumes the column is updated with each write, and that values are monotonically incrementing, but not necessarily unique.\n  * timestamp+incrementing: use two columns, a timestamp column that detects new and modified rows and a strictly incrementing column which provides a globally unique ID for updates so each row can be assigned a unique stream offset.',
    group: 'Mode',
    width: 'MEDIUM',
    displayName: 'Table Loading Mode',
    dependents: ['incrementing.column.name', 'timestamp.column.name', 'validate.non.null'],
    order: 1,
    validator: { kind: 'in', values: MODES },
    recommendedValues: MODES.slice(1),
  },
  {
    name: 'incrementing.column.name',
    type: 'STRING',
    defaultValue: '',
    importance: 'MEDIUM',
    documentation:
      'The name of the strictly incrementing column to use to detect new rows. Any empty value indicates the column should be autodetected by looking for an auto-incrementing column. This column may not be nullable.',
    group: 'Mode',
    width: 'MEDIUM',
    displayName: 'Incrementing Column Name',
    order: 2,
    visible: modeIs('incrementing', 'timestamp+incrementing'),
  },
  {
    name: 'timestamp.column.name',
    type: 'LIST',
    defaultValue: '',
    importance: 'MEDIUM',
    documentation:
      'Comma separated list of one or more timestamp columns to detect new or modified rows using the COALESCE SQL function. Rows whose first non-null timestamp value is greater than the largest previous timestamp value seen will be discovered with each poll. At least one column should not be nullable.',
    group: 'Mode',
    width: 'MEDIUM',
    displayName: 'Timestamp Column Name',
    order: 3,
    visible: modeIs('timestamp', 'timestamp+incrementing'),
  },
  {
    name: 'validate.non.null',
    type: 'BOOLEAN',
    defaultValue: 'true',
    importance: 'LOW',
    documentation:
      "By default, the JDBC connector will validate that all incrementing and timestamp tables have NOT NULL set for the columns being used as their ID/timestamp. If the tables don't, JDBC connector will fail to start. Setting this to false will disable these checks.",
    group: 'Mode',
    width: 'SHORT',
    displayName: 'Validate Non Null',
    order: 5,
    visible: modeIs('timestamp', 'incrementing', 'timestamp+incrementing'),
  },
  {
    name: 'query',
    type: 'STRING',
    defaultValue: '',
    importance: 'MEDIUM',
    documentation:
      'If specified, the query to perform to select new or updated rows. Use this setting if you want to join tables, select subsets of columns in a table, or filter data. If used, this connector will only copy data using this query -- whole-table copying will be disabled. Different query modes may still be used for incremental updates, but in order to properly construct the incremental query, it must be possible to append a WHERE clause to this query (i.e. no WHERE clauses may be used). If you use a WHERE clause, it must handle incremental queries itself.',
    group: 'Mode',
    width: 'SHORT',
    displayName: 'Query',
    order: 7,
  },
  {
    name: 'poll.interval.ms',
    type: 'INT',
    defaultValue: '5000',
    importance: 'HIGH',
    documentation: 'Frequency in ms to poll for new data in each table.',
    group: 'Connector',
    width: 'SHORT',
    displayName: 'Poll Interval (ms)',
    order: 1,
  },
  {
    name: 'batch.max.rows',
    type: 'INT',
    defaultValue: '100',
    importance: 'LOW',
    documentation:
      'Maximum number of rows to include in a single batch when polling for new data. This setting can be used to limit the amount of data buffered internally in the connector.',
    group: 'Connector',
    width: 'SHORT',
    displayName: 'Max Rows Per Batch',
    order: 2,
  },
  {
    name: 'table.poll.interval.ms',
    type: 'LONG',
    defaultValue: '60000',
    importance: 'LOW',
    documentation:
      'Frequency in ms to poll for new or removed tables, which may result in updated task configurations to start polling for data in added tables or stop polling for data in removed tables.',
    group: 'Connector',
    width: 'SHORT',
    displayName: 'Metadata Change Monitoring Interval (ms)',
    order: 3,
  },
  {
    name: 'topic.prefix',
    type: 'STRING',
    importance: 'HIGH',
    documentation:
      'Prefix to prepend to table names to generate the name of the Kafka topic to publish data to, or in the case of a custom query, the full name of the topic to publish to.',
    group: 'Connector',
    width: 'MEDIUM',
    displayName: 'Topic Prefix',
    order: 4,
  },
  {
    name: 'timestamp.delay.interval.ms',
    type: 'LONG',
    defaultValue: '0',
    importance: 'HIGH',
    documentation:
      'How long to wait after a row with certain timestamp appears before we include it in the result. You may choose to add some delay to allow transactions with earlier timestamp to complete. The first execution will fetch all available records (i.e. starting at timestamp 0) until current time minus the delay. Every following execution will get data from the last time we fetched until current time minus the delay.',
    group: 'Connector',
    width: 'MEDIUM',
    displayName: 'Delay Interval (ms)',
    order: 5,
  },
  {
    name: 'db.timezone',
    type: 'STRING',
    defaultValue: 'UTC',
    importance: 'MEDIUM',
    documentation:
      'Name of the JDBC timezone used in the connector when querying with time-based criteria. Defaults to UTC.',
    group: 'Connector',
    width: 'MEDIUM',
    displayName: 'DB time zone',
    order: 6,
  },
];

/** The database (or schema) a bare table name lives in, from the URL ("jdbc:mysql://h:3306/shop" → "shop"). */
function databaseOf(url: string): string {
  const path = /^jdbc:[a-z0-9]+:\/\/[^/]+\/([^?;/]+)/i.exec(url.trim())?.[1];
  const named = /databaseName=([^;]+)/i.exec(url)?.[1];
  return path ?? named ?? 'db';
}

/** The tables the connector copies: the whitelist; a demo schema when none is given. */
function tables(config: ConnectorConfig): string[] {
  const listed = listValue(config, 'table.whitelist');
  return listed.length > 0 ? listed : ['customers', 'orders', 'products'];
}

function usesQuery(config: ConnectorConfig): boolean {
  return (config.query ?? '').trim() !== '';
}

/** The offset a JDBC source task commits in each mode (bulk commits none). */
function modeOffset(mode: string, seed: string): Record<string, unknown> | undefined {
  const incrementing = stableNumber(seed, 100, 20_000);
  const timestamp = 1_763_000_000_000 + stableNumber(seed, 0, 1_000_000_000);
  switch (mode) {
    case 'incrementing':
      return { incrementing };
    case 'timestamp':
      return inJavaHashOrder<unknown>({ timestamp, timestamp_nanos: 0 });
    case 'timestamp+incrementing':
      return inJavaHashOrder<unknown>({ timestamp, timestamp_nanos: 0, incrementing });
    default:
      return undefined;
  }
}

export function jdbcSourcePlugin(): PluginDef {
  return {
    className: 'io.confluent.connect.jdbc.JdbcSourceConnector',
    type: 'source',
    version: '10.8.0',
    location: `${PLUGIN_PATH_URL}confluentinc-kafka-connect-jdbc/`,
    configDefs: CONFIG_DEFS,
    taskClass: 'io.confluent.connect.jdbc.source.JdbcSourceTask',
    // One table per task at most; a custom query is a single task.
    taskCount: (config) => (usesQuery(config) ? 1 : Math.min(tasksMax(config), tables(config).length)),
    topics: (config) => {
      const prefix = config['topic.prefix']?.trim() ?? '';
      if (usesQuery(config)) return [prefix];
      return tables(config).map((t) => `${prefix}${t.slice(t.lastIndexOf('.') + 1)}`);
    },
    initialOffsets: (config): ConnectorOffset[] => {
      const mode = config.mode?.trim() ?? '';
      if (usesQuery(config)) {
        const offset = modeOffset(mode, config.query ?? '');
        return offset ? [{ partition: { query: 'query' }, offset }] : [];
      }
      const db = databaseOf(config['connection.url'] ?? '');
      return tables(config).flatMap((t) => {
        const table = t.includes('.') ? t : `${db}.${t}`;
        const offset = modeOffset(mode, table);
        return offset ? [{ partition: inJavaHashOrder<unknown>({ protocol: '1', table }), offset }] : [];
      });
    },
    failure: (config) => {
      const url = config['connection.url'] ?? '';
      if (jdbcHost(url)?.includes('unreachable')) return { taskTrace: jdbcConnectionFailureTrace(url) };
      if ((config.mode?.trim() ?? '') === '') {
        return {
          taskTrace: taskStartFailureTrace(
            'source',
            'io.confluent.connect.jdbc.source.JdbcSourceTask',
            112,
            'org.apache.kafka.connect.errors.ConnectException',
            'Query mode must be specified',
          ),
        };
      }
      return undefined;
    },
  };
}
