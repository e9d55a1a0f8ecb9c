// The console's snapshot source. A refresh of 10,000 connectors is an 11 MB body of which, poll after
// poll, almost nothing changes; parsing all of it every two seconds held up keystrokes and grew the
// heap by the size of its object graph. Instead each connector's value is remembered as a digest of
// its bytes, the next body is walked at the top level only (src/connect/listing-scan.ts), and a
// connector whose value has the same digest keeps its row object; only the others are parsed and
// built. The work is cut into slices of a few milliseconds with the event loop let in between. The
// body's buffer receives the next body, so that a poll allocates no 11 MB buffer of its own: freed and
// allocated anew every two seconds, those stayed in the C allocator's hands and cost about 40 MB of
// resident memory.
//
// The result is the one digestListing() gives for the same body (rows, order, counts, skipped, diff,
// and the same unchanged row objects). Bodies the scanner does not take as a plain object of
// connectors (an HTML page, a body cut off, plain names from an old worker, …) are read the ordinary
// way, with the client's own errors.
import { hash } from 'node:crypto';
import type { ConnectorListing, RawListing } from '../connect/client.js';
import { listingFromBody } from '../connect/listing.js';
import { ListingScanner } from '../connect/listing-scan.js';
import type { ConnectorConfig, ConnectorStateInfo, ConnectorType } from '../connect/types.js';
import { diffSnapshots, type SnapshotDiff } from './diff.js';
import {
  assembleSnapshot,
  buildRow,
  type ClusterSnapshot,
  type ConnectorRow,
  compareRowNames,
  replaceRows,
} from './snapshot.js';
import { digestListing, type PollResult, type SnapshotSource } from './snapshot-source.js';

/** The client methods this source needs; tests pass a fake. */
export interface RawListingSource {
  /** `into`: a buffer the bytes may be received into (ConnectClient.listConnectorsRaw). */
  listConnectorsRaw(options?: { into?: Uint8Array }): Promise<RawListing>;
  listFallback(names: string[]): Promise<ConnectorListing>;
}

export interface IncrementalSnapshotsOptions {
  /** Longest stretch of work before letting the event loop run, ms. Default 2: a keystroke that
   * arrives during a refresh waits at most that long for its turn. */
  sliceMs?: number;
  /** How the event loop is let in. Default: setImmediate (timers and input get their turn). */
  yieldToLoop?: () => Promise<void>;
  /** Clock for the slices. Default performance.now. */
  clock?: () => number;
}

/** A connector's value in the last digested body, as a digest of its bytes, and the row it gave. */
interface KeptEntry {
  digest: string;
  row: ConnectorRow;
}

/**
 * The last digested body, remembered as a digest per connector rather than its bytes: keeping the
 * bytes (11 MB at 10,000 connectors) for a byte compare meant two bodies alive between polls.
 */
interface Kept {
  entries: Map<string, KeptEntry>;
}

/** The scanner's findings for one body: unique names in first-seen order, each with its last value. */
interface Scanned {
  names: string[];
  starts: number[];
  ends: number[];
}

class Closed extends Error {
  constructor() {
    super('snapshot source closed');
  }
}

/** Thrown inside a digest when the body must be read the ordinary way instead. */
const READ_WHOLE = Symbol('read the whole body');

/** What one poll did with the body: its connectors, and how many of their values were parsed. */
export interface WalkStats {
  entries: number;
  parsed: number;
}

export class IncrementalSnapshots implements SnapshotSource {
  /** The last successful poll's walk; undefined when it read the body whole (or had no body). */
  lastWalk?: WalkStats;
  private kept?: Kept;
  /** The buffer the next body is received into: the last body's, recycled. */
  private spare?: Uint8Array;
  private closed = false;
  private readonly sliceMs: number;
  private readonly yieldToLoop: () => Promise<void>;
  private readonly clock: () => number;

  constructor(
    private readonly client: RawListingSource,
    options: IncrementalSnapshotsOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? 2;
    this.yieldToLoop = options.yieldToLoop ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
    this.clock = options.clock ?? (() => performance.now());
  }

  async next(prev: ClusterSnapshot | undefined, now: () => number): Promise<PollResult> {
    // Taken, so that a second poll at the same time (the poller never does that) cannot share it.
    const into = this.spare;
    this.spare = undefined;
    const raw = await this.client.listConnectorsRaw(into ? { into } : {});
    this.checkOpen();
    const at = now();
    if (raw.kind === 'listing') {
      this.kept = undefined;
      this.lastWalk = undefined;
      return digestListing(prev, raw.listing, at);
    }
    const bytes = asBuffer(raw.bytes);
    const slicer = new Slicer(this.sliceMs, this.clock, this.yieldToLoop, () => this.checkOpen());
    try {
      // The fetch itself took the turn so far: let input in before the walk starts.
      await slicer.pause();
      return await this.digest(prev, bytes, at, slicer);
    } catch (e) {
      if (e !== READ_WHOLE) throw e;
      return await this.readWhole(prev, raw, at);
    } finally {
      // Digested (or not): its buffer receives the next body.
      this.recycle(bytes, bytes.byteLength);
    }
  }

