// Where the poller's snapshots come from. The simplest source: fetch the listing, parse all of it,
// build and diff (what `kcx` does with KCX_SNAPSHOTS=full, and what tests use). The console uses the
// incremental source (incremental-snapshots.ts), which parses only the connectors whose bytes changed
// and gives the same snapshots as digestListing() below.
import type { ConnectorListing } from '../connect/client.js';
import { diffSnapshots, type SnapshotDiff } from './diff.js';
import { buildSnapshot, type ClusterSnapshot, type ConnectorRow } from './snapshot.js';

/** The one client method the in-process source needs; tests pass a fake. */
export interface ListingSource {
  listConnectorsWithStatus(): Promise<ConnectorListing>;
}

export interface PollResult {
  snapshot: ClusterSnapshot;
  /** Against the `prev` given to next(); empty when nothing observable changed. */
  diff: SnapshotDiff;
}

export interface SnapshotSource {
  /** One poll. Rejects with the client's error when the cluster cannot be read. */
  next(prev: ClusterSnapshot | undefined, now: () => number): Promise<PollResult>;
  close?(): void;
}

/** The next snapshot and what changed; unchanged rows keep their previous objects. */
export function digestListing(
  prev: ClusterSnapshot | undefined,
  listing: ConnectorListing,
  now: number,
): PollResult {
  const built = buildSnapshot(listing, now);
  const diff = diffSnapshots(prev, built);
  if (!prev || diff.changed.length + diff.added.length === built.rows.length)
    return { snapshot: built, diff };
  // Same objects for unchanged rows: views memoised on a row skip it, and the old ones can be freed.
  const reused: ConnectorRow[] = built.rows.map((row) => {
    const before = prev.byName.get(row.name);
    return before !== undefined && before.signature === row.signature ? before : row;
  });
  const byName = new Map(reused.map((r) => [r.name, r]));
  return { snapshot: { ...built, rows: reused, byName }, diff };
}

export class InProcessSnapshots implements SnapshotSource {
  constructor(private readonly source: ListingSource) {}

  async next(prev: ClusterSnapshot | undefined, now: () => number): Promise<PollResult> {
    const listing = await this.source.listConnectorsWithStatus();
    return digestListing(prev, listing, now());
  }
}

export function isSnapshotSource(source: ListingSource | SnapshotSource): source is SnapshotSource {
  return typeof (source as SnapshotSource).next === 'function';
}
