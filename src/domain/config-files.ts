// Connector config files, as `kcx apply` and `kcx validate` read them and `kcx export` writes them.
//
// JSON: a flat config object with a `name` key, `{"name", "config"}` (what `GET /connectors/{name}`
//   returns; its `tasks` and `type` are ignored), or an array of either.
// YAML: the same shapes, one or many documents per file, plus a bundle with shared settings:
//     defaults:                 # merged into every connector of this document
//       tasks.max: 2
//     connectors:
//       - name: orders-sink
//         config: { connector.class: …, topics: orders }
//   A document that holds only `defaults:` applies them to every later document of the same file.
// .properties: one connector per file, `name=` required (the connect-standalone format).
//
// Values are strings, as Connect stores them: numbers and booleans keep the text they were written
// with (`1.0` stays "1.0"); an empty value, a list or a map is an error at its line and column. Every
// spec's config carries `name` (Connect stores it there too), so comparing with the live config is a
// plain comparison.
import type { ConnectorConfig } from '../connect/types.js';
import { formatWhere, InputError, type Where } from './input-error.js';
import { parseJsonText } from './json-text.js';
import { parseProperties } from './properties-file.js';
import { describeKind, entryOf, parseYamlDocuments, type YamlEntry, type YamlNode } from './yaml-tree.js';

export type ConfigFormat = 'json' | 'yaml' | 'properties';

export interface ConnectorSpec {
  name: string;
  config: ConnectorConfig;
  /** Where the connector was declared, for messages. */
  where: Where;
}

export const CONFIG_EXTENSIONS: Record<string, ConfigFormat> = {
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.properties': 'properties',
};

export function formatOfPath(path: string): ConfigFormat | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  return CONFIG_EXTENSIONS[path.slice(dot).toLowerCase()];
}

/** For stdin, which has no extension: JSON if it starts like JSON, properties if it looks like `a=b`. */
export function sniffFormat(text: string): ConfigFormat {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  const meaningful = body
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('!') && l !== '---');
  const looksLikeProperties =
    meaningful.length > 0 && meaningful.every((l) => /^[^:=\s]+\s*=/.test(l) || l.endsWith('\\'));
  return looksLikeProperties ? 'properties' : 'yaml';
}

export function parseConnectorFile(text: string, file: string, format: ConfigFormat): ConnectorSpec[] {
  if (text.trim() === '') throw new InputError('the file is empty', { file });
  const specs =
    format === 'properties'
      ? [fromProperties(text, file)]
      : fromDocuments(format === 'json' ? parseJson(text, file) : parseYamlDocuments(text, file), file);
  if (specs.length === 0) throw new InputError('no connectors in this file', { file });
  return specs;
}

/** JSON.parse for JSON's own syntax errors; the YAML reader then gives every value its position. */
function parseJson(text: string, file: string): YamlNode[] {
  parseJsonText(text, file);
  return parseYamlDocuments(text, file);
}

function fromProperties(text: string, file: string): ConnectorSpec {
  const config: ConnectorConfig = {};
  const lines = new Map<string, number>();
  for (const e of parseProperties(text, file)) {
    config[e.key] = e.value;
    lines.set(e.key, e.line);
  }
  const name = config.name;
  if (name === undefined || name.trim() === '') {
    const line = lines.get('name');
    throw new InputError('a .properties file needs name=… (the connector name)', {
      file,
      ...(line === undefined ? {} : { line }),
    });
  }
  return finish(name, config, { file, line: lines.get('name') ?? 1 });
}

type MapNode = Extract<YamlNode, { kind: 'map' }>;

const BUNDLE_KEYS = ['defaults', 'connectors'];
/** `GET /connectors/{name}` also returns these; accepting them lets its output be applied as is. */
const INFO_KEYS = ['name', 'config', 'tasks', 'type'];

function fromDocuments(docs: readonly YamlNode[], file: string): ConnectorSpec[] {
  const specs: ConnectorSpec[] = [];
  let fileDefaults: ConnectorConfig = {};
  for (const doc of docs) {
    if (doc.kind === 'seq') {
      for (const item of doc.items) specs.push(entrySpec(item, fileDefaults, file));
      continue;
    }
    if (doc.kind !== 'map') {
      throw new InputError(`expected a connector (a map) or a list of connectors, not ${describeKind(doc)}`, {
        file,
        ...doc.pos,
      });
    }
    const isBundle = doc.entries.some((e) => BUNDLE_KEYS.includes(e.key));
    if (!isBundle) {
      specs.push(entrySpec(doc, fileDefaults, file));
      continue;
    }
    for (const e of doc.entries) {
      if (!BUNDLE_KEYS.includes(e.key)) {
        throw new InputError(`unknown key "${e.key}" next to defaults/connectors`, { file, ...e.keyPos });
      }
    }
    const defaultsEntry = entryOf(doc, 'defaults');
    const defaults = defaultsEntry ? defaultsOf(defaultsEntry, file) : {};
    const connectors = entryOf(doc, 'connectors');
    if (!connectors) {
      // A defaults-only document: shared by the rest of the file.
      fileDefaults = { ...fileDefaults, ...defaults };
      continue;
    }
    if (connectors.value.kind !== 'seq') {
      throw new InputError(`connectors must be a list, not ${describeKind(connectors.value)}`, {
        file,
        ...connectors.value.pos,
      });
    }
    const merged = { ...fileDefaults, ...defaults };
    for (const item of connectors.value.items) specs.push(entrySpec(item, merged, file));
  }
  return specs;
}