  /** Polls in flight end with an error; what was kept is let go. */
  close(): void {
    this.closed = true;
    this.kept = undefined;
    this.spare = undefined;
  }

  /** Keeps `bytes`' buffer as the spare, unless it is far larger than bodies are now. */
  private recycle(bytes: Uint8Array | undefined, bodyLength: number): void {
    // A small Buffer may share Node's pool with other buffers: never write the next body into it.
    if (bytes === undefined || this.closed || bytes.buffer.byteLength <= Buffer.poolSize) return;
    const whole = new Uint8Array(bytes.buffer, 0, bytes.buffer.byteLength);
    if (whole.byteLength > 2 * bodyLength + 1024 * 1024) return;
    this.spare = whole;
  }

  private checkOpen(): void {
    if (this.closed) throw new Closed();
  }

  /** The body as today's whole-body digest reads it (and its errors); nothing is kept for next time. */
  private async readWhole(
    prev: ClusterSnapshot | undefined,
    raw: Extract<RawListing, { kind: 'raw' }>,
    now: number,
  ): Promise<PollResult> {
    const body = listingFromBody(raw.bytes, raw.contentType);
    if (body.kind === 'bad') throw raw.badBody(body.detail, body.snippet);
    const listing = body.kind === 'names' ? await this.client.listFallback(body.names) : body.listing;
    this.checkOpen();
    this.kept = undefined;
    this.lastWalk = undefined;
    return digestListing(prev, listing, now);
  }

  private async digest(
    prev: ClusterSnapshot | undefined,
    bytes: Buffer,
    now: number,
    slicer: Slicer,
  ): Promise<PollResult> {
    const scanned = await scan(bytes, slicer);
    const old = this.kept;
    const entries = new Map<string, KeptEntry>();
    const rows: ConnectorRow[] = [];
    const skipped: string[] = [];
    let added = 0;
    let reused = 0;
    let parsed = 0;
    const { names, starts, ends } = scanned;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const start = starts[i]!;
      const end = ends[i]!;
      const before = prev?.byName.get(name);
      const keptEntry = old?.entries.get(name);
      const digest = digestOf(bytes, start, end);
      let row: ConnectorRow;
      if (
        before !== undefined &&
        keptEntry !== undefined &&
        // The kept digest describes `before` only if this source gave that very row.
        keptEntry.row === before &&
        keptEntry.digest === digest
      ) {
        row = before;
        if ((i & 255) === 255) await slicer.check();
      } else {
        const built = buildFrom(name, bytes, start, end);
        parsed++;
        await slicer.check();
        if (built === undefined) {
          skipped.push(name);
          continue;
        }
        // As digestListing does: a row nothing observable changed in stays the previous object.
        row = before !== undefined && before.signature === built.signature ? before : built;
      }
      if (before === undefined) added++;
      else if (row === before) reused++;
      rows.push(row);
      entries.set(name, { digest, row });
    }

    let snapshot: ClusterSnapshot;
    let diff: SnapshotDiff;
    const skippedInOrder = objectKeyOrder(skipped);
    if (prev !== undefined && added === 0 && rows.length === prev.rows.length) {
      // The same names as before, so the same order, with the changed rows swapped in.
      const changed = rows.length - reused;
      if (changed === 0) {
        // Nothing changed (the usual poll): the previous rows, indexes and counts still hold.
        snapshot = { ...prev, skipped: skippedInOrder, mode: 'expand', fetchedAt: now };
        diff = { added: [], removed: [], changed: [] };
      } else if (changed <= rows.length / 8) {
        const replaced = new Map<number, ConnectorRow>();
        for (const row of rows) {
          const before = prev.byName.get(row.name)!;
          if (row !== before) replaced.set(indexOfRow(prev.rows, before), row);
        }
        snapshot = replaceRows(prev, replaced, skippedInOrder, 'expand', now);
        // What diffSnapshots() would find: the replaced rows (a row with the same signature was kept).
        const at = [...replaced.keys()].sort((a, b) => a - b);
        diff = { added: [], removed: [], changed: at.map((i) => snapshot.rows[i]!.name) };
      } else {
        const ordered = prev.rows.map((r) => entries.get(r.name)!.row);
        await slicer.check();
        snapshot = assembleSnapshot(ordered, skippedInOrder, 'expand', now);
        await slicer.check();
        diff = diffSnapshots(prev, snapshot);
      }
    } else {
      // Survivors in their previous order and the new ones after: nearly sorted, so the sort is cheap.
      const ordered = prev === undefined ? rows : orderLikePrev(prev, entries, rows);
      await slicer.check();
      ordered.sort(compareRowNames);
      await slicer.check();
      snapshot = assembleSnapshot(ordered, skippedInOrder, 'expand', now);
      await slicer.check();
      diff = diffSnapshots(prev, snapshot);
    }
    this.checkOpen();
    this.kept = { entries };
    this.lastWalk = { entries: names.length, parsed };
    return { snapshot, diff };
  }
}

