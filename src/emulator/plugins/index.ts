// The emulated worker's plugin catalogue: what `GET /connector-plugins` lists, how class names and
// aliases resolve (Plugins / DelegatingClassLoader), and `GET /connector-plugins/{p}/config`.
import type { ConfigKeyInfo, ErrorMessage, PluginInfo, PluginType } from '../../connect/types.js';
import { debeziumMySqlPlugin } from './debezium.js';
import { fileStreamSinkPlugin, fileStreamSourcePlugin } from './filestream.js';
import {
  type ApacheVersion,
  apacheVersion,
  configKeyInfo,
  frameworkKeys,
  versionAtLeast,
} from './framework.js';
import { jdbcSourcePlugin } from './jdbc.js';
import { mirrorCheckpointPlugin, mirrorHeartbeatPlugin, mirrorSourcePlugin } from './mirror.js';
import { mongoSinkPlugin } from './mongodb.js';
import { apacheNonConnectorPlugins, thirdPartyNonConnectorPlugins } from './other-plugins.js';
import { s3SinkPlugin } from './s3.js';
import type { PluginDef } from './types.js';

export type { ConfigKeyDef, ConnectorFailure, PluginDef } from './types.js';

/** The worker version the catalogue answers for when none is given. */
export const DEFAULT_KAFKA_VERSION = '4.0.0';

export interface CatalogueOptions {
  /** The version the worker reports (`GET /`), e.g. "4.0.0", "3.9.0" or "7.9.0-ccs". Default 4.0.0. */
  kafkaVersion?: string;
  /** Only what an Apache Kafka distribution ships (fixtures 02/03); default false = plus the third-party plugins. */
  apacheOnly?: boolean;
}

export interface Catalogue {
  /** As reported; Apache plugins report it as their version. */
  kafkaVersion: string;
  apache: ApacheVersion;
  /** Every plugin, one entry per (class, type). */
  plugins: readonly PluginDef[];
  /** DelegatingClassLoader aliases: simple and pruned class names that identify one class. */
  aliases: ReadonlyMap<string, string>;
}

/** Classes a worker can load that are plugins of no listable type (GET config answers 400 for them). */
const OTHER_LOADABLE_CLASSES: ReadonlyArray<[string, string]> = [
  ['org.apache.kafka.common.config.provider.FileConfigProvider', 'ConfigProvider'],
  ['org.apache.kafka.common.config.provider.DirectoryConfigProvider', 'ConfigProvider'],
  ['org.apache.kafka.common.config.provider.EnvVarConfigProvider', 'ConfigProvider'],
  [
    'org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy',
    'ConnectorClientConfigOverridePolicy',
  ],
  [
    'org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy',
    'ConnectorClientConfigOverridePolicy',
  ],
  [
    'org.apache.kafka.connect.connector.policy.PrincipalConnectorClientConfigOverridePolicy',
    'ConnectorClientConfigOverridePolicy',
  ],
];

/** Class.getSimpleName(): nested classes ("Cast$Value") are just "Value". */
export function simpleClassName(className: string): string {
  const afterPackage = className.slice(className.lastIndexOf('.') + 1);
  return afterPackage.slice(afterPackage.lastIndexOf('$') + 1);
}

const PRUNED_SUFFIX: Record<PluginType, string> = {
  source: 'Connector',
  sink: 'Connector',
  converter: 'Converter',
  header_converter: 'HeaderConverter',
  transformation: 'Transformation',
  predicate: 'Predicate',
  unknown: '',
};

/** PluginUtils.prunedName: the simple name cut at the last occurrence of the type's suffix. */
function prunedName(simple: string, suffix: string): string {
  const at = suffix === '' ? -1 : simple.lastIndexOf(suffix);
  return at > 0 ? simple.slice(0, at) : simple;
}

/** PluginUtils.computeAliases: an alias survives only if it names exactly one class. */
function computeAliases(entries: ReadonlyArray<{ className: string; suffix: string }>): Map<string, string> {
  const candidates = new Map<string, Set<string>>();
  for (const { className, suffix } of entries) {
    const simple = simpleClassName(className);
    for (const alias of [simple, prunedName(simple, suffix)]) {
      const set = candidates.get(alias) ?? new Set<string>();
      set.add(className);
      candidates.set(alias, set);
    }
  }
  const aliases = new Map<string, string>();
  for (const [alias, classes] of candidates) if (classes.size === 1) aliases.set(alias, [...classes][0]!);
  return aliases;
}

