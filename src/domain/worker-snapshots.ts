// The console's snapshot source: the listing is fetched on this thread (the client keeps auth, TLS,
// timeouts and its error messages) but parsed, built and diffed in a worker thread, which sends back
// only the rows that changed. If the worker cannot start or dies (out of memory on a huge cluster,
// say), polling goes on in process, from the same snapshot.
import { Worker } from 'node:worker_threads';
import type { RawListing } from '../connect/client.js';
import type { ConnectorListing } from '../connect/listing.js';
import { listingFromBody } from '../connect/listing.js';
import type { ClusterSnapshot } from './snapshot.js';
import { applyDelta, DeltaMismatchError, type SnapshotDelta } from './snapshot-delta.js';
import { digestListing, type PollResult, type SnapshotSource } from './snapshot-source.js';
import type { DigestReply, DigestRequest } from './snapshot-worker-protocol.js';

export interface RawListingSource {
  listConnectorsRaw(): Promise<RawListing>;
  listFallback(names: string[]): Promise<ConnectorListing>;
}

export interface WorkerSnapshotsOptions {
  /** The worker's code (a CommonJS bundle of snapshot-worker.ts), run with `eval`. */
  code: string;
  /**
   * Heap cap for the worker, MB (default from the first listing's size): it collects its garbage
   * sooner, and running out ends the worker, not the console, which then polls in process.
   */
  maxHeapMb?: number;
  /** Told once when the worker fails and polling moves in process. */
  onFallback?: (reason: string) => void;
}

/** Omit over each member of a union (TypeScript's Omit would merge them). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<DigestRequest>;

export class WorkerSnapshots implements SnapshotSource {
  private worker?: Worker;
  private failed = false;
  private closed = false;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (reply: DigestReply) => void; reject: (e: Error) => void }
  >();

  constructor(
    private readonly client: RawListingSource,
    private readonly options: WorkerSnapshotsOptions,
  ) {}

  async next(prev: ClusterSnapshot | undefined, now: () => number): Promise<PollResult> {
    const raw = await this.client.listConnectorsRaw();
    if (this.closed) throw new Error('snapshot source closed');
    const worker = this.failed ? undefined : this.start(raw.kind === 'raw' ? raw.bytes.byteLength : 0);
    if (!worker) return this.inProcess(prev, raw, now());
    const reset = prev === undefined;
    let reply =
      raw.kind === 'raw'
        ? await this.askOrFail(
            { kind: 'raw', bytes: ownBuffer(raw.bytes), contentType: raw.contentType, now: now(), reset },
            true,
          )
        : await this.askOrFail({ kind: 'listing', listing: raw.listing, now: now(), reset });
    if (reply?.kind === 'names') {
      const listing = await this.client.listFallback(reply.names);
      reply = await this.askOrFail({ kind: 'listing', listing, now: now(), reset });
    }
    // The worker died with the request, and the bytes went with it: poll again, in process.
    if (reply === undefined) {
      if (this.closed) throw new Error('snapshot source closed');
      return this.next(prev, now);
    }
    if (reply.kind === 'bad' && raw.kind === 'raw') throw raw.badBody(reply.detail, reply.snippet);
    if (reply.kind !== 'delta')
      throw new Error(`snapshot worker: ${reply.kind === 'error' ? reply.message : reply.kind}`);
    return { snapshot: await this.apply(prev, reply.delta), diff: reply.delta.diff };
  }

  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.closed = true;
    this.failed = true;
    void worker?.terminate();
    for (const waiter of this.waiting.values()) waiter.reject(new Error('snapshot worker closed'));
    this.waiting.clear();
  }

  private async apply(prev: ClusterSnapshot | undefined, delta: SnapshotDelta): Promise<ClusterSnapshot> {
    try {
      return applyDelta(prev, delta);
    } catch (e) {
      if (!(e instanceof DeltaMismatchError)) throw e;
      // Out of step (should not happen): take the worker's whole snapshot instead.
      const whole = await this.ask({ kind: 'whole' });
      if (whole.kind !== 'delta') throw e;
      return applyDelta(undefined, whole.delta);
    }
  }

  private async inProcess(
    prev: ClusterSnapshot | undefined,
    raw: RawListing,
    now: number,
  ): Promise<PollResult> {
    if (raw.kind === 'listing') return digestListing(prev, raw.listing, now);
    const body = listingFromBody(raw.bytes, raw.contentType);
    if (body.kind === 'bad') throw raw.badBody(body.detail, body.snippet);
    const listing = body.kind === 'names' ? await this.client.listFallback(body.names) : body.listing;
    return digestListing(prev, listing, now);
  }

  /** Started with the first listing, whose size sets the heap cap: a parsed listing takes about 4× its bytes. */
  private start(listingBytes: number): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const maxHeapMb = this.options.maxHeapMb ?? Math.max(64, Math.ceil((listingBytes / 1048576) * 6));
      const worker = new Worker(this.options.code, {
        eval: true,
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 4 },
        // Its output would land in the middle of the console's screen: read and dropped.
        stdout: true,
        stderr: true,
      });
      // Unref'd, streams included, so that the worker never keeps kcx from exiting.
      worker.unref();
      for (const stream of [worker.stdout, worker.stderr]) {
        stream.resume();
        (stream as unknown as { unref?: () => void }).unref?.();
      }
      worker.on('message', (reply: DigestReply) => {
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        waiter?.resolve(reply);
      });
      worker.on('error', (e) => this.fail(e.message));
      worker.on('exit', (code) => {
        if (this.worker === worker) this.fail(`exited with code ${code}`);
      });
      this.worker = worker;
      return worker;
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }

  /** ask(), or undefined when the worker failed meanwhile (it is then marked failed). */
  private async askOrFail(request: Request, transfer = false): Promise<DigestReply | undefined> {
    try {
      return await this.ask(request, transfer);
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }

  private ask(request: Request, transfer = false): Promise<DigestReply> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('snapshot worker is not running'));
    const id = this.nextId++;
    const message = { ...request, id } as DigestRequest;
    return new Promise<DigestReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      try {
        worker.postMessage(message, transfer && message.kind === 'raw' ? [message.bytes] : []);
      } catch (e) {
        this.waiting.delete(id);
        reject(e);
      }
    });
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    for (const waiter of this.waiting.values()) waiter.reject(new Error(`snapshot worker failed: ${reason}`));
    this.waiting.clear();
    this.options.onFallback?.(reason);
  }
}

/** The bytes as a buffer of their own, which can be transferred without taking anything else along. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
}