/** Runs of synchronous work of at most about `sliceMs`, with the event loop let in between. */
class Slicer {
  private since: number;

  constructor(
    private readonly sliceMs: number,
    private readonly clock: () => number,
    private readonly yieldToLoop: () => Promise<void>,
    private readonly checkOpen: () => void,
  ) {
    this.since = clock();
  }

  /** Yields if the current run has lasted long enough. */
  async check(): Promise<void> {
    if (this.clock() - this.since >= this.sliceMs) await this.pause();
  }

  async pause(): Promise<void> {
    await this.yieldToLoop();
    this.checkOpen();
    this.since = this.clock();
  }
}

/** The body's entries; READ_WHOLE when it is not a plain JSON object of connectors. */
async function scan(bytes: Buffer, slicer: Slicer): Promise<Scanned> {
  const scanner = new ListingScanner(bytes);
  const names: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  // A key seen twice: JSON.parse keeps the last value at the first one's place.
  const seen = new Map<string, number>();
  for (let n = 0; ; n++) {
    const step = scanner.next();
    if (step === 'end') break;
    if (step === 'other') throw READ_WHOLE;
    const name = keyOf(bytes, scanner.keyStart, scanner.keyEnd, scanner.keyEscaped);
    const at = seen.get(name);
    if (at === undefined) {
      seen.set(name, names.length);
      names.push(name);
      starts.push(scanner.valueStart);
      ends.push(scanner.valueEnd);
    } else {
      starts[at] = scanner.valueStart;
      ends[at] = scanner.valueEnd;
    }
    if ((n & 255) === 255) await slicer.check();
  }
  return { names, starts, ends };
}

/**
 * A digest of a connector's value bytes: SHA-1, native and a few microseconds per connector (7 ms for
 * 10,000 of them); a changed value that kept its digest would need a SHA-1 collision.
 */
function digestOf(bytes: Buffer, start: number, end: number): string {
  return hash('sha1', bytes.subarray(start, end), 'base64');
}

function keyOf(bytes: Buffer, start: number, end: number, escaped: boolean): string {
  if (!escaped) return bytes.toString('utf8', start, end);
  try {
    return JSON.parse(bytes.toString('utf8', start - 1, end + 1)) as string;
  } catch {
    throw READ_WHOLE;
  }
}

/**
 * One connector's value parsed and built as listingFromExpanded() and buildSnapshot() would; undefined
 * when it has no status (skipped). A value JSON.parse refuses means the body is not JSON: READ_WHOLE.
 */
function buildFrom(name: string, bytes: Buffer, start: number, end: number): ConnectorRow | undefined {
  let entry: {
    status?: ConnectorStateInfo;
    info?: { config?: ConnectorConfig; type?: ConnectorType } | null;
  };
  try {
    entry = JSON.parse(bytes.toString('utf8', start, end));
  } catch {
    throw READ_WHOLE;
  }
  // The same expressions as the whole-body path, so that a malformed entry (`null`, say) fails there
  // the same way: that failure is reported from the whole body, below.
  try {
    if (!entry.status) return undefined;
    const info = entry.info ?? null;
    return buildRow(name, entry.status, info?.config ?? null, info?.type);
  } catch {
    throw READ_WHOLE;
  }
}

/** Where `row` sits in `rows` (sorted by name): a binary search, checked, else a scan. */
function indexOfRow(rows: readonly ConnectorRow[], row: ConnectorRow): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareRowNames(rows[mid]!, row);
    if (c === 0) {
      if (rows[mid] === row) return mid;
      break;
    }
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  const at = rows.indexOf(row);
  if (at < 0) throw new Error(`snapshot: ${row.name} is not a row of the previous snapshot`);
  return at;
}

/** The rows `prev` had too, in its order, then the new ones. */
function orderLikePrev(
  prev: ClusterSnapshot,
  entries: Map<string, KeptEntry>,
  rows: ConnectorRow[],
): ConnectorRow[] {
  const out: ConnectorRow[] = [];
  for (const r of prev.rows) {
    const entry = entries.get(r.name);
    if (entry !== undefined) out.push(entry.row);
  }
  for (const row of rows) if (!prev.byName.has(row.name)) out.push(row);
  return out;
}

/**
 * Names in the order Object.entries() lists them as keys of one object (array indices first,
 * ascending), which is the order listingFromExpanded() reports skipped connectors in.
 */
function objectKeyOrder(names: string[]): string[] {
  if (names.length < 2) return names;
  const o = Object.create(null) as Record<string, true>;
  for (const n of names) o[n] = true;
  return Object.keys(o);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
