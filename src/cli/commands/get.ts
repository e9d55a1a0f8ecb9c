// `kcx get connectors|tasks|plugins|workers|topics|loggers`: one list, in the format asked for.
import type { ConnectClient } from '../../connect/client.js';
import { mapWithConcurrency } from '../../connect/concurrency.js';
import type { ConnectorState, PluginInfo, TaskState } from '../../connect/types.js';
import { compareNames } from '../../domain/names.js';
import { type ConnectorRow, buildSnapshot } from '../../domain/snapshot.js';
import { formatImbalance, type WorkerLoad, workerLoads } from '../../domain/workers.js';
import { oneLineError, rootCause } from '../../domain/trace.js';
import { UsageError } from '../failure.js';
import { stateColour } from '../output/colour.js';
import type { OutputFormat } from '../output/format.js';
import { type Listing, printListing } from '../output/listing.js';
import type { Column } from '../output/table.js';
import { CONNECTOR_STATE_WORDS, matcher, type Out, parseStates, TASK_STATE_WORDS } from './common.js';

export const RESOURCES = ['connectors', 'tasks', 'plugins', 'workers', 'topics', 'loggers'] as const;
export type Resource = (typeof RESOURCES)[number];

const ALIASES: Record<string, Resource> = {
  connector: 'connectors',
  task: 'tasks',
  plugin: 'plugins',
  worker: 'workers',
  topic: 'topics',
  logger: 'loggers',
};

export function parseResource(word: string): Resource {
  const w = word.toLowerCase();
  if ((RESOURCES as readonly string[]).includes(w)) return w as Resource;
  const alias = ALIASES[w];
  if (alias) return alias;
  throw new UsageError(`unknown resource "${word}" (one of: ${RESOURCES.join(', ')})`);
}

export interface GetOptions {
  output: OutputFormat;
  state?: string;
  match?: string;
  /** plugins: every plugin type (converters, transforms…), not only connectors. */
  all?: boolean;
}

/** Concurrent requests when a listing needs one per connector (topics). */
const FAN_OUT = 8;

export async function runGet(
  client: ConnectClient,
  resource: Resource,
  names: readonly string[],
  opts: GetOptions,
  out: Out,
): Promise<number> {
  if (opts.state !== undefined && resource !== 'connectors' && resource !== 'tasks') {
    throw new UsageError('--state applies to connectors and tasks');
  }
  if (opts.all && resource !== 'plugins') throw new UsageError('--all applies to plugins');
  const match = matcher(opts.match);
  switch (resource) {
    case 'connectors': {
      const states = parseStates(opts.state, CONNECTOR_STATE_WORDS);
      const { rows, missing } = await connectorRows(client, names);
      const kept = rows.filter((r) => match(r.name) && (!states || connectorInStates(r, states)));
      printListing(connectorsListing(kept), opts.output, out);
      return reportMissing(missing, out);
    }
    case 'tasks': {
      const states = parseStates(opts.state, TASK_STATE_WORDS);
      const { rows, missing } = await connectorRows(client, names);
      const tasks = rows
        .filter((r) => match(r.name))
        .flatMap((r) => r.tasks.map((t) => ({ connector: r.name, task: t })))
        .filter((t) => !states || states.has(t.task.state));
      printListing(tasksListing(tasks), opts.output, out);
      return reportMissing(missing, out);
    }
    case 'plugins': {
      const plugins = await client.plugins(opts.all ? { connectorsOnly: false } : {});
      const kept = filterNames(plugins, (p) => p.class, names, match).sort((a, b) =>
        compareNames(a.class, b.class),
      );
      printListing(pluginsListing(kept), opts.output, out);
      return 0;
    }
    case 'workers': {
      const snapshot = buildSnapshot(await client.listConnectorsWithStatus(), Date.now());
      printListing(
        // Imbalance is measured against the mean of all workers, before --match narrows the list.
        workersListing(filterNames(workerLoads(snapshot), (w) => w.id, names, match)),
        opts.output,
        out,
      );
      return 0;
    }
    case 'topics': {
      const { rows, missing } = await connectorRows(client, names);
      const byTopic = new Map<string, string[]>();
      const topics = await mapWithConcurrency(rows, FAN_OUT, (r) => client.connectorTopics(r.name));
      rows.forEach((r, i) => {
        for (const topic of topics[i] ?? []) {
          const list = byTopic.get(topic) ?? [];
          list.push(r.name);
          byTopic.set(topic, list);
        }
      });
      const entries = [...byTopic.entries()]
        .filter(([topic]) => match(topic))
        .map(([topic, connectors]) => ({ topic, connectors: connectors.sort(compareNames) }))
        .sort((a, b) => compareNames(a.topic, b.topic));
      printListing(topicsListing(entries), opts.output, out);
      return reportMissing(missing, out);
    }
    case 'loggers': {
      // The version first, so that a worker before 2.4 gets "needs Kafka Connect 2.4", not a bare 404.
      await client.capabilities();
      const levels = await client.loggers();
      const rows = Object.entries(levels).map(([logger, l]) => ({
        logger,
        level: l.level,
        lastModified: l.last_modified ?? null,
      }));
      printListing(loggersListing(filterNames(rows, (r) => r.logger, names, match)), opts.output, out);
      return 0;
    }
  }
}

