// What the emulator knows about a connector plugin: its ConfigDef (served by
// `GET /connector-plugins/{p}/config` and used by validate) and how a connector of
// this class behaves once running (tasks, topics, offsets, config-derived failures).
import type {
  ConfigType,
  ConnectorConfig,
  ConnectorOffset,
  Importance,
  PluginType,
  Width,
} from '../../connect/types.js';

/** A ConfigDef validator, as Kafka's ConfigDef.Validator implementations phrase their errors. */
export type ConfigValidator =
  | { kind: 'atLeast'; min: number } // "Value must be at least <min>"
  | { kind: 'between'; min: number; max: number } // "Value must be no more than <max>" / "at least"
  | { kind: 'in'; values: string[]; caseInsensitive?: boolean } // "String must be one of: a, b"
  | { kind: 'nonEmptyString' } // "String may not be empty"
  | { kind: 'nonNull' }; // "Value must be non-null"

export interface ConfigKeyDef {
  name: string;
  type: ConfigType;
  /** `undefined` = no default, i.e. required. `null` = the default is null (optional). */
  defaultValue?: string | null;
  importance: Importance;
  documentation: string | null;
  group: string | null;
  width: Width;
  /** Defaults to the key name. */
  displayName?: string;
  dependents?: string[];
  /** -1 when not set. */
  order: number;
  validator?: ConfigValidator;
  recommendedValues?: string[];
}

export interface ConnectorFailure {
  /** The connector itself fails with this trace (state FAILED, no tasks). */
  connectorTrace?: string;
  /** Tasks fail with this trace (connector stays RUNNING). */
  taskTrace?: string;
}

export interface PluginDef {
  /** Fully qualified class name. */
  className: string;
  type: PluginType;
  version: string;
  /** The plugin's own `config()` keys, in definition order (framework keys are added by the catalogue). */
  configDefs: ConfigKeyDef[];
  /** Extra connector-level validation (`Connector.validate()`), key → error messages. */
  validate?: (config: ConnectorConfig) => Record<string, string[]>;
  /** Connectors only: the task class written into task configs. */
  taskClass?: string;
  /** Connectors only: how many tasks the connector generates for this config (≤ tasks.max). */
  taskCount?: (config: ConnectorConfig) => number;
  /** Connectors only: the topics the running connector reads (sink) or writes (source). */
  topics?: (config: ConnectorConfig) => string[];
  /** Connectors only: the offsets a running connector has committed after a while. */
  initialOffsets?: (config: ConnectorConfig) => ConnectorOffset[];
  /** Connectors only: a failure that follows from the config itself, as on a real worker. */
  failure?: (config: ConnectorConfig) => ConnectorFailure | undefined;
}