function buildCatalogue(kafkaVersion: string, apacheOnly: boolean): Catalogue {
  const apache = apacheVersion(kafkaVersion);
  const connectors = [
    fileStreamSourcePlugin(kafkaVersion),
    fileStreamSinkPlugin(kafkaVersion),
    mirrorSourcePlugin(kafkaVersion),
    mirrorCheckpointPlugin(kafkaVersion),
    mirrorHeartbeatPlugin(kafkaVersion),
    ...(apacheOnly ? [] : [jdbcSourcePlugin(), s3SinkPlugin(), mongoSinkPlugin(), debeziumMySqlPlugin()]),
  ];
  const plugins = [
    ...connectors,
    ...apacheNonConnectorPlugins(kafkaVersion),
    ...(apacheOnly ? [] : thirdPartyNonConnectorPlugins()),
  ];
  const aliases = computeAliases([
    ...plugins.map((p) => ({ className: p.className, suffix: PRUNED_SUFFIX[p.type] })),
    ...OTHER_LOADABLE_CLASSES.map(([className, suffix]) => ({ className, suffix })),
  ]);
  return { kafkaVersion, apache, plugins, aliases };
}

const catalogues = new Map<string, Catalogue>();

/** The catalogue of a worker of this version (built once per version). */
export function getCatalogue(opts: CatalogueOptions = {}): Catalogue {
  const version = opts.kafkaVersion ?? DEFAULT_KAFKA_VERSION;
  const cacheKey = `${version}|${opts.apacheOnly ? 'apache' : 'all'}`;
  let catalogue = catalogues.get(cacheKey);
  if (!catalogue) {
    catalogue = buildCatalogue(version, opts.apacheOnly ?? false);
    catalogues.set(cacheKey, catalogue);
  }
  return catalogue;
}

/** DelegatingClassLoader.loadClass: the class a name or alias loads, if the worker has it. */
export function loadPluginClass(
  classOrAlias: string,
  catalogue: Catalogue = getCatalogue(),
): string | undefined {
  const name = catalogue.aliases.get(classOrAlias) ?? classOrAlias;
  const known =
    catalogue.plugins.some((p) => p.className === name) || OTHER_LOADABLE_CLASSES.some(([c]) => c === name);
  return known ? name : undefined;
}

/** Every catalogue entry of a class (a Converter that is also a HeaderConverter has two). */
export function pluginEntries(className: string, catalogue: Catalogue = getCatalogue()): PluginDef[] {
  return catalogue.plugins.filter((p) => p.className === className);
}

function isConnector(p: PluginDef): boolean {
  return p.type === 'source' || p.type === 'sink';
}

/** Connector plugins sorted by class name, the order PluginDesc sets (and error messages) use. */
export function connectorPlugins(catalogue: Catalogue = getCatalogue()): PluginDef[] {
  return catalogue.plugins.filter(isConnector).sort((a, b) => compareJava(a.className, b.className));
}

