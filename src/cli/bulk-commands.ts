// `kcx delete|restart|pause|resume|stop|undo`: registered here so the bulk-action work can grow
// without touching the rest of the command table. The command bodies load on use.
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { BulkCommandOptions, BulkVerb } from './bulk-run.js';
import type { UndoOptions } from './undo-command.js';
import { runWithExitCode } from './bulk-exit.js';

function concurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new InvalidArgumentError('must be a whole number from 1 to 64');
  return n;
}

const DESCRIPTIONS: Record<BulkVerb, string> = {
  delete: 'Delete connectors (each config is saved first; kcx undo brings them back)',
  restart: 'Restart connectors (optionally with their tasks, or only what failed)',
  pause: 'Pause connectors',
  resume: 'Resume paused or stopped connectors',
  stop: 'Stop connectors (Kafka Connect 3.5+): tasks are shut down and removed',
};

const EXAMPLES: Record<BulkVerb, string> = {
  delete:
    "kcx delete                         # pick in a full-screen fuzzy list\n  kcx delete orders-sink 'legacy/crm-sync'\n  kcx delete --match 'demo-*' --yes\n  kcx delete --match '/^tmp-\\d+$/' --dry-run",
  restart: "kcx restart --match '*-sink' --include-tasks --only-failed --yes",
  pause: "kcx pause --match 'billing-*'",
  resume: "kcx resume --match 'billing-*' --yes",
  stop: 'kcx stop orders-sink',
};

function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--context <name>', 'context from the contexts file (default $KCX_CONTEXT, else the current one)')
    .option('--url <url>', 'Kafka Connect REST URL (default $KCX_URL)')
    .option('--dry-run', 'print what would be done and send nothing')
    .option('--concurrency <n>', 'requests in flight at once', concurrency, 8)
    .addOption(
      new Option('-o, --output <format>', 'result format').choices(['text', 'json']).default('text'),
    );
}

export function registerBulkCommands(program: Command): void {
  for (const verb of Object.keys(DESCRIPTIONS) as BulkVerb[]) {
    const cmd = program
      .command(verb)
      .description(DESCRIPTIONS[verb])
      .argument('[names...]', 'connector names (none: pick them in a full-screen list)')
      .option('--match <pattern>', "glob ('demo-*', 'sink-?') or /regex/ over connector names")
      .option('-y, --yes', 'do not ask for confirmation (needed when there is no terminal)');
    addTargetOptions(cmd);
    if (verb === 'restart') {
      cmd
        .option('--include-tasks', "restart the connectors' tasks too (Connect 3.0+)")
        .option('--only-failed', 'restart only the failed connector and task instances (Connect 3.0+)');
    }
    cmd.addHelpText(
      'after',
      `\nExamples:\n  ${EXAMPLES[verb]}\n\nExit codes: 0 all done (connectors already gone count as done), 1 something failed or was declined,\n2 bad usage (nothing sent), 130 aborted (Esc / Ctrl-C).`,
    );
    cmd.action(async (names: string[], _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<BulkCommandOptions>();
      await runWithExitCode(async () => {
        const { runBulkCommand } = await import('./bulk-run.js');
        return runBulkCommand(verb, names, opts);
      });
    });
  }

  const undo = program
    .command('undo')
    .description(
      'Re-create the connectors of a delete batch from their saved configs (default: the last batch)',
    )
    .argument('[batch]', 'batch id or unique prefix, as shown by --list')
    .option('--list', 'list the saved delete batches, newest first');
  addTargetOptions(undo);
  undo.addHelpText(
    'after',
    '\nExamples:\n  kcx undo --list\n  kcx undo                 # the newest batch taken on the target cluster\n  kcx undo 20250612-1015\n\nA connector that exists again is reported and never overwritten.',
  );
  undo.action(async (batch: string | undefined, _opts: unknown, command: Command) => {
    const opts = command.optsWithGlobals<UndoOptions>();
    await runWithExitCode(async () => {
      const { runUndoCommand } = await import('./undo-command.js');
      return runUndoCommand(batch, opts);
    });
  });
}
