// What changed between two polls: the list flashes changed rows, and the poller stays silent (so
// nothing is redrawn) when a poll brought nothing new.
import type { ClusterSnapshot } from './snapshot.js';

export interface SnapshotDiff {
  /** In the next snapshot's row order. */
  added: string[];
  /** In the previous snapshot's row order. */
  removed: string[];
  /** State, task states, workers, traces or config changed; in the next snapshot's row order. */
  changed: string[];
}

export const NO_CHANGES: SnapshotDiff = Object.freeze({
  added: [],
  removed: [],
  changed: [],
}) as SnapshotDiff;

/** With no previous snapshot every row is new. */
export function diffSnapshots(prev: ClusterSnapshot | undefined, next: ClusterSnapshot): SnapshotDiff {
  if (!prev) return { added: next.rows.map((r) => r.name), removed: [], changed: [] };
  const added: string[] = [];
  const changed: string[] = [];
  for (const row of next.rows) {
    const before = prev.byName.get(row.name);
    if (!before) added.push(row.name);
    else if (before.signature !== row.signature) changed.push(row.name);
  }
  const removed: string[] = [];
  // Same size and nothing added means nothing can have been removed; skip the second pass.
  if (added.length > 0 || prev.rows.length !== next.rows.length) {
    for (const row of prev.rows) if (!next.byName.has(row.name)) removed.push(row.name);
  }
  return { added, removed, changed };
}

export function isEmptyDiff(diff: SnapshotDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

/** Rows whose content is new to the viewer (added or changed): what the list highlights briefly. */
export function touchedNames(diff: SnapshotDiff): Set<string> {
  return new Set([...diff.added, ...diff.changed]);
}
