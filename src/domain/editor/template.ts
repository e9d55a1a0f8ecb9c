// Starting texts for the editor: a new connector from a plugin's config definition (`n`), a copy of
// an existing one under a new name (`C`), and the one rendering every editor text goes through.
import type { ConfigInfos, ConfigKeyInfo, ConnectorConfig, PluginType } from '../../connect/types.js';

/** Keys the template always sets itself, first and in this order. */
const LEADING_KEYS = ['name', 'connector.class', 'tasks.max'];

/**
 * A new connector's config:
 *   - `name` (given, or empty for the user to fill in), `connector.class`, `tasks.max` (its default, 1);
 *   - every key the plugin requires (`required`: no default), empty;
 *   - every HIGH-importance key without a default (JDBC's `connection.user`, FileStream's `file`),
 *     empty: what the plugin itself says matters and nothing fills in; validation says which of them
 *     may not stay empty, and the user deletes the ones not wanted;
 *   - by plugin type: a sink gets `topics` (the framework's topics/topics.regex pair is not
 *     `required`, yet a sink needs one); a source needs nothing more.
 * Optional keys with defaults are left out, so the connector follows the plugin's defaults as they
 * change across upgrades instead of pinning today's.
 */
export function connectorTemplate(
  plugin: { class: string; type: PluginType },
  definitions: readonly ConfigKeyInfo[],
  options: { name?: string } = {},
): ConnectorConfig {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const config: ConnectorConfig = {
    name: options.name ?? '',
    'connector.class': plugin.class,
    'tasks.max': byName.get('tasks.max')?.default_value ?? '1',
  };
  for (const d of definitions) {
    if (LEADING_KEYS.includes(d.name)) continue;
    const unset = d.default_value === null;
    if (d.required || (d.importance === 'HIGH' && unset)) config[d.name] = d.default_value ?? '';
  }
  if (plugin.type === 'sink' && config.topics === undefined && config['topics.regex'] === undefined) {
    config.topics = '';
  }
  return config;
}

/**
 * The definitions in a validate response: the source of a template on clusters before 3.2, which have
 * no `GET /connector-plugins/{class}/config` (validate `{"connector.class": X}` to get them).
 */
export function definitionsFromValidation(infos: ConfigInfos): ConfigKeyInfo[] {
  const out: ConfigKeyInfo[] = [];
  for (const info of infos.configs) if (info.definition) out.push(info.definition);
  return out;
}

/** The same config under a new name; everything else, secrets included, is kept. */
export function cloneConfig(config: ConnectorConfig, newName: string): ConnectorConfig {
  return { ...config, name: newName };
}

/** Key order of every editor text: name, connector.class, tasks.max, then the rest sorted. */
export function orderedKeys(config: ConnectorConfig): string[] {
  const keys = Object.keys(config);
  const leading = LEADING_KEYS.filter((k) => Object.hasOwn(config, k));
  const rest = keys.filter((k) => !LEADING_KEYS.includes(k)).sort();
  return [...leading, ...rest];
}

/**
 * Pretty JSON (two-space indent, one key per line) in `orderedKeys` order, so the same config always
 * reads the same and line numbers mean something across edits.
 */
export function renderConfig(config: ConnectorConfig): string {
  const keys = orderedKeys(config);
  if (keys.length === 0) return '{}';
  const lines = keys.map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(config[k])}`);
  return `{\n${lines.join(',\n')}\n}`;
}
