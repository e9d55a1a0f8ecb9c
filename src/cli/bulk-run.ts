// `kcx delete|restart|pause|resume|stop [NAMES…|--match P]`: choose the targets (names, pattern, or
// the full-screen picker), show the plan, confirm, run with bounded concurrency and progress, and
// print what happened to each connector. Deletes go through the backup store first.
import type { ConnectClient } from '../connect/client.js';
import { BackupStoreError, BackupStore } from '../domain/backups.js';
import { batchSucceeded, type BulkOutcome, runBulk, summarise } from '../domain/bulk-runner.js';
import { compileMatcher } from '../domain/match.js';
import { deleteWithBackups } from '../domain/safe-delete.js';
import { auditWarning, type BulkCluster, openCluster } from './bulk-cluster.js';
import { keepStylesInTerminal } from './terminal-styles.js';
import { EXIT_ABORTED, EXIT_FAILED, EXIT_OK, ExitError, usageError } from './bulk-exit.js';
import { outcomeLines, PREVIEW_COUNT, ProgressLine, plural, targetRows, whereText } from './bulk-output.js';
import { describeState, loadTargets, selectByMatch, selectByNames, type Target } from './bulk-targets.js';
import { askConfirm } from './confirm-prompt.js';

export type BulkVerb = 'delete' | 'restart' | 'pause' | 'resume' | 'stop';

export const VERBS: Record<BulkVerb, { title: string; ing: string; ed: string }> = {
  delete: { title: 'Delete', ing: 'deleting', ed: 'deleted' },
  restart: { title: 'Restart', ing: 'restarting', ed: 'restarted' },
  pause: { title: 'Pause', ing: 'pausing', ed: 'paused' },
  resume: { title: 'Resume', ing: 'resuming', ed: 'resumed' },
  stop: { title: 'Stop', ing: 'stopping', ed: 'stopped' },
};

export interface BulkCommandOptions {
  context?: string;
  url?: string;
  readonly?: boolean;
  match?: string;
  yes?: boolean;
  dryRun?: boolean;
  concurrency: number;
  output: 'text' | 'json';
  includeTasks?: boolean;
  onlyFailed?: boolean;
}

export async function runBulkCommand(
  verb: BulkVerb,
  names: readonly string[],
  opts: BulkCommandOptions,
): Promise<number> {
  // Everything that can be checked without the cluster is checked first: bad usage sends nothing.
  if (names.length > 0 && opts.match !== undefined)
    throw usageError('give connector names or --match, not both');
  if (opts.match !== undefined) checkPattern(opts.match);
  const picking = names.length === 0 && opts.match === undefined;
  if (picking && !(process.stdin.isTTY && process.stdout.isTTY)) {
    throw usageError(
      `name the connectors to ${verb} or pass --match PATTERN; the picker (no names) needs a terminal`,
    );
  }
  if (!picking && !opts.yes && !opts.dryRun && !process.stdin.isTTY) {
    throw usageError(`refusing to ${verb} without confirmation: there is no terminal to ask on; pass --yes`);
  }

  const cluster = await openCluster(opts);
  try {
    return await runOnCluster(verb, names, opts, cluster, picking);
  } finally {
    await cluster.close();
    const warning = auditWarning(cluster);
    if (warning) process.stderr.write(`kcx: ${warning}\n`);
  }
}

async function runOnCluster(
  verb: BulkVerb,
  names: readonly string[],
  opts: BulkCommandOptions,
  cluster: BulkCluster,
  picking: boolean,
): Promise<number> {
  const { ctx, client } = cluster;
  const where = whereText(ctx);
  if (ctx.readonly && !opts.dryRun) {
    // Exit 1 like every other refused change (apply, offsets, logger set): the input was fine.
    throw new ExitError(`${where} is read-only: ${verb} refused; nothing was sent`, EXIT_FAILED);
  }
  const all = await loadTargets(client);
  await checkSupported(verb, opts, client, where);

  let targets: Target[];
  if (picking) {
    const picked = await pick(verb, all, opts, cluster);
    if (picked === undefined) throw new ExitError('aborted; nothing was sent', EXIT_ABORTED);
    targets = picked;
  } else if (opts.match !== undefined) {
    targets = selectByMatch(all, opts.match, where);
  } else {
    targets = selectByNames(all, names, where);
  }

  if (opts.dryRun) {
    printPlan(verb, targets, opts, cluster);
    return EXIT_OK;
  }
  if (!picking && !opts.yes) await confirmOrThrow(verb, targets, cluster);
  return execute(verb, targets, opts, cluster);
}

