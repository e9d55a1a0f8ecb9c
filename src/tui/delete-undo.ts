// Delete with backups and `u` undo in the console: each config is written and synced to the state
// directory before its DELETE (no backup, no delete), and the last batch of this cluster can be
// re-created — a connector that exists again is reported, never overwritten.
import { describeError } from '../connect/errors.js';
import { BackupStoreError } from '../domain/backups.js';
import type { BulkOutcome } from '../domain/bulk-runner.js';
import { localTime } from '../domain/format.js';
import { tildePath } from '../domain/home-path.js';
import { planRestore, restoreConnectors, summariseRestore } from '../domain/restore-batch.js';
import { deleteWithBackups } from '../domain/safe-delete.js';
import type { ClusterSnapshot } from '../domain/snapshot.js';
import type { Dialog } from './components/DialogHost.js';
import type { Services } from './services.js';

interface Deps {
  services: Services;
  notice(tone: 'info' | 'ok' | 'warn' | 'error', text: string): void;
  report(
    verb: { ing: string; ed: string },
    names: string[],
    outcomes: BulkOutcome[],
    note?: string,
  ): string[];
  setDialog(dialog: Dialog | undefined): void;
  follow(names: string[], done: (snapshot: ClusterSnapshot, name: string) => boolean): Promise<boolean>;
}

export function deleteUndoActions({ services, notice, report, setDialog, follow }: Deps) {
  const { client, context, backups, audit, poller } = services;

  const deleteTargets = async (names: string[]) => {
    notice('info', `saving configs and deleting 0/${names.length}…`);
    try {
      const result = await deleteWithBackups(
        client,
        names.map((name) => {
          const state = poller.state.snapshot?.byName.get(name)?.state;
          return state ? { name, state } : { name };
        }),
        {
          store: backups,
          context: context.name,
          url: client.url,
          concurrency: 8,
          onProgress: (done, total) => notice('info', `deleting ${done}/${total}…`),
          ...(audit
            ? {
                onConfig: (_n: string, c: Parameters<typeof audit.noteSecrets>[0]) => audit.noteSecrets(c),
                onBackedUp: (n: string, f: string) => audit.noteBackup(n, f),
              }
            : {}),
        },
      );
      const ok = report(
        { ing: 'deleting', ed: 'deleted' },
        names,
        result.outcomes,
        ` · u undoes (batch ${result.batchId})`,
      );
      if (result.warning) notice('warn', result.warning);
      await follow(ok, (s, n) => !s.byName.has(n));
    } catch (e) {
      const why = e instanceof BackupStoreError ? e.message : describeError(e);
      notice('error', `nothing deleted: ${why}`);
      setDialog({
        kind: 'message',
        title: 'Nothing was deleted',
        lines: [
          why,
          'kcx deletes only after the config is saved; fix the state directory (or set KCX_STATE_DIR).',
        ],
      });
    }
  };

  const undoLast = async () => {
    let plan: Awaited<ReturnType<typeof planRestore>>;
    try {
      // The newest batch of this cluster that was not undone yet.
      const latest = (await backups.list()).find((b) => b.url === client.url && !b.undoneAt);
      if (!latest) {
        notice('info', `nothing to undo: no deleted batch from ${client.url} in ${tildePath(backups.root)}`);
        return;
      }
      plan = await planRestore(backups, latest.id);
    } catch (e) {
      notice('error', `cannot read the backups in ${tildePath(backups.root)}: ${describeError(e)}`);
      return;
    }
    const names = plan.toCreate.map((c) => c.name);
    if (names.length === 0) {
      notice('info', `batch ${plan.batch.id} has nothing to re-create`);
      return;
    }
    setDialog({
      kind: 'confirm',
      title: `Re-create ${names.length} connector(s) deleted ${localTime(plan.batch.createdAt)} on ${context.name}?`,
      lines: [
        ...names.slice(0, 10).map((n) => `  ${n}`),
        ...(names.length > 10 ? [`  +${names.length - 10} more`] : []),
        ...plan.skipped.slice(0, 3).map((s) => `  (not ${s.name}: ${s.reason})`),
        'A connector that exists again is reported, not overwritten.',
      ],
      confirmLabel: 'Re-create',
      onConfirm: () =>
        void (async () => {
          notice('info', `re-creating 0/${names.length}…`);
          const outcomes = await restoreConnectors(client, plan.toCreate, {
            concurrency: 8,
            onProgress: (done, total) => notice('info', `re-creating ${done}/${total}…`),
          });
          const failed = outcomes.filter((o) => !o.ok);
          if (failed.length === 0) await backups.markUndone(plan.batch.id).catch(() => undefined);
          notice(failed.length === 0 ? 'ok' : 'error', `${summariseRestore(outcomes)} on ${context.name}`);
          setDialog({
            kind: 'results',
            title: `${summariseRestore(outcomes)} — batch ${plan.batch.id}`,
            outcomes,
          });
          await follow(
            outcomes.filter((o) => o.ok).map((o) => o.name),
            (s, n) => s.byName.has(n),
          );
        })(),
    });
  };

  return { deleteTargets, undoLast };
}
