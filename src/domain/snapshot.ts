// One poll of the cluster, shaped for the views: a row per connector with everything the list shows
// precomputed, indexes by name, and counts for the header, the cluster view and the workers view.
import type { ConnectorListing } from '../connect/client.js';
import type {
  ConnectorConfig,
  ConnectorState,
  ConnectorStateInfo,
  ConnectorType,
  TaskState,
} from '../connect/types.js';
import { type Health, HEALTHS, healthOf } from './health.js';
import { compareKeyed, compareNames, nameSortKey } from './names.js';
import { pluginShortName } from './plugin-name.js';

export const CONNECTOR_STATES: readonly ConnectorState[] = [
  'RUNNING',
  'PAUSED',
  'STOPPED',
  'FAILED',
  'UNASSIGNED',
  'RESTARTING',
];

export interface ConnectorRow {
  name: string;
  type: ConnectorType;
  /** The connector's own state (not the tasks'). */
  state: ConnectorState;
  tasksRunning: number;
  tasksTotal: number;
  tasksFailed: number;
  health: Health;
  /** The worker running the connector instance. */
  worker: string;
  /** `connector.class` shortened for the list: `JdbcSink`; empty when the config is unknown. */
  plugin: string;
  pluginClass: string;
  tasks: TaskState[];
  /**
   * A hash of the config ('' when it is unknown: the connector vanished between its status and its
   * info being read). Rows keep no config: 10,000 of them are most of a listing's memory, and only
   * the connector view shows one (it reads it when this hash changes).
   */
  configHash: string;
  status: ConnectorStateInfo;
  /** The name's ordering key (see names.ts), computed once so that sorting 10,000 rows stays cheap. */
  sortKey: string;
  /**
   * Everything observable about the row in one string, so telling a changed row from an unchanged
   * one is a string comparison rather than a deep compare of configs and traces on every poll.
   */
  signature: string;
}

export interface WorkerSummary {
  id: string;
  /** Connector instances running on this worker. */
  connectors: number;
  tasks: number;
  /** Failed connector instances plus failed tasks on this worker. */
  failed: number;
}

export interface ClusterSnapshot {
  /** Sorted by name (numeric-aware, case-insensitive): see compareRowNames. */
  rows: ConnectorRow[];
  byName: ReadonlyMap<string, ConnectorRow>;
  /** Connectors by their own state. */
  countsByState: Record<ConnectorState, number>;
  countsByHealth: Record<Health, number>;
  taskCountsByState: Record<ConnectorState, number>;
  /** Worker ids seen in any connector or task status, sorted. */
  workers: WorkerSummary[];
  /** Listed by the worker but without a status yet (just created or just deleted). */
  skipped: string[];
  mode: ConnectorListing['mode'];
  fetchedAt: number;
}

export function buildSnapshot(listing: ConnectorListing, now: number): ClusterSnapshot {
  const rows = listing.connectors.map((c) =>
    buildRow(c.name, c.status, c.info?.config ?? null, c.info?.type),
  );
  rows.sort(compareRowNames);
  return assembleSnapshot(rows, listing.skipped, listing.mode, now);
}

/** The indexes and counts over rows already sorted by name. */
export function assembleSnapshot(
  rows: ConnectorRow[],
  skipped: string[],
  mode: ConnectorListing['mode'],
  now: number,
): ClusterSnapshot {
  const byName = new Map<string, ConnectorRow>();
  const tally = new Tally(
    zeroCounts(CONNECTOR_STATES),
    zeroCounts(CONNECTOR_STATES),
    zeroCounts(HEALTHS),
    new Map<string, WorkerSummary>(),
  );
  for (const row of rows) {
    byName.set(row.name, row);
    tally.add(row, 1);
  }
  return tally.snapshot(rows, byName, skipped, mode, now);
}

/**
 * assembleSnapshot() over `prev`'s rows with some replaced by new rows of the same names (so the
 * order holds): `replaced` maps a row's index in prev.rows to its successor. The counts are updated
 * from prev's rather than recounted, which spares a walk over every row and task of a large cluster
 * when a poll changed a few.
 */
export function replaceRows(
  prev: ClusterSnapshot,
  replaced: ReadonlyMap<number, ConnectorRow>,
  skipped: string[],
  mode: ConnectorListing['mode'],
  now: number,
): ClusterSnapshot {
  const rows = prev.rows.slice();
  const byName = new Map(prev.byName);
  const tally = new Tally(
    { ...prev.countsByState },
    { ...prev.taskCountsByState },
    { ...prev.countsByHealth },
    new Map(prev.workers.map((w) => [w.id, { ...w }])),
  );
  for (const [i, row] of replaced) {
    const old = rows[i];
    if (old === undefined || old.name !== row.name)
      throw new Error(`replaceRows: no row ${row.name} at ${i}`);
    tally.add(old, -1);
    tally.add(row, 1);
    rows[i] = row;
    byName.set(row.name, row);
  }
  return tally.snapshot(rows, byName, skipped, mode, now);
}