function defaultsOf(entry: YamlEntry, file: string): ConnectorConfig {
  if (entry.value.kind !== 'map') {
    throw new InputError(`defaults must be a map of config keys, not ${describeKind(entry.value)}`, {
      file,
      ...entry.value.pos,
    });
  }
  if (entryOf(entry.value, 'name')) {
    const e = entryOf(entry.value, 'name') as YamlEntry;
    throw new InputError('defaults cannot set name (every connector needs its own)', { file, ...e.keyPos });
  }
  return configOf(entry.value, file);
}

function entrySpec(node: YamlNode, defaults: ConnectorConfig, file: string): ConnectorSpec {
  if (node.kind !== 'map') {
    throw new InputError(`a connector must be a map, not ${describeKind(node)}`, { file, ...node.pos });
  }
  const where: Where = { file, ...node.pos };
  const configEntry = entryOf(node, 'config');
  if (configEntry) return wrappedSpec(node, configEntry, defaults, where);
  const nameEntry = entryOf(node, 'name');
  if (!nameEntry) {
    throw new InputError('a connector needs a name (a "name" key, or {name, config})', where);
  }
  const config = configOf(node, file);
  const name = scalarText(nameEntry, file, 'name');
  return finish(name, { ...defaults, ...config }, where);
}

function wrappedSpec(
  node: MapNode,
  configEntry: YamlEntry,
  defaults: ConnectorConfig,
  where: Where,
): ConnectorSpec {
  const file = where.file;
  for (const e of node.entries) {
    if (!INFO_KEYS.includes(e.key)) {
      throw new InputError(`unknown key "${e.key}" (a connector is {name, config})`, { file, ...e.keyPos });
    }
  }
  const nameEntry = entryOf(node, 'name');
  if (configEntry.value.kind !== 'map') {
    throw new InputError(`config must be a map, not ${describeKind(configEntry.value)}`, {
      file,
      ...configEntry.value.pos,
    });
  }
  const config = configOf(configEntry.value, file);
  let name: string;
  if (nameEntry) {
    name = scalarText(nameEntry, file, 'name');
    const inner = config.name;
    if (inner !== undefined && inner !== name) {
      const e = entryOf(configEntry.value, 'name') as YamlEntry;
      throw new InputError(`config.name "${inner}" does not match the connector's name "${name}"`, {
        file,
        ...e.value.pos,
      });
    }
  } else if (config.name !== undefined) {
    name = config.name;
  } else {
    throw new InputError('a connector needs a name', where);
  }
  return finish(name, { ...defaults, ...config }, where);
}

function configOf(node: MapNode, file: string): ConnectorConfig {
  const config: ConnectorConfig = {};
  for (const e of node.entries) config[e.key] = scalarText(e, file, e.key);
  return config;
}

function scalarText(e: YamlEntry, file: string, key: string): string {
  const v = e.value;
  if (v.kind !== 'scalar') {
    throw new InputError(`${key} must be a string, not ${describeKind(v)}`, { file, ...v.pos });
  }
  if (v.value === null) {
    throw new InputError(`${key} has no value (write "" for an empty string)`, { file, ...v.pos });
  }
  return v.text;
}

function finish(name: string, config: ConnectorConfig, where: Where): ConnectorSpec {
  if (name.trim() === '') throw new InputError('the connector name is empty', where);
  if ((config['connector.class'] ?? '').trim() === '') {
    throw new InputError(`connector ${name} has no connector.class`, where);
  }
  // Connect stores the name inside the config; keep it first, as the worker echoes it.
  const { name: _ignored, ...rest } = config;
  return { name, config: { name, ...rest }, where };
}

/** Two declarations of one name (in one file or across files) are an error naming both places. */
export function checkUniqueNames(specs: readonly ConnectorSpec[]): void {
  const seen = new Map<string, ConnectorSpec>();
  for (const spec of specs) {
    const first = seen.get(spec.name);
    if (first) {
      throw new InputError(
        `duplicate connector name "${spec.name}": declared at ${formatWhere(first.where)} and at ${formatWhere(spec.where)}`,
      );
    }
    seen.set(spec.name, spec);
  }
}
