// The Kafka Connect REST entities, as the worker serialises them (connect-rest-api.md §5).
// Shared by the client and the emulator so both agree on one shape.

export type ConnectorType = 'source' | 'sink' | 'unknown';

/** Connector and task states. RESTARTING needs 3.0, STOPPED 3.5. */
export type ConnectorState = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'FAILED' | 'RESTARTING' | 'STOPPED';

export type ConnectorConfig = Record<string, string>;

export interface ServerInfo {
  version: string;
  commit: string;
  kafka_cluster_id: string;
}

export interface WorkerStatus {
  status: 'healthy' | 'starting' | 'unhealthy';
  message: string;
}

export interface ConnectorTaskId {
  connector: string;
  task: number;
}

export interface ConnectorInfo {
  name: string;
  config: ConnectorConfig;
  tasks: ConnectorTaskId[];
  type: ConnectorType;
}

export interface ConnectorStatusEntry {
  state: ConnectorState;
  worker_id: string;
  /** Omitted (not null) when empty. */
  trace?: string;
  /** 4.1+ */
  version?: string;
}

export interface TaskState extends ConnectorStatusEntry {
  id: number;
}

export interface ConnectorStateInfo {
  name: string;
  connector: ConnectorStatusEntry;
  tasks: TaskState[];
  type: ConnectorType;
}

export interface TaskInfo {
  id: ConnectorTaskId;
  config: ConnectorConfig;
}

/** One entry of `GET /connectors?expand=status&expand=info`; only the requested keys are present. */
export interface ExpandedConnector {
  status?: ConnectorStateInfo;
  info?: ConnectorInfo | null;
}

export type ExpandedConnectors = Record<string, ExpandedConnector>;

export type InitialState = 'RUNNING' | 'PAUSED' | 'STOPPED';

export interface CreateConnectorRequest {
  name: string;
  config: ConnectorConfig;
  initial_state?: InitialState;
}

export type PluginType =
  | 'sink'
  | 'source'
  | 'converter'
  | 'header_converter'
  | 'transformation'
  | 'predicate'
  | 'unknown';

export interface PluginInfo {
  class: string;
  type: PluginType;
  version?: string;
}

export type ConfigType =
  | 'BOOLEAN'
  | 'STRING'
  | 'INT'
  | 'SHORT'
  | 'LONG'
  | 'DOUBLE'
  | 'LIST'
  | 'CLASS'
  | 'PASSWORD';
export type Importance = 'HIGH' | 'MEDIUM' | 'LOW';
export type Width = 'NONE' | 'SHORT' | 'MEDIUM' | 'LONG';

export interface ConfigKeyInfo {
  name: string;
  type: ConfigType;
  required: boolean;
  default_value: string | null;
  importance: Importance;
  documentation: string | null;
  group: string | null;
  width: Width;
  display_name: string;
  dependents: string[];
  order: number;
}

export interface ConfigValueInfo {
  name: string;
  value: string | null;
  recommended_values: string[];
  errors: string[];
  visible: boolean;
}

export interface ConfigInfo {
  definition: ConfigKeyInfo | null;
  value: ConfigValueInfo | null;
}

export interface ConfigInfos {
  name: string;
  error_count: number;
  groups: string[];
  configs: ConfigInfo[];
}

export type OffsetValue = Record<string, unknown>;

export interface ConnectorOffset {
  partition: Record<string, unknown>;
  offset: OffsetValue | null;
}

export interface ConnectorOffsets {
  offsets: ConnectorOffset[];
}

export interface Message {
  message: string;
}

export interface LoggerLevel {
  level: string;
  /** 3.7+; null until changed through REST. Absent before 3.7. */
  last_modified?: number | null;
}

export type LoggerLevels = Record<string, LoggerLevel>;

export type LoggerScope = 'worker' | 'cluster';

/** `GET /connectors/{c}/topics` → `{"<c>": {"topics": [...]}}` */
export type ActiveTopics = Record<string, { topics: string[] }>;

export interface ErrorMessage {
  error_code: number;
  message: string | null;
}

/** `GET /connectors/{c}/tasks-config` (2.8 – 3.9): keys are `<connector>-<task>`. */
export type TasksConfig = Record<string, ConnectorConfig>;