/** The counts of a snapshot, as rows are added to them (or taken out, with -1). */
class Tally {
  constructor(
    private readonly countsByState: Record<ConnectorState, number>,
    private readonly taskCountsByState: Record<ConnectorState, number>,
    private readonly countsByHealth: Record<Health, number>,
    private readonly workers: Map<string, WorkerSummary>,
  ) {}

  add(row: ConnectorRow, n: 1 | -1): void {
    this.countsByState[row.state] += n;
    this.countsByHealth[row.health] += n;
    const cw = this.worker(row.worker);
    if (cw) {
      cw.connectors += n;
      if (row.state === 'FAILED') cw.failed += n;
    }
    for (const task of row.tasks) {
      this.taskCountsByState[task.state] += n;
      const tw = this.worker(task.worker_id);
      if (tw) {
        tw.tasks += n;
        if (task.state === 'FAILED') tw.failed += n;
      }
    }
  }

  snapshot(
    rows: ConnectorRow[],
    byName: ReadonlyMap<string, ConnectorRow>,
    skipped: string[],
    mode: ConnectorListing['mode'],
    now: number,
  ): ClusterSnapshot {
    const workers: WorkerSummary[] = [];
    // A worker is listed while some connector or task names it.
    for (const w of this.workers.values()) if (w.connectors + w.tasks > 0) workers.push(w);
    return {
      rows,
      byName,
      countsByState: this.countsByState,
      countsByHealth: this.countsByHealth,
      taskCountsByState: this.taskCountsByState,
      workers: workers.sort((a, b) => compareNames(a.id, b.id)),
      skipped,
      mode,
      fetchedAt: now,
    };
  }

  private worker(id: string): WorkerSummary | undefined {
    // UNASSIGNED entries may carry no worker; they belong to nobody.
    if (id === '') return undefined;
    let w = this.workers.get(id);
    if (!w) {
      w = { id, connectors: 0, tasks: 0, failed: 0 };
      this.workers.set(id, w);
    }
    return w;
  }
}

export function buildRow(
  name: string,
  status: ConnectorStateInfo,
  config: ConnectorConfig | null,
  infoType?: ConnectorType,
): ConnectorRow {
  // Workers report tasks in assignment order; the tasks table and the signature want them by id.
  const tasks = [...status.tasks].sort((a, b) => a.id - b.id);
  let tasksRunning = 0;
  let tasksFailed = 0;
  for (const t of tasks) {
    if (t.state === 'RUNNING') tasksRunning++;
    else if (t.state === 'FAILED') tasksFailed++;
  }
  const pluginClass = config?.['connector.class'] ?? '';
  // Status `type` is 'unknown' while a connector is starting; the info usually knows better.
  const type = status.type !== 'unknown' ? status.type : (infoType ?? status.type);
  const row: ConnectorRow = {
    name,
    sortKey: nameSortKey(name),
    type,
    state: status.connector.state,
    tasksRunning,
    tasksTotal: tasks.length,
    tasksFailed,
    health: healthOf({ connector: status.connector, tasks }),
    worker: status.connector.worker_id,
    plugin: pluginClass === '' ? '' : pluginShortName(pluginClass),
    pluginClass,
    tasks,
    configHash: config === null ? '' : configSignature(config),
    status,
    signature: '',
  };
  row.signature = rowSignature(row);
  return row;
}

/** Rows by name: numeric-aware, case-insensitive, total. */
export function compareRowNames(a: ConnectorRow, b: ConnectorRow): number {
  return compareKeyed(a.sortKey, a.name, b.sortKey, b.name);
}

function rowSignature(row: ConnectorRow): string {
  const c = row.status.connector;
  const parts = [row.type, c.state, c.worker_id, traceFingerprint(c.trace), c.version ?? ''];
  for (const t of row.tasks) {
    parts.push(`${t.id}:${t.state}:${t.worker_id}:${traceFingerprint(t.trace)}:${t.version ?? ''}`);
  }
  parts.push(row.configHash === '' ? 'null' : row.configHash);
  // \u0000 cannot appear in JSON-escaped text or in a worker id, so fields cannot run into each other.
  return parts.join('\u0000');
}

function configSignature(config: ConnectorConfig): string {
  // Key order is not meaningful; a worker that reorders keys has not changed the config. Hashed so a
  // row keeps a few bytes rather than a second copy of its config (10,000 rows: megabytes of heap).
  const keys = Object.keys(config).sort();
  return traceFingerprint(JSON.stringify(keys.map((k) => [k, config[k]])));
}

/** Traces can be a megabyte; a length and a hash tell a new error from the old one without copying it. */
function traceFingerprint(trace: string | undefined): string {
  if (trace === undefined || trace === '') return '';
  // FNV-1a, 32 bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < trace.length; i++) {
    h ^= trace.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${trace.length}#${(h >>> 0).toString(36)}`;
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  const counts = {} as Record<K, number>;
  for (const k of keys) counts[k] = 0;
  return counts;
}
