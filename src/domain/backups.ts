// Delete backups: before a connector is deleted its full config is written and synced here, so that
// `kcx undo` (and `u` in the console) can re-create it. One directory per batch (one bulk action):
//
//   <state dir>/backups/<batch id>/batch.json         when, which context and URL, per-connector results
//   <state dir>/backups/<batch id>/0001-<name>.json   one connector: name, config, state, saved at
//
// Batch ids start with the UTC time, so they sort oldest → newest. Files are owner-only: configs
// carry passwords. Old batches are pruned when a new one starts: more than KEEP_BATCHES newer ones,
// or older than MAX_AGE_DAYS.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectorConfig, ConnectorState } from '../connect/types.js';
import { makeDirDurably, writeFileDurably } from './durable-write.js';

export const KEEP_BATCHES = 50;
export const MAX_AGE_DAYS = 30;
const DAY_MS = 86_400_000;
const META_FILE = 'batch.json';

export type BatchAction = 'delete';
/** What happened to a backed-up connector's delete. */
export type SavedResult = 'deleted' | 'gone' | 'failed' | 'not-sent';

export interface BatchMeta {
  version: 1;
  id: string;
  action: BatchAction;
  /** ISO time the batch started. */
  createdAt: string;
  context: string;
  url: string;
  /** 'in-progress' if kcx stopped before finishing: then every saved connector is a candidate for undo. */
  status: 'in-progress' | 'finished';
  finishedAt?: string;
  /** By connector name, once finished. */
  results?: Record<string, SavedResult>;
  /** ISO time of the last undo of this batch. */
  undoneAt?: string;
}

export interface BatchSummary extends BatchMeta {
  dir: string;
  /** Connectors whose config was saved. */
  saved: number;
  /** Connectors whose delete went through (all saved ones while the batch is in progress). */
  deleted: number;
}

export interface SavedConnector {
  name: string;
  config: ConnectorConfig;
  /** The connector's state when it was deleted, so undo can bring it back PAUSED or STOPPED. */
  state?: ConnectorState;
  savedAt: string;
  /** Where it is on disk. */
  file: string;
}

/** The state directory cannot take backups; deletes must not go ahead. */
export class BackupStoreError extends Error {
  override readonly name = 'BackupStoreError';
}

export interface BackupStoreOptions {
  keepBatches?: number;
  maxAgeDays?: number;
  now?: () => Date;
  /** How files are written; tests inject failures here. Default: write, fsync, rename, fsync dir. */
  write?: (file: string, data: string) => Promise<void>;
}

export class BackupStore {
  readonly root: string;
  private readonly keepBatches: number;
  private readonly maxAgeMs: number;
  private readonly now: () => Date;
  private readonly write: (file: string, data: string) => Promise<void>;

  /** `stateDir` is the kcx state directory (`stateDir()` from config/paths). */
  constructor(stateDir: string, options: BackupStoreOptions = {}) {
    this.root = join(stateDir, 'backups');
    this.keepBatches = Math.max(1, options.keepBatches ?? KEEP_BATCHES);
    this.maxAgeMs = (options.maxAgeDays ?? MAX_AGE_DAYS) * DAY_MS;
    this.now = options.now ?? (() => new Date());
    this.write = options.write ?? writeFileDurably;
  }

  /**
   * Creates the batch directory and its batch.json (synced), then prunes old batches. Throws a
   * BackupStoreError naming the directory when it cannot be written: nothing may be deleted then.
   */
  async beginBatch(info: {
    context: string;
    url: string;
    action?: BatchAction;
    /** The batch's targets in order: their files sort the same way, whatever order they finish in. */
    names?: readonly string[];
  }): Promise<BackupBatch> {
    const created = this.now();
    const id = batchId(created);
    const dir = join(this.root, id);
    const meta: BatchMeta = {
      version: 1,
      id,
      action: info.action ?? 'delete',
      createdAt: created.toISOString(),
      context: info.context,
      url: info.url,
      status: 'in-progress',
    };
    try {
      await makeDirDurably(dir);
      await this.write(join(dir, META_FILE), json(meta));
    } catch (e) {
      throw new BackupStoreError(
        `cannot write delete backups to ${this.root}: ${reason(e)} — no connector was deleted; make the ` +
          'directory writable or point KCX_STATE_DIR at one that is',
      );
    }
    // Pruning is housekeeping: a failure to remove an old batch must not block this one.
    await this.prune(id).catch(() => []);
    return new BackupBatch(meta, dir, this.write, this.now, info.names ?? []);
  }

