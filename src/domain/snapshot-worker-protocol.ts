// Messages between the console's thread and the snapshot worker (snapshot-worker.ts).
import type { ConnectorListing } from '../connect/listing.js';
import type { SnapshotDelta } from './snapshot-delta.js';

export type DigestRequest =
  | {
      id: number;
      kind: 'raw';
      /** The listing response's bytes, transferred (not copied). */
      bytes: ArrayBuffer;
      contentType: string | undefined;
      now: number;
      /** The console has no snapshot: diff against nothing. */
      reset: boolean;
    }
  | { id: number; kind: 'listing'; listing: ConnectorListing; now: number; reset: boolean }
  /** The worker's current snapshot as one delta from nothing: recovers a console that fell out of step. */
  | { id: number; kind: 'whole' };

export type DigestReply =
  | { id: number; kind: 'delta'; delta: SnapshotDelta }
  | { id: number; kind: 'names'; names: string[] }
  | { id: number; kind: 'bad'; detail: string; snippet?: string }
  | { id: number; kind: 'error'; message: string };
