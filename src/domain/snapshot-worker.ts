// The snapshot worker: parses a connector listing, builds its rows and diffs them against the last
// snapshot, off the console's thread. A 10,000-connector listing is an 11 MB body; parsing and
// digesting it on the console's thread held up keystrokes for tens of milliseconds every refresh.
// It answers with a delta (snapshot-delta.ts), so the console receives only what changed.
import { parentPort } from 'node:worker_threads';
import { listingFromBody } from '../connect/listing.js';
import type { ConnectorListing } from '../connect/listing.js';
import { diffSnapshots } from './diff.js';
import type { ClusterSnapshot } from './snapshot.js';
import { deltaOf, type SnapshotDelta } from './snapshot-delta.js';
import { digestListing } from './snapshot-source.js';
import type { DigestReply, DigestRequest } from './snapshot-worker-protocol.js';

let last: ClusterSnapshot | undefined;

function digest(
  listing: ConnectorListing,
  now: number,
  reset: boolean,
): { kind: 'delta'; delta: SnapshotDelta } {
  const prev = reset ? undefined : last;
  const { snapshot, diff } = digestListing(prev, listing, now);
  last = snapshot;
  return { kind: 'delta', delta: deltaOf(prev, snapshot, diff) };
}

function handle(request: DigestRequest): DigestReply {
  try {
    switch (request.kind) {
      case 'whole': {
        if (!last) return { id: request.id, kind: 'error', message: 'no snapshot yet' };
        return {
          id: request.id,
          kind: 'delta',
          delta: deltaOf(undefined, last, diffSnapshots(undefined, last)),
        };
      }
      case 'listing':
        return { ...digest(request.listing, request.now, request.reset), id: request.id };
      case 'raw': {
        const body = listingFromBody(new Uint8Array(request.bytes), request.contentType);
        if (body.kind === 'listing')
          return { ...digest(body.listing, request.now, request.reset), id: request.id };
        return body.kind === 'names'
          ? { id: request.id, kind: 'names', names: body.names }
          : {
              id: request.id,
              kind: 'bad',
              detail: body.detail,
              ...(body.snippet ? { snippet: body.snippet } : {}),
            };
      }
    }
  } catch (e) {
    return { id: request.id, kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

parentPort?.on('message', (request: DigestRequest) => {
  parentPort?.postMessage(handle(request));
});
