// The one-word health of a connector, rolled up from its own state and its tasks' states, so the
// list can say FAILED or DEGRADED without the operator reading every task.
import type { ConnectorState, ConnectorStateInfo } from '../connect/types.js';

export type Health = 'HEALTHY' | 'DEGRADED' | 'FAILED' | 'PAUSED' | 'STOPPED' | 'UNASSIGNED';

export const HEALTHS: readonly Health[] = [
  'HEALTHY',
  'DEGRADED',
  'FAILED',
  'PAUSED',
  'STOPPED',
  'UNASSIGNED',
];

/**
 * The rules apply in order; the first that matches wins. Failures outrank everything (a paused
 * connector with a failed task is still DEGRADED: resuming will not fix it). A RUNNING connector whose
 * tasks are in some other non-failed state (PAUSED tasks right after a resume, RESTARTING) is in
 * transition and reads as DEGRADED rather than HEALTHY, so it is not hidden by the problems filter.
 */
export function healthOf(status: Pick<ConnectorStateInfo, 'connector' | 'tasks'>): Health {
  const connector = status.connector.state;
  const tasks = status.tasks;
  if (connector === 'FAILED') return 'FAILED';
  let failed = 0;
  let unassigned = false;
  let restarting = connector === 'RESTARTING';
  let otherThanRunning = false;
  for (const task of tasks) {
    if (task.state === 'FAILED') failed++;
    else if (task.state === 'UNASSIGNED') unassigned = true;
    else if (task.state === 'RESTARTING') restarting = true;
    if (task.state !== 'RUNNING') otherThanRunning = true;
  }
  if (failed > 0) return failed === tasks.length ? 'FAILED' : 'DEGRADED';
  if (connector === 'STOPPED') return 'STOPPED';
  if (connector === 'PAUSED') return 'PAUSED';
  if (connector === 'UNASSIGNED' || unassigned) return 'UNASSIGNED';
  if (restarting) return 'DEGRADED';
  if (otherThanRunning) return 'DEGRADED';
  return 'HEALTHY';
}

/** What the `z` toggle keeps: anything not RUNNING (connector or task), which includes failed tasks. */
export function isProblem(row: {
  state: ConnectorState;
  tasks: readonly { state: ConnectorState }[];
}): boolean {
  if (row.state !== 'RUNNING') return true;
  for (const task of row.tasks) if (task.state !== 'RUNNING') return true;
  return false;
}
