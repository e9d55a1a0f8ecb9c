// How work sits on the workers (from the statuses): load per worker against the mean, and what
// exactly runs on one worker. Feeds `:workers` in the TUI and `kcx get workers`.
import type { ConnectorState } from '../connect/types.js';
import type { ClusterSnapshot, WorkerSummary } from './snapshot.js';

export interface WorkerLoad extends WorkerSummary {
  /** Tasks above (+) or below (−) the mean tasks per worker. */
  imbalance: number;
  /** Tasks relative to the mean: 1 is perfectly balanced. 0 when the cluster has no tasks. */
  ratio: number;
}

export function workerLoads(snapshot: ClusterSnapshot): WorkerLoad[] {
  const workers = snapshot.workers;
  const total = workers.reduce((n, w) => n + w.tasks, 0);
  const mean = workers.length > 0 ? total / workers.length : 0;
  return workers.map((w) => ({
    ...w,
    imbalance: w.tasks - mean,
    ratio: mean > 0 ? w.tasks / mean : 0,
  }));
}

/** "+2.3" / "−1.0" / "0": the imbalance as the workers view shows it. */
export function formatImbalance(load: WorkerLoad): string {
  const rounded = Math.round(load.imbalance * 10) / 10;
  if (rounded === 0) return '0';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)}`;
}

export interface Assignment {
  connector: string;
  /** null for the connector instance itself. */
  task: number | null;
  state: ConnectorState;
  trace?: string;
}

/** The connector instances and tasks on one worker, failed ones first, then by name and task id. */
export function assignmentsOn(snapshot: ClusterSnapshot, workerId: string): Assignment[] {
  const out: Assignment[] = [];
  for (const row of snapshot.rows) {
    const c = row.status.connector;
    if (c.worker_id === workerId) {
      out.push({ connector: row.name, task: null, state: c.state, ...(c.trace ? { trace: c.trace } : {}) });
    }
    for (const t of row.tasks) {
      if (t.worker_id === workerId) {
        out.push({ connector: row.name, task: t.id, state: t.state, ...(t.trace ? { trace: t.trace } : {}) });
      }
    }
  }
  const failedFirst = (a: Assignment) => (a.state === 'FAILED' ? 0 : 1);
  return out.sort(
    (a, b) =>
      failedFirst(a) - failedFirst(b) ||
      (a.connector < b.connector ? -1 : a.connector > b.connector ? 1 : 0) ||
      (a.task ?? -1) - (b.task ?? -1),
  );
}