function checkPattern(pattern: string): void {
  try {
    compileMatcher(pattern);
  } catch (e) {
    throw usageError(`--match: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A version that lacks the action is told before anything is sent, not 404 per connector. */
async function checkSupported(
  verb: BulkVerb,
  opts: BulkCommandOptions,
  client: ConnectClient,
  where: string,
) {
  const caps = client.knownCapabilities ?? (await client.capabilities());
  const feature =
    verb === 'stop'
      ? 'stop'
      : verb === 'restart' && (opts.includeTasks || opts.onlyFailed)
        ? 'restart-tasks'
        : undefined;
  const reason = feature && caps.reason(feature);
  // `where` ends in its own parentheses (the URL): after a colon, not inside another pair.
  if (reason) throw usageError(`${reason}: ${where}; nothing was sent`);
}

async function pick(
  verb: BulkVerb,
  all: readonly Target[],
  opts: BulkCommandOptions,
  cluster: BulkCluster,
): Promise<Target[] | undefined> {
  if (all.length === 0) throw usageError(`no connectors on ${whereText(cluster.ctx)}; nothing to ${verb}`);
  // Ink and React load only here: named and --match runs never pay for them.
  keepStylesInTerminal();
  const { runPicker } = await import('../tui/picker/run-picker.js');
  const byName = new Map(all.map((t) => [t.name, t]));
  const confirm =
    opts.yes || opts.dryRun ? 'none' : verb === 'delete' && cluster.ctx.production ? 'type-name' : 'yes-no';
  const result = await runPicker({
    verb: VERBS[verb].title,
    items: all.map((t) => ({ name: t.name, state: describeState(t), rawState: t.state })),
    context: { name: cluster.ctx.name, url: cluster.ctx.url, production: cluster.ctx.production },
    confirm,
    note: verb === 'delete' ? `configs are saved first; undo with kcx undo` : undefined,
  });
  if (result.kind === 'aborted') return undefined;
  return result.names.map((n) => byName.get(n)!);
}

function printPlan(
  verb: BulkVerb,
  targets: readonly Target[],
  opts: BulkCommandOptions,
  cluster: BulkCluster,
) {
  const store = new BackupStore(cluster.stateDir);
  if (opts.output === 'json') {
    const plan = {
      dryRun: true,
      action: verb,
      context: cluster.ctx.name,
      url: cluster.ctx.url,
      targets: targets.map((t) => ({ name: t.name, state: t.state ?? null, failedTasks: t.failedTasks })),
      ...(verb === 'delete' ? { backupsDir: store.root } : {}),
    };
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    return;
  }
  const lines = [`Would ${verb} ${plural(targets.length, 'connector')} on ${whereText(cluster.ctx)}:`];
  lines.push(...targetRows(targets));
  if (verb === 'delete') lines.push(`Each config would be saved to ${store.root} before its delete.`);
  lines.push('Nothing was sent (--dry-run).');
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function confirmOrThrow(
  verb: BulkVerb,
  targets: readonly Target[],
  cluster: BulkCluster,
): Promise<void> {
  const { ctx } = cluster;
  const count = plural(targets.length, 'connector');
  const lines = [
    `${VERBS[verb].title} ${count} on ${whereText(ctx)}:`,
    ...targetRows(targets, PREVIEW_COUNT),
  ];
  if (verb === 'delete') {
    lines.push(`Each config is saved to ${new BackupStore(cluster.stateDir).root} first (undo: kcx undo).`);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
  const typeName = verb === 'delete' && ctx.production;
  const answer = typeName
    ? await askConfirm(`${ctx.name} is a PRODUCTION context. Type its name to ${verb} ${count}: `, {
        typeToConfirm: ctx.name,
      })
    : await askConfirm(`${VERBS[verb].title} ${count}? [y/N] `);
  if (answer === 'aborted') throw new ExitError('aborted; nothing was sent', EXIT_ABORTED);
  if (answer === 'no') {
    throw new ExitError(
      typeName ? 'the name did not match; nothing was sent' : 'cancelled; nothing was sent',
      EXIT_FAILED,
    );
  }
}

async function execute(
  verb: BulkVerb,
  targets: readonly Target[],
  opts: BulkCommandOptions,
  cluster: BulkCluster,
): Promise<number> {
  const { client, ctx, audit } = cluster;
  const progress = new ProgressLine(VERBS[verb].ing);
  const stop = new AbortController();
  // First Ctrl-C: send nothing more, let requests in flight finish, report. Second: leave at once.
  const onSigint = () => {
    if (stop.signal.aborted) process.exit(EXIT_ABORTED);
    stop.abort();
    progress.end();
    process.stderr.write('kcx: stopping — nothing more will be sent (Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', onSigint);
  const onProgress = (done: number, total: number) => progress.update(done, total);
  let outcomes: BulkOutcome[];
  let batch: { id: string; dir: string; warning?: string } | undefined;
  try {
    progress.update(0, targets.length);
    if (verb === 'delete') {
      const result = await deleteWithBackups(client, targets, {
        store: new BackupStore(cluster.stateDir),
        context: ctx.name,
        url: ctx.url,
        concurrency: opts.concurrency,
        signal: stop.signal,
        onProgress,
        onConfig: (_name, config) => audit.noteSecrets(config),
        onBackedUp: (name, file) => audit.noteBackup(name, file),
      });
      outcomes = result.outcomes;
      batch = { id: result.batchId, dir: result.dir, ...(result.warning ? { warning: result.warning } : {}) };
    } else {
      outcomes = await runBulk(
        targets.map((t) => t.name),
        (name) => act(verb, client, name, opts),
        { concurrency: opts.concurrency, signal: stop.signal, onProgress },
      );
    }
  } catch (e) {
    if (e instanceof BackupStoreError) throw new ExitError(e.message, EXIT_FAILED);
    throw e;
  } finally {
    progress.end();
    process.off('SIGINT', onSigint);
  }

  const summary = `${summarise(VERBS[verb].ed, outcomes)} on ${whereText(ctx)}`;
  if (opts.output === 'json') {
    const report = {
      action: verb,
      context: ctx.name,
      url: ctx.url,
      ...(batch ? { batch } : {}),
      summary,
      outcomes,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines = [...outcomeLines(outcomes), summary];
    if (batch) {
      lines.push(`Backups: ${batch.dir}`);
      lines.push(
        `Undo:    kcx undo ${batch.id} --context ${shellQuote(ctx.name)} --url ${shellQuote(ctx.url)}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (batch?.warning) process.stderr.write(`kcx: warning: ${batch.warning}\n`);
  if (stop.signal.aborted) return EXIT_ABORTED;
  return batchSucceeded(outcomes) ? EXIT_OK : EXIT_FAILED;
}

function act(
  verb: Exclude<BulkVerb, 'delete'>,
  client: ConnectClient,
  name: string,
  opts: BulkCommandOptions,
) {
  switch (verb) {
    case 'restart':
      return client.restartConnector(name, {
        ...(opts.includeTasks ? { includeTasks: true } : {}),
        ...(opts.onlyFailed ? { onlyFailed: true } : {}),
      });
    case 'pause':
      return client.pauseConnector(name);
    case 'resume':
      return client.resumeConnector(name);
    case 'stop':
      return client.stopConnector(name);
  }
}

/** Quotes for a POSIX shell only when needed, so the printed undo command can be pasted. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}
