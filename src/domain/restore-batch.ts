// Undo of a delete batch: POST every saved config back. POST /connectors never replaces an existing
// connector (409 "already exists"), so a connector that exists again by now — re-created by someone,
// or never deleted — is reported and left exactly as it is.
import { isConflict } from '../connect/errors.js';
import type { ConnectorConfig, ConnectorState, InitialState } from '../connect/types.js';
import type { Capabilities } from '../connect/version.js';
import type { BackupStore, BatchSummary, SavedConnector } from './backups.js';
import { type BulkOutcome, isBatchFatal, runBulk } from './bulk-runner.js';

/** The client calls an undo needs (a ConnectClient has them all). */
export interface RestoreClient {
  capabilities(): Promise<Capabilities>;
  createConnector(
    name: string,
    config: ConnectorConfig,
    options?: { initialState?: InitialState },
  ): Promise<unknown>;
  pauseConnector(name: string): Promise<void>;
  stopConnector(name: string): Promise<void>;
}

export interface RestoreOutcome extends BulkOutcome {
  /** It existed already: reported, not overwritten, and not a failure. */
  exists?: boolean;
}

export interface RestorePlan {
  batch: BatchSummary;
  /** What undo will POST back. */
  toCreate: SavedConnector[];
  /** Saved but not re-created, with why (already gone when deleted, delete never sent). */
  skipped: { name: string; reason: string }[];
}

export interface RestoreOptions {
  concurrency?: number;
  onProgress?: (done: number, total: number, last: RestoreOutcome) => void;
  signal?: AbortSignal;
  /** A saved config is about to be sent (the audit trail learns its secret values from it). */
  onConfig?: (name: string, config: ConnectorConfig) => void;
}

/** Which saved connectors of the batch an undo re-creates. */
export async function planRestore(store: BackupStore, batchId: string): Promise<RestorePlan> {
  const batch = await store.get(batchId);
  const saved = await store.connectors(batch.id);
  const toCreate: SavedConnector[] = [];
  const skipped: RestorePlan['skipped'] = [];
  for (const s of saved) {
    // An unfinished batch (kcx was killed) has no results: every saved connector is a candidate.
    const result = batch.status === 'finished' ? batch.results?.[s.name] : undefined;
    if (result === 'gone')
      skipped.push({ name: s.name, reason: 'someone else deleted it before this batch did' });
    else if (result === 'not-sent') skipped.push({ name: s.name, reason: 'its delete was never sent' });
    else toCreate.push(s);
  }
  return { batch, toCreate, skipped };
}

export async function restoreConnectors(
  client: RestoreClient,
  saved: readonly SavedConnector[],
  options: RestoreOptions = {},
): Promise<RestoreOutcome[]> {
  const caps = await client.capabilities();
  const byName = new Map(saved.map((s) => [s.name, s]));
  const existed = new Set<string>();
  const restoreOne = async (name: string): Promise<{ detail?: string }> => {
    const s = byName.get(name)!;
    options.onConfig?.(name, s.config);
    const initial = initialStateFor(s.state);
    const direct = initial === undefined || caps.supports('initial-state');
    try {
      await client.createConnector(name, s.config, direct && initial ? { initialState: initial } : {});
    } catch (e) {
      if (!isConflict(e) || !/already exists/i.test(e.connectMessage ?? '')) throw e;
      existed.add(name);
      return { detail: 'exists, not overwritten' };
    }
    if (direct) return initial ? { detail: `re-created ${initial}` } : {};
    // Older than 3.7: created RUNNING, then brought to its state as soon as possible.
    if (initial === 'STOPPED' && caps.supports('stop')) {
      await client.stopConnector(name);
      return { detail: 're-created, then stopped (this cluster cannot create it stopped)' };
    }
    await client.pauseConnector(name);
    return { detail: `re-created, then paused (was ${initial}; this cluster cannot create it so)` };
  };
  const outcomes = await runBulk(
    saved.map((s) => s.name),
    restoreOne,
    {
      concurrency: options.concurrency,
      signal: options.signal,
      stopOn: isBatchFatal,
      onProgress: (done, total, last) => options.onProgress?.(done, total, mark(last)),
    },
  );
  return outcomes.map(mark);

  function mark(o: BulkOutcome): RestoreOutcome {
    return existed.has(o.name) ? { ...o, exists: true } : o;
  }
}

function initialStateFor(state: ConnectorState | undefined): InitialState | undefined {
  if (state === 'PAUSED') return 'PAUSED';
  if (state === 'STOPPED') return 'STOPPED';
  return undefined;
}

export function summariseRestore(outcomes: readonly RestoreOutcome[]): string {
  const created = outcomes.filter((o) => o.ok && !o.exists).length;
  const exists = outcomes.filter((o) => o.exists).length;
  const failed = outcomes.filter((o) => !o.ok).length;
  const parts = [`re-created ${created}/${outcomes.length}`];
  if (exists > 0) parts.push(`${exists} existed already (not overwritten)`);
  if (failed > 0) parts.push(`${failed} failed`);
  return parts.join(', ');
}
