// Delete with a way back: for each connector, read its config, write it durably to the batch's
// backup directory, and only then send the DELETE. A connector whose backup cannot be written is
// not deleted. Used by `kcx delete` and the console's Ctrl-D alike.
import { describeError, isNotFound } from '../connect/errors.js';
import type { ConnectorConfig, ConnectorState, ConnectorStateInfo } from '../connect/types.js';
import type { BackupStore, SavedResult } from './backups.js';
import { type BulkOutcome, isBatchFatal, runBulk } from './bulk-runner.js';

/** The client calls a safe delete needs (a ConnectClient has them all). */
export interface SafeDeleteClient {
  connectorConfig(name: string): Promise<ConnectorConfig>;
  connectorStatus(name: string): Promise<ConnectorStateInfo>;
  deleteConnector(name: string): Promise<void>;
}

/** A connector to delete, with its state when the caller already knows it (saves a request). */
export interface DeleteTarget {
  name: string;
  state?: ConnectorState;
}

export interface SafeDeleteOptions {
  store: BackupStore;
  /** Recorded in the batch, so undo knows which cluster it belongs to. */
  context: string;
  url: string;
  concurrency?: number;
  onProgress?: (done: number, total: number, last: DeleteOutcome) => void;
  /** Stops sending deletes; those in flight finish. */
  signal?: AbortSignal;
  /** A connector's config was read (the audit trail learns its secret values from it). */
  onConfig?: (name: string, config: ConnectorConfig) => void;
  /** A backup is on disk and its DELETE is about to be sent (the audit trail logs the file with it). */
  onBackedUp?: (name: string, file: string) => void;
}

export interface DeleteOutcome extends BulkOutcome {
  /** The backup file, when the config was saved (whatever happened to the delete after). */
  backup?: string;
}

export interface SafeDeleteResult {
  batchId: string;
  /** The batch's backup directory. */
  dir: string;
  outcomes: DeleteOutcome[];
  /** Set when the batch's closing record could not be written (the backups themselves are safe). */
  warning?: string;
}

/** A step before the DELETE failed, so the DELETE was not sent. */
class NotDeletedError extends Error {
  override readonly name = 'NotDeletedError';
}

/**
 * Deletes the targets, each only after its config is on disk. Throws a BackupStoreError (and sends
 * nothing) when the state directory cannot take the batch at all.
 */
export async function deleteWithBackups(
  client: SafeDeleteClient,
  targets: readonly (DeleteTarget | string)[],
  options: SafeDeleteOptions,
): Promise<SafeDeleteResult> {
  const list = targets.map((t) => (typeof t === 'string' ? { name: t } : t));
  const batch = await options.store.beginBatch({
    context: options.context,
    url: options.url,
    names: list.map((t) => t.name),
  });
  const backups = new Map<string, string>();
  const states = new Map(list.map((t) => [t.name, t.state]));

  const deleteOne = async (name: string) => {
    let config: ConnectorConfig;
    try {
      config = await client.connectorConfig(name);
    } catch (e) {
      // A 404 means someone else deleted it first: runBulk reports it as gone.
      if (isNotFound(e)) throw e;
      throw new NotDeletedError(`not deleted: its config could not be read: ${describeError(e)}`, {
        cause: e,
      });
    }
    options.onConfig?.(name, config);
    const state = states.get(name) ?? (await currentState(client, name));
    let file: string;
    try {
      file = await batch.save(name, config, state);
    } catch (e) {
      throw new NotDeletedError(
        `not deleted: its backup could not be written to ${batch.dir} (${reason(e)})`,
      );
    }
    backups.set(name, file);
    options.onBackedUp?.(name, file);
    await client.deleteConnector(name);
  };

  const outcomes: DeleteOutcome[] = (
    await runBulk(
      list.map((t) => t.name),
      deleteOne,
      {
        concurrency: options.concurrency,
        signal: options.signal,
        stopOn: (e) => isBatchFatal(e instanceof NotDeletedError ? e.cause : e),
        onProgress: (done, total, last) => options.onProgress?.(done, total, withBackup(last, backups)),
      },
    )
  ).map((o) => withBackup(o, backups));

  let warning: string | undefined;
  try {
    await batch.finish(Object.fromEntries(outcomes.map((o) => [o.name, savedResult(o)])));
  } catch (e) {
    warning = `could not record the batch's results in ${batch.dir} (${reason(e)}); undo will try every saved connector`;
  }
  return { batchId: batch.id, dir: batch.dir, outcomes, ...(warning ? { warning } : {}) };
}

/** The state to bring it back in; unknown (re-created RUNNING) if the status cannot be read. */
async function currentState(client: SafeDeleteClient, name: string): Promise<ConnectorState | undefined> {
  try {
    return (await client.connectorStatus(name)).connector.state;
  } catch {
    return undefined;
  }
}

function withBackup(o: BulkOutcome, backups: ReadonlyMap<string, string>): DeleteOutcome {
  const file = backups.get(o.name);
  return file ? { ...o, backup: file } : o;
}

function savedResult(o: DeleteOutcome): SavedResult {
  if (o.ok) return 'deleted';
  if (o.gone) return 'gone';
  if (o.notSent || !o.backup) return 'not-sent';
  return 'failed';
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ?? (e instanceof Error ? e.message : String(e));
}
