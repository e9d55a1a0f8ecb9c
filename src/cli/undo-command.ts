// `kcx undo [BATCH] [--list]`: re-create the connectors a delete batch removed, from the configs
// saved before each delete. Without BATCH, the newest batch taken on the target cluster. A batch is
// only ever restored onto the cluster (URL) it was taken from.
import { stateDir } from '../config/paths.js';
import { BackupStore, type BatchSummary } from '../domain/backups.js';
import { planRestore, restoreConnectors, summariseRestore } from '../domain/restore-batch.js';
import { auditWarning, openCluster } from './bulk-cluster.js';
import { EXIT_ABORTED, EXIT_FAILED, EXIT_OK, ExitError, usageError } from './bulk-exit.js';
import { outcomeLines, ProgressLine, plural, whereText } from './bulk-output.js';
import { shellQuote } from './bulk-run.js';

export interface UndoOptions {
  context?: string;
  url?: string;
  readonly?: boolean;
  list?: boolean;
  dryRun?: boolean;
  concurrency: number;
  output: 'text' | 'json';
}

export async function runUndoCommand(batchArg: string | undefined, opts: UndoOptions): Promise<number> {
  if (opts.list) return listBatches(new BackupStore(stateDir()), opts.output);

  const cluster = await openCluster(opts);
  try {
    const { ctx, client, audit } = cluster;
    const store = new BackupStore(cluster.stateDir);
    const batch = await chooseBatch(store, batchArg, ctx);
    const where = whereText(ctx);
    if (ctx.readonly && !opts.dryRun)
      throw new ExitError(`${where} is read-only: undo refused; nothing was sent`, EXIT_FAILED);
    const plan = await planRestore(store, batch.id);
    const skippedLines = plan.skipped.map((s) => `  – ${s.name}  skipped: ${s.reason}`);

    if (opts.dryRun) {
      const lines = [
        `Would re-create ${plural(plan.toCreate.length, 'connector')} of batch ${batch.id} (deleted ${batch.createdAt}) on ${where}:`,
        ...plan.toCreate.map((s) => `  ${s.name}${s.state && s.state !== 'RUNNING' ? `  (${s.state})` : ''}`),
        ...skippedLines,
        'Existing connectors are never overwritten. Nothing was sent (--dry-run).',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return EXIT_OK;
    }

    const progress = new ProgressLine('re-creating');
    const stop = new AbortController();
    const onSigint = () => {
      if (stop.signal.aborted) process.exit(EXIT_ABORTED);
      stop.abort();
    };
    process.on('SIGINT', onSigint);
    let outcomes: Awaited<ReturnType<typeof restoreConnectors>>;
    try {
      outcomes = await restoreConnectors(client, plan.toCreate, {
        concurrency: opts.concurrency,
        signal: stop.signal,
        onProgress: (done, total) => progress.update(done, total),
        onConfig: (_name, config) => audit.noteSecrets(config),
      });
    } finally {
      progress.end();
      process.off('SIGINT', onSigint);
    }
    if (outcomes.some((o) => o.ok)) await store.markUndone(batch.id).catch(() => {});

    const summary = `${summariseRestore(outcomes)} from batch ${batch.id} on ${where}`;
    if (opts.output === 'json') {
      const report = {
        batch: batch.id,
        context: ctx.name,
        url: ctx.url,
        summary,
        outcomes,
        skipped: plan.skipped,
      };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(`${[...outcomeLines(outcomes), ...skippedLines, summary].join('\n')}\n`);
    }
    if (stop.signal.aborted) return EXIT_ABORTED;
    return outcomes.every((o) => o.ok) ? EXIT_OK : EXIT_FAILED;
  } finally {
    await cluster.close();
    const warning = auditWarning(cluster);
    if (warning) process.stderr.write(`kcx: ${warning}\n`);
  }
}

/** The named batch, or the newest one of this cluster; never a batch of another cluster. */
async function chooseBatch(
  store: BackupStore,
  batchArg: string | undefined,
  ctx: { name: string; url: string },
): Promise<BatchSummary> {
  if (batchArg !== undefined) {
    let batch: BatchSummary;
    try {
      batch = await store.get(batchArg);
    } catch (e) {
      throw usageError(e instanceof Error ? e.message : String(e));
    }
    if (batch.url !== ctx.url) {
      throw usageError(
        `batch ${batch.id} was taken on context ${batch.context} (${batch.url}), not ${ctx.url}; to restore it there: ${undoCommand(batch)}`,
      );
    }
    return batch;
  }
  const mine = await store.latest(ctx.url);
  if (mine) return mine;
  const last = await store.latest();
  if (!last) throw usageError(`no delete backups in ${store.root}; nothing to undo`);
  throw usageError(
    `no delete batch for ${whereText({ ...ctx, production: false })}; the newest is ${last.id} on context ${last.context} (${last.url}): ${undoCommand(last)}`,
  );
}

function undoCommand(b: BatchSummary): string {
  return `kcx undo ${b.id} --context ${shellQuote(b.context)} --url ${shellQuote(b.url)}`;
}

async function listBatches(store: BackupStore, output: 'text' | 'json'): Promise<number> {
  const all = await store.list();
  if (output === 'json') {
    process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
    return EXIT_OK;
  }
  if (all.length === 0) {
    process.stdout.write(`No delete backups in ${store.root}.\n`);
    return EXIT_OK;
  }
  const rows = [
    ['BATCH', 'DELETED AT (UTC)', 'CONTEXT', 'DELETED', 'SAVED', 'UNDONE', 'URL'],
    ...all.map((b) => [
      b.id,
      b.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ''),
      b.context,
      `${b.deleted}${b.status === 'in-progress' ? '?' : ''}`,
      String(b.saved),
      b.undoneAt ? b.undoneAt.replace('T', ' ').replace(/\.\d+Z$/, '') : '-',
      b.url,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const text = rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
  process.stdout.write(
    `${text.join('\n')}\nBackups in ${store.root}; newest first. kcx undo BATCH re-creates one.\n`,
  );
  return EXIT_OK;
}