function filterNames<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  names: readonly string[],
  match: (name: string) => boolean,
): T[] {
  const wanted = names.length > 0 ? new Set(names) : undefined;
  return items.filter((i) => (!wanted || wanted.has(nameOf(i))) && match(nameOf(i)));
}

/** All connectors, or the named ones (in the cluster's order); names the cluster lacks are returned. */
async function connectorRows(
  client: ConnectClient,
  names: readonly string[],
): Promise<{ rows: ConnectorRow[]; missing: string[] }> {
  const snapshot = buildSnapshot(await client.listConnectorsWithStatus(), Date.now());
  if (names.length === 0) return { rows: snapshot.rows, missing: [] };
  const wanted = new Set(names);
  return {
    rows: snapshot.rows.filter((r) => wanted.has(r.name)),
    missing: names.filter((n) => !snapshot.byName.has(n)),
  };
}

function reportMissing(missing: readonly string[], out: Out): number {
  for (const name of missing) out.warn(`connector ${name} not found`);
  return missing.length > 0 ? 1 : 0;
}

/** `--state` matches the connector's own state, its health, or the state of any of its tasks. */
export function connectorInStates(row: ConnectorRow, states: ReadonlySet<string>): boolean {
  if (states.has(row.state) || states.has(row.health)) return true;
  return row.tasks.some((t) => states.has(t.state));
}

const stateOf = (state: ConnectorState | string) => stateColour(state);

export function connectorsListing(rows: readonly ConnectorRow[]): Listing<ConnectorRow> {
  const name: Column<ConnectorRow> = { header: 'NAME', value: (r) => r.name, flex: true };
  const type: Column<ConnectorRow> = { header: 'TYPE', value: (r) => r.type };
  const state: Column<ConnectorRow> = {
    header: 'STATE',
    value: (r) => r.state,
    colour: (r) => stateOf(r.state),
  };
  const health: Column<ConnectorRow> = {
    header: 'HEALTH',
    value: (r) => r.health,
    colour: (r) => stateOf(r.health),
  };
  const tasks: Column<ConnectorRow> = {
    header: 'TASKS',
    value: (r) => `${r.tasksRunning}/${r.tasksTotal}`,
    align: 'right',
  };
  return {
    noun: 'connectors',
    rows,
    columns: [name, type, state, health, tasks, { header: 'PLUGIN', value: (r) => r.plugin, flex: true }],
    wide: [
      name,
      type,
      state,
      health,
      tasks,
      {
        header: 'FAILED',
        value: (r) => String(r.tasksFailed),
        align: 'right',
        colour: (r) => (r.tasksFailed > 0 ? 'red' : undefined),
      },
      { header: 'WORKER', value: (r) => r.worker },
      { header: 'CLASS', value: (r) => r.pluginClass, flex: true },
    ],
    json: (r) => ({
      name: r.name,
      type: r.type,
      state: r.state,
      health: r.health,
      worker: r.worker,
      class: r.pluginClass,
      tasks: { running: r.tasksRunning, failed: r.tasksFailed, total: r.tasksTotal },
    }),
    name: (r) => r.name,
  };
}

