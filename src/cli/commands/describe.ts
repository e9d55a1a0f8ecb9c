// `kcx describe NAME`: a connector's status, tasks (with the traces of failed ones), topics and
// config with secrets masked. `kcx describe plugin CLASS`: a plugin's config definition with docs.
import type { ConnectClient } from '../../connect/client.js';
import { isNotFound } from '../../connect/errors.js';
import type { ConfigKeyInfo, ConnectorConfig, ConnectorStateInfo } from '../../connect/types.js';
import { healthOf } from '../../domain/health.js';
import { maskConfig, passwordKeysOf } from '../../domain/masking.js';
import { redact, secretValues } from '../../domain/redact.js';
import { oneLineError, traceLines } from '../../domain/trace.js';
import { UsageError } from '../failure.js';
import { paint, stateColour } from '../output/colour.js';
import { isStructured, type OutputFormat, renderStructured } from '../output/format.js';
import { renderTable } from '../output/table.js';
import type { Out } from './common.js';

export interface DescribeOptions {
  output: OutputFormat;
}

interface ConnectorDetails {
  name: string;
  status: ConnectorStateInfo | null;
  config: ConnectorConfig;
  topics: string[] | null;
  topicsUnavailable?: string;
  passwordKeys: Set<string>;
}

export async function describeConnector(
  client: ConnectClient,
  name: string,
  opts: DescribeOptions,
  out: Out,
): Promise<number> {
  const caps = await client.capabilities();
  const config = await client.connectorConfig(name);
  const [status, topics, passwordKeys] = await Promise.all([
    // Right after a create the worker has the config but no status yet (404).
    client.connectorStatus(name).catch((e: unknown) => {
      if (isNotFound(e)) return null;
      throw e;
    }),
    caps.supports('topics') ? client.connectorTopics(name) : Promise.resolve(null),
    passwordKeysFor(client, config['connector.class']),
  ]);
  // Traces sometimes quote config values (a JDBC URL with its password): blank the secrets there too.
  const secrets = secretValues(config, { passwordKeys });
  const details: ConnectorDetails = {
    name,
    status: status && redactStatus(status, secrets),
    config,
    topics,
    passwordKeys,
    ...(topics === null ? { topicsUnavailable: caps.reason('topics') ?? 'unavailable' } : {}),
  };
  if (isStructured(opts.output)) {
    out.write(renderStructured(structured(details), opts.output));
    return 0;
  }
  if (opts.output === 'name') {
    out.write(`${name}\n`);
    return 0;
  }
  out.write(text(details, out));
  return 0;
}

function redactStatus(status: ConnectorStateInfo, secrets: readonly string[]): ConnectorStateInfo {
  if (secrets.length === 0) return status;
  const clean = <T extends { trace?: string }>(e: T): T =>
    e.trace ? { ...e, trace: redact(e.trace, secrets) } : e;
  return { ...status, connector: clean(status.connector), tasks: status.tasks.map(clean) };
}

/**
 * Keys the plugin declares as PASSWORD are masked whatever their name. Best effort: an old cluster
 * (< 3.2) or an unknown class just leaves the name-based rules.
 */
async function passwordKeysFor(
  client: ConnectClient,
  connectorClass: string | undefined,
): Promise<Set<string>> {
  if (!connectorClass || !client.knownCapabilities?.supports('plugin-config')) return new Set();
  try {
    return passwordKeysOf(await client.pluginConfig(connectorClass));
  } catch {
    return new Set();
  }
}

function structured(d: ConnectorDetails): Record<string, unknown> {
  const s = d.status;
  return {
    name: d.name,
    type: s?.type ?? null,
    class: d.config['connector.class'] ?? null,
    state: s?.connector.state ?? null,
    worker: s?.connector.worker_id ?? null,
    health: s ? healthOf(s) : null,
    ...(s?.connector.trace ? { trace: s.connector.trace } : {}),
    tasks: (s?.tasks ?? [])
      .slice()
      .sort((a, b) => a.id - b.id)
      .map((t) => ({
        id: t.id,
        state: t.state,
        worker: t.worker_id,
        ...(t.trace ? { trace: t.trace } : {}),
      })),
    topics: d.topics,
    config: maskConfig(d.config, { passwordKeys: d.passwordKeys }),
  };
}

