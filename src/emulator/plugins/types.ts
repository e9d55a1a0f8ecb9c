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

/** A parsed config value, as Kafka's ConfigDef.parseType would hold it. */
export type ParsedValue =
  | string
  | number // INT, SHORT, DOUBLE
  | bigint // LONG (Java long does not fit a JS number)
  | boolean
  | string[] // LIST
  | { password: string } // PASSWORD (renders as "[hidden]")
  | { className: string } // CLASS (renders as the class name)
  | null;

/** A ConfigDef validator, as Kafka's ConfigDef.Validator implementations phrase their errors. */
export type ConfigValidator =
  | { kind: 'atLeast'; min: number } // "Value must be at least <min>"
  | { kind: 'between'; min: number; max: number } // "Value must be no more than <max>" / "at least"
  | { kind: 'in'; values: string[]; caseInsensitive?: boolean } // "String must be one of: a, b"
  | { kind: 'nonEmptyString' } // "String may not be empty"
  | { kind: 'nonNull' } // ConfigDef.NonNullValidator: "entry must be non null"
  /** ConnectorConfig's `name`: empty or ISO control characters are rejected. */
  | { kind: 'nonEmptyStringWithoutControlChars' }
  /** `transforms` / `predicates` / `topic.creation.groups`: non-null, no duplicate alias. */
  | { kind: 'uniqueAliases' }
  /** Connect's RegexValidator: the value must compile as a java.util.regex.Pattern. */
  | { kind: 'regex' }
  /** Connect's NonEmptyListValidator ("Empty list"). */
  | { kind: 'nonEmptyList' }
  /** ConcreteSubClassValidator: the class must be a catalogue plugin of this type. */
  | { kind: 'pluginClass'; pluginType: 'converter' | 'header_converter'; interfaceName: string }
  /**
   * Anything else (a LambdaValidator): returns the complete error message, or undefined when valid.
   * `name` is the key name the validator sees.
   */
  | { kind: 'custom'; check: (name: string, value: ParsedValue) => string | undefined };

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
  /** A Recommender's visibility (defaults to visible). */
  visible?: (config: ConnectorConfig) => boolean;
  /**
   * CLASS keys only: the classes the plugin's class loader can see for this key. Without it any
   * well-formed class name loads (a connector's own class loader is not modelled).
   */
  knownClasses?: string[];
  /** Framework keys only: the first Kafka version ("3.8") whose ConnectorConfig defines the key. */
  since?: string;
}

export interface ConnectorFailure {
  /** The connector itself fails with this trace (state FAILED, no tasks). */
  connectorTrace?: string;
  /** Tasks fail with this trace (connector stays RUNNING). */
  taskTrace?: string;
}

/** One config value as a connector's own `validate()` reports it (used to replace ConfigDef validation). */
export interface PluginConfigValue {
  name: string;
  value: string | null;
  errors: string[];
  recommendedValues?: string[];
  visible?: boolean;
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
  /**
   * Connectors whose `validate()` does not use ConfigDef (Debezium): the values it returns replace
   * the ConfigDef parse of the plugin's own keys.
   */
  validateValues?: (config: ConnectorConfig) => PluginConfigValue[];
  /** Source connectors: `SourceConnector.exactlyOnceSupport()`; undefined = not implemented (null). */
  exactlyOnceSupport?: (config: ConnectorConfig) => 'SUPPORTED' | 'UNSUPPORTED';
  /** Source connectors: whether `canDefineTransactionBoundaries()` says SUPPORTED (default: no). */
  canDefineTransactionBoundaries?: (config: ConnectorConfig) => boolean;
  /** Where the worker loaded it from (PluginDesc.location): "classpath" or a plugin.path URL. */
  location?: string;
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