  /** Every readable batch, newest first. */
  async list(): Promise<BatchSummary[]> {
    let ids: string[];
    try {
      ids = (await readdir(this.root, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const summaries = await Promise.all(ids.map((id) => this.summary(id).catch(() => undefined)));
    return summaries
      .filter((s): s is BatchSummary => s !== undefined)
      .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  /** The newest batch, or the newest taken on `url` (what `u` in the console and `kcx undo` restore). */
  async latest(url?: string): Promise<BatchSummary | undefined> {
    return (await this.list()).find((b) => url === undefined || b.url === url);
  }

  /** A batch by id or unique id prefix; throws a message listing what was meant to be typed. */
  async get(idOrPrefix: string): Promise<BatchSummary> {
    const all = await this.list();
    const exact = all.find((b) => b.id === idOrPrefix);
    if (exact) return exact;
    const matches = all.filter((b) => b.id.startsWith(idOrPrefix));
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0)
      throw new Error(`no backup batch ${idOrPrefix} in ${this.root} (see kcx undo --list)`);
    throw new Error(
      `${idOrPrefix} matches ${matches.length} backup batches: ${matches.map((b) => b.id).join(', ')}`,
    );
  }

  /** The saved connectors of a batch, in the order they were saved. */
  async connectors(id: string): Promise<SavedConnector[]> {
    const dir = join(this.root, id);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== META_FILE).sort();
    const saved: SavedConnector[] = [];
    for (const f of files) {
      const file = join(dir, f);
      const body = JSON.parse(await readFile(file, 'utf8')) as Omit<SavedConnector, 'file'>;
      saved.push({ ...body, file });
    }
    return saved;
  }

  async markUndone(id: string): Promise<void> {
    const dir = join(this.root, id);
    const meta = await readMeta(dir);
    await this.write(join(dir, META_FILE), json({ ...meta, undoneAt: this.now().toISOString() }));
  }

  /**
   * Removes batches beyond the newest `keepBatches`, and those older than `maxAgeDays`; never
   * `keepId` (the batch being written). Returns the removed ids.
   */
  async prune(keepId?: string): Promise<string[]> {
    const all = await this.list();
    const cutoff = this.now().getTime() - this.maxAgeMs;
    const removed: string[] = [];
    for (const [i, b] of all.entries()) {
      if (b.id === keepId) continue;
      const tooMany = i >= this.keepBatches;
      const tooOld = Date.parse(b.createdAt) < cutoff;
      if (!tooMany && !tooOld) continue;
      await rm(b.dir, { recursive: true, force: true });
      removed.push(b.id);
    }
    return removed;
  }

  private async summary(id: string): Promise<BatchSummary> {
    const dir = join(this.root, id);
    const meta = await readMeta(dir);
    const saved = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== META_FILE).length;
    const deleted =
      meta.status === 'finished' && meta.results
        ? Object.values(meta.results).filter((r) => r === 'deleted').length
        : saved;
    return { ...meta, dir, saved, deleted };
  }
}

/** One bulk delete's backups. `save` before each delete; `finish` once the batch is over. */
export class BackupBatch {
  private readonly order = new Map<string, number>();
  private readonly used = new Set<number>();
  private next: number;

  constructor(
    private meta: BatchMeta,
    readonly dir: string,
    private readonly write: (file: string, data: string) => Promise<void>,
    private readonly now: () => Date,
    names: readonly string[],
  ) {
    names.forEach((n, i) => {
      if (!this.order.has(n)) this.order.set(n, i + 1);
    });
    this.next = names.length + 1;
  }

  get id(): string {
    return this.meta.id;
  }

  /** Writes and syncs one connector's backup; resolves with its path only once it is on disk. */
  async save(name: string, config: ConnectorConfig, state?: ConnectorState): Promise<string> {
    let seq = this.order.get(name);
    if (seq === undefined || this.used.has(seq)) seq = this.next++;
    this.used.add(seq);
    const file = join(this.dir, `${String(seq).padStart(4, '0')}-${fileSafe(name)}.json`);
    const body = { name, config, ...(state ? { state } : {}), savedAt: this.now().toISOString() };
    await this.write(file, json(body));
    return file;
  }

  async finish(results: Record<string, SavedResult>): Promise<void> {
    this.meta = { ...this.meta, status: 'finished', finishedAt: this.now().toISOString(), results };
    await this.write(join(this.dir, META_FILE), json(this.meta));
  }
}

async function readMeta(dir: string): Promise<BatchMeta> {
  const meta = JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as BatchMeta;
  if (meta.version !== 1 || typeof meta.id !== 'string') throw new Error(`not a kcx backup batch: ${dir}`);
  return meta;
}

/** `20250612-101530-123-k3f9`: UTC time to the millisecond, then a random tail against clashes. */
export function batchId(at: Date): string {
  const iso = at.toISOString(); // 2025-06-12T10:15:30.123Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}`;
  return `${stamp}-${Math.random().toString(36).slice(2, 6).padEnd(4, '0')}`;
}

/**
 * A readable file name for any connector name (`/`, `%`, spaces, Hangul, emoji): percent-encoded,
 * cut to stay well under the 255-byte limit. The sequence prefix keeps names that differ only in
 * case, or only after the cut, apart; the real name is inside the file.
 */
function fileSafe(name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /[!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const cut = encoded.slice(0, 180);
  // Do not leave half of a %XX escape at the end.
  return cut.replace(/%[0-9A-F]?$/, '') || '_';
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code) return `${err.code}${err.path ? ` (${err.path})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}