function text(d: ConnectorDetails, out: Out): string {
  const c = out.table.colour;
  const s = d.status;
  const lines: string[] = [];
  const field = (label: string, value: string) => lines.push(`${`${label}:`.padEnd(9)}${value}`);
  field('Name', d.name);
  field('Type', s?.type ?? 'unknown');
  field('Class', d.config['connector.class'] ?? '');
  if (s) {
    const state = s.connector.state;
    field(
      'State',
      `${paint(state, stateColour(state), c)}${s.connector.worker_id ? ` on ${s.connector.worker_id}` : ''}`,
    );
    const health = healthOf(s);
    field('Health', paint(health, stateColour(health), c));
  } else {
    field('State', 'no status yet (just created?)');
  }
  const tasks = (s?.tasks ?? []).slice().sort((a, b) => a.id - b.id);
  const failed = tasks.filter((t) => t.state === 'FAILED');
  field('Tasks', tasks.length === 0 ? 'none' : `${tasks.length} (${failed.length} failed)`);
  if (tasks.length > 0) {
    const table = renderTable(
      [
        { header: 'ID', value: (t) => String(t.id), align: 'right' },
        { header: 'STATE', value: (t) => t.state, colour: (t) => stateColour(t.state) },
        { header: 'WORKER', value: (t) => t.worker_id },
        { header: 'ERROR', value: (t) => oneLineError(t.trace), flex: true },
      ],
      tasks,
      { ...out.table, ...(out.table.maxWidth ? { maxWidth: out.table.maxWidth - 2 } : {}) },
    );
    lines.push(...indent(table.trimEnd().split('\n'), 2));
  }
  field('Topics', d.topics === null ? `(${d.topicsUnavailable})` : d.topics.join(', ') || 'none');
  lines.push('Config:');
  const masked = maskConfig(d.config, { passwordKeys: d.passwordKeys });
  const keys = Object.keys(masked).sort();
  const width = Math.max(0, ...keys.map((k) => k.length));
  for (const key of keys) lines.push(`  ${key.padEnd(width)} = ${masked[key]}`);
  if (s?.connector.trace) {
    lines.push(
      '',
      `Connector trace (${s.connector.worker_id}):`,
      ...indent(traceLines(s.connector.trace), 2),
    );
  }
  for (const t of failed) {
    if (!t.trace) continue;
    lines.push('', `Task ${t.id} trace (${t.worker_id}):`, ...indent(traceLines(t.trace), 2));
  }
  return `${lines.join('\n')}\n`;
}

function indent(lines: readonly string[], n: number): string[] {
  const pad = ' '.repeat(n);
  return lines.map((l) => (l === '' ? l : pad + l));
}

// --- plugins ---------------------------------------------------------------------------------------

/**
 * A short name (`JdbcSink`, `JdbcSinkConnector`, case-insensitive) becomes the full class when the
 * cluster lists exactly one such plugin; anything else is sent as given (the worker knows aliases).
 */
export async function resolvePluginClass(client: ConnectClient, given: string): Promise<string> {
  if (given.includes('.')) return given;
  const caps = await client.capabilities();
  const plugins = await client.plugins(caps.supports('plugins-all') ? { connectorsOnly: false } : {});
  const wanted = given.toLowerCase();
  const hits = plugins.filter((p) => {
    const simple = p.class.slice(p.class.lastIndexOf('.') + 1).toLowerCase();
    return simple === wanted || simple === `${wanted}connector`;
  });
  const unique = [...new Set(hits.map((p) => p.class))];
  if (unique.length > 1) throw new UsageError(`"${given}" matches several plugins: ${unique.join(', ')}`);
  return unique[0] ?? given;
}

export async function describePlugin(
  client: ConnectClient,
  given: string,
  opts: DescribeOptions,
  out: Out,
): Promise<number> {
  const pluginClass = await resolvePluginClass(client, given);
  const caps = await client.capabilities();
  const definitions = caps.supports('plugin-config')
    ? await client.pluginConfig(pluginClass)
    : await definitionsByValidation(client, pluginClass);
  if (isStructured(opts.output)) {
    out.write(renderStructured(definitions, opts.output));
    return 0;
  }
  if (opts.output === 'name') {
    for (const d of definitions) out.write(`${d.name}\n`);
    return 0;
  }
  out.write(pluginText(pluginClass, definitions, out));
  return 0;
}

/** Before 3.2 there is no config endpoint, but validating the bare class returns every definition. */
async function definitionsByValidation(client: ConnectClient, pluginClass: string): Promise<ConfigKeyInfo[]> {
  const infos = await client.validateConfig(pluginClass, { 'connector.class': pluginClass });
  return infos.configs.flatMap((c) => (c.definition ? [c.definition] : []));
}

const OTHER = 'Other';

function pluginText(pluginClass: string, defs: readonly ConfigKeyInfo[], out: Out): string {
  const c = out.table.colour;
  const width = Math.max(40, (out.table.maxWidth ?? 100) - 6);
  const lines = [`Plugin: ${pluginClass} (${defs.length} config keys)`];
  const groups = new Map<string, ConfigKeyInfo[]>();
  for (const d of defs) {
    const g = d.group ?? OTHER;
    groups.set(g, [...(groups.get(g) ?? []), d]);
  }
  // Named groups in the plugin's order, then the keys the plugin left ungrouped.
  const ordered = [...groups.entries()].sort(([a], [b]) => Number(a === OTHER) - Number(b === OTHER));
  for (const [group, list] of ordered) {
    lines.push('', paint(group, 'bold', c));
    for (const d of list.slice().sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))) {
      const facts = [d.type, d.required ? 'required' : `default ${d.default_value ?? 'none'}`, d.importance];
      lines.push(`  ${paint(d.name, 'cyan', c)} (${facts.join(', ')})`);
      if (d.documentation) lines.push(...wrap(d.documentation, width).map((l) => `      ${l}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Greedy word wrap; documentation strings are one long line with occasional newlines. */
export function wrap(textIn: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of textIn.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
