// A poll's result as the snapshot worker hands it over: only the rows that are new or changed, and
// the name order only when connectors came or went. The UI thread rebuilds its snapshot from the
// previous one, reusing every unchanged row object, so an idle refresh of 10,000 connectors costs it
// almost nothing and a structured clone carries a few rows rather than the whole list.
import type { SnapshotDiff } from './diff.js';
import { assembleSnapshot, type ClusterSnapshot, type ConnectorRow } from './snapshot.js';

export interface SnapshotDelta {
  /** Added and changed rows. */
  rows: ConnectorRow[];
  /** Every name in row order; present only when the set of connectors changed. */
  order?: string[];
  diff: SnapshotDiff;
  skipped: string[];
  mode: ClusterSnapshot['mode'];
  fetchedAt: number;
}

export function deltaOf(
  prev: ClusterSnapshot | undefined,
  next: ClusterSnapshot,
  diff: SnapshotDiff,
): SnapshotDelta {
  const membershipChanged = prev === undefined || diff.added.length > 0 || diff.removed.length > 0;
  const touched = [...diff.added, ...diff.changed];
  return {
    rows: touched.map((name) => next.byName.get(name)!),
    ...(membershipChanged ? { order: next.rows.map((r) => r.name) } : {}),
    diff,
    skipped: next.skipped,
    mode: next.mode,
    fetchedAt: next.fetchedAt,
  };
}

/**
 * The snapshot the delta describes. Throws when the delta does not fit `prev` (a row it relies on is
 * missing): the caller then asks for a whole snapshot rather than showing a wrong list.
 */
export function applyDelta(prev: ClusterSnapshot | undefined, delta: SnapshotDelta): ClusterSnapshot {
  const fresh = new Map(delta.rows.map((r) => [r.name, r]));
  const rowFor = (name: string): ConnectorRow => {
    const row = fresh.get(name) ?? prev?.byName.get(name);
    if (!row) throw new DeltaMismatchError(name);
    return row;
  };
  const rows: ConnectorRow[] = delta.order
    ? delta.order.map(rowFor)
    : (prev?.rows ?? []).map((r) => fresh.get(r.name) ?? r);
  return assembleSnapshot(rows, delta.skipped, delta.mode, delta.fetchedAt);
}

export class DeltaMismatchError extends Error {
  constructor(readonly missing: string) {
    super(`snapshot delta refers to "${missing}", which the previous snapshot does not have`);
    this.name = 'DeltaMismatchError';
  }
}