/** String.compareTo: UTF-16 code unit order. */
function compareJava(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type ConnectorLookup = { plugin: PluginDef } | { error: string };

/**
 * Plugins.connectorClass: a FQCN or alias, else a connector whose simple name is the value or the
 * value + "Connector". Errors carry the worker's 500 message.
 */
export function lookupConnector(
  classOrAlias: string,
  catalogue: Catalogue = getCatalogue(),
): ConnectorLookup {
  const loaded = loadPluginClass(classOrAlias, catalogue);
  const direct =
    loaded === undefined
      ? undefined
      : catalogue.plugins.find((p) => p.className === loaded && isConnector(p));
  if (direct) return { plugin: direct };
  const connectors = connectorPlugins(catalogue);
  const matches = connectors.filter((p) => {
    const simple = simpleClassName(p.className);
    return simple === classOrAlias || simple === `${classOrAlias}Connector`;
  });
  if (matches.length === 1) return { plugin: matches[0]! };
  if (matches.length > 1) {
    return {
      error: `org.apache.kafka.connect.errors.ConnectException: More than one connector matches alias ${classOrAlias}. Please use full package and class name instead. Classes found: ${matches.map(pluginDescString).join(', ')}`,
    };
  }
  return { error: unknownConnectorClassMessage(classOrAlias, catalogue) };
}

/** The connector plugin a `connector.class` value (FQCN, simple name or alias, §4.4) names, if any. */
export function resolveConnectorPlugin(
  classOrAlias: string,
  opts: CatalogueOptions = {},
): PluginDef | undefined {
  const found = lookupConnector(classOrAlias, getCatalogue(opts));
  return 'plugin' in found ? found.plugin : undefined;
}

/** `source` / `sink` for a connector.class value, `unknown` when the class cannot be loaded. */
export function connectorTypeOf(
  classOrAlias: string,
  opts: CatalogueOptions = {},
): 'source' | 'sink' | 'unknown' {
  const type = resolveConnectorPlugin(classOrAlias, opts)?.type;
  return type === 'source' || type === 'sink' ? type : 'unknown';
}

/** PluginDesc.toString(), as it appears in class-loading error messages. */
export function pluginDescString(p: PluginDef): string {
  const location = p.location ?? 'classpath';
  return `PluginDesc{klass=class ${p.className}, name='${p.className}', version='${p.version}', encodedVersion=${p.version}, type=${p.type}, typeName='${p.type}', location='${location}'}`;
}

/** The 500 message for an unknown `connector.class` (fixture 20): every connector the worker has, by class name. */
export function unknownConnectorClassMessage(name: string, catalogue: Catalogue = getCatalogue()): string {
  const available = connectorPlugins(catalogue).map(pluginDescString).join(', ');
  return `org.apache.kafka.connect.errors.ConnectException: Failed to find any class that implements Connector and which name matches ${name}, available connectors are: ${available}`;
}

const LISTING_ORDER: PluginType[] = [
  'sink',
  'source',
  'transformation',
  'predicate',
  'converter',
  'header_converter',
];

export interface ListPluginsOptions extends CatalogueOptions {
  /** Only sink and source connectors (the endpoint's default). */
  connectorsOnly?: boolean;
}

/**
 * `GET /connector-plugins` (§3.19): sinks, sources, then transformations, predicates, converters,
 * header converters; alphabetical within a type; `version` omitted when "undefined". Before 3.2
 * only connectors exist in the listing.
 */
export function listPlugins(opts: ListPluginsOptions = {}): PluginInfo[] {
  const catalogue = getCatalogue(opts);
  const connectorsOnly = (opts.connectorsOnly ?? true) || !versionAtLeast(catalogue.apache, '3.2');
  const types = connectorsOnly ? LISTING_ORDER.slice(0, 2) : LISTING_ORDER;
  return types.flatMap((type) =>
    catalogue.plugins
      .filter((p) => p.type === type)
      .sort((a, b) => compareJava(a.className, b.className))
      .map(
        (p): PluginInfo =>
          p.version === 'undefined'
            ? { class: p.className, type }
            : { class: p.className, type, version: p.version },
      ),
  );
}

export type PluginConfigReply =
  | { status: 200; body: ConfigKeyInfo[] }
  | { status: 400 | 404; body: ErrorMessage };

function errorReply(status: 400 | 404, message: string): PluginConfigReply {
  return { status, body: { error_code: status, message } };
}

/**
 * `GET /connector-plugins/{plugin}/config` (§3.20): the plugin's own keys; for connectors followed
 * by the framework's source/sink keys it does not define itself.
 */
export function pluginConfigResponse(pluginName: string, opts: CatalogueOptions = {}): PluginConfigReply {
  const catalogue = getCatalogue(opts);
  const className = loadPluginClass(pluginName, catalogue);
  if (className === undefined) return errorReply(404, `Unknown plugin ${pluginName}.`);
  // PluginType.from: a class that is several things answers as the first of these.
  const entries = pluginEntries(className, catalogue);
  const plugin = ['source', 'sink', 'converter', 'header_converter', 'transformation', 'predicate']
    .map((t) => entries.find((p) => p.type === t))
    .find((p) => p !== undefined);
  if (!plugin) {
    return errorReply(
      400,
      `Invalid plugin class ${pluginName}. Valid types are sink, source, converter, header_converter, transformation, predicate.`,
    );
  }
  const own = plugin.configDefs;
  const framework =
    plugin.type === 'source' || plugin.type === 'sink'
      ? frameworkKeys(plugin.type, catalogue.apache).filter((k) => !own.some((o) => o.name === k.name))
      : [];
  return { status: 200, body: [...own, ...framework].map((k) => configKeyInfo(k)) };
}