interface TaskRow {
  connector: string;
  task: TaskState;
}

function tasksListing(rows: readonly TaskRow[]): Listing<TaskRow> {
  const base: Column<TaskRow>[] = [
    { header: 'CONNECTOR', value: (r) => r.connector, flex: true },
    { header: 'TASK', value: (r) => String(r.task.id), align: 'right' },
    { header: 'STATE', value: (r) => r.task.state, colour: (r) => stateOf(r.task.state) },
    { header: 'WORKER', value: (r) => r.task.worker_id },
  ];
  return {
    noun: 'tasks',
    rows,
    columns: [...base, { header: 'ERROR', value: (r) => oneLineError(r.task.trace), flex: true }],
    wide: [...base, { header: 'ERROR', value: (r) => rootCause(r.task.trace), flex: true }],
    json: (r) => ({
      connector: r.connector,
      id: r.task.id,
      state: r.task.state,
      worker: r.task.worker_id,
      ...(r.task.trace ? { trace: r.task.trace } : {}),
    }),
    // Connector names may hold spaces or slashes; a tab keeps `cut -f1` and `read -r name id` working.
    name: (r) => `${r.connector}\t${r.task.id}`,
  };
}

function pluginsListing(rows: readonly PluginInfo[]): Listing<PluginInfo> {
  return {
    noun: 'plugins',
    rows,
    columns: [
      { header: 'CLASS', value: (p) => p.class, flex: true },
      { header: 'TYPE', value: (p) => p.type },
      { header: 'VERSION', value: (p) => p.version ?? '' },
    ],
    json: (p) => p,
    name: (p) => p.class,
  };
}

function workersListing(rows: readonly WorkerLoad[]): Listing<WorkerLoad> {
  return {
    noun: 'workers',
    rows,
    columns: [
      { header: 'WORKER', value: (w) => w.id, flex: true },
      { header: 'CONNECTORS', value: (w) => String(w.connectors), align: 'right' },
      { header: 'TASKS', value: (w) => String(w.tasks), align: 'right' },
      {
        header: 'FAILED',
        value: (w) => String(w.failed),
        align: 'right',
        colour: (w) => (w.failed > 0 ? 'red' : undefined),
      },
      { header: 'VS MEAN', value: (w) => formatImbalance(w), align: 'right' },
    ],
    json: (w) => ({
      ...w,
      imbalance: Math.round(w.imbalance * 100) / 100,
      ratio: Math.round(w.ratio * 100) / 100,
    }),
    name: (w) => w.id,
  };
}

interface TopicRow {
  topic: string;
  connectors: string[];
}

function topicsListing(rows: readonly TopicRow[]): Listing<TopicRow> {
  return {
    noun: 'topics',
    rows,
    columns: [
      { header: 'TOPIC', value: (t) => t.topic, flex: true },
      { header: 'CONNECTORS', value: (t) => t.connectors.join(', '), flex: true },
    ],
    json: (t) => t,
    name: (t) => t.topic,
  };
}

export interface LoggerRow {
  logger: string;
  level: string;
  lastModified: number | null;
}

export function loggersListing(rows: readonly LoggerRow[]): Listing<LoggerRow> {
  return {
    noun: 'loggers',
    rows,
    columns: [
      { header: 'LOGGER', value: (l) => l.logger, flex: true },
      { header: 'LEVEL', value: (l) => l.level },
      {
        header: 'LAST MODIFIED',
        value: (l) => (l.lastModified === null ? '-' : new Date(l.lastModified).toISOString()),
      },
    ],
    json: (l) => ({ logger: l.logger, level: l.level, last_modified: l.lastModified }),
    name: (l) => l.logger,
  };
}
