// Orders for the connectors list. Each key's ascending order is its most useful one: names A→Z,
// problems first, most failed tasks first. Descending reverses the key; ties always fall back to the
// name, A→Z, so rows with equal keys never swap places between refreshes.
import { type ConnectorRow, compareRowNames } from './snapshot.js';

export type SortKey = 'name' | 'state' | 'type' | 'failed';
export type SortDirection = 'asc' | 'desc';

export const SORT_KEYS: readonly SortKey[] = ['name', 'state', 'type', 'failed'];

/** Rank labels in `state` order, problems first. */
export const STATE_RANKS = [
  'FAILED',
  'DEGRADED',
  'UNASSIGNED',
  'RESTARTING',
  'PAUSED',
  'STOPPED',
  'HEALTHY',
] as const;

export type StateRank = (typeof STATE_RANKS)[number];

/**
 * Where a row sits in `state` order. Health decides, except that a connector that is only
 * restarting (DEGRADED without failed tasks) is separated out below the real problems: it is
 * expected to recover on its own.
 */
export function stateRank(row: Pick<ConnectorRow, 'health' | 'state' | 'tasks' | 'tasksFailed'>): StateRank {
  if (row.health === 'DEGRADED' && row.tasksFailed === 0) {
    const restarting = row.state === 'RESTARTING' || row.tasks.some((t) => t.state === 'RESTARTING');
    if (restarting) return 'RESTARTING';
  }
  return row.health;
}

const RANK_INDEX = new Map<StateRank, number>(STATE_RANKS.map((r, i) => [r, i]));

type KeyCompare = (a: ConnectorRow, b: ConnectorRow) => number;

const COMPARE: Record<SortKey, KeyCompare> = {
  name: () => 0,
  state: (a, b) => RANK_INDEX.get(stateRank(a))! - RANK_INDEX.get(stateRank(b))!,
  type: (a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  failed: (a, b) => b.tasksFailed - a.tasksFailed,
};

/** A sorted copy; the input is left alone (it is usually the snapshot's own array). */
export function sortRows(
  rows: readonly ConnectorRow[],
  key: SortKey,
  direction: SortDirection = 'asc',
): ConnectorRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byKey = COMPARE[key];
  if (key === 'name') return [...rows].sort((a, b) => sign * compareRowNames(a, b));
  return [...rows].sort((a, b) => sign * byKey(a, b) || compareRowNames(a, b));
}
