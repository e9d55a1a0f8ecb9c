// kcx entry point: argv → a command. Heavy modules load only when their command runs.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { registerBulkCommands } from './bulk-commands.js';
import { parseDuration } from './duration.js';
import { EXIT_FAILED, EXIT_USAGE } from './failure.js';
import { registerCtxCommands } from './register/ctx-commands.js';
import { registerLoggerCommands } from './register/logger-commands.js';
import { registerReadCommands } from './register/read-commands.js';
import { registerWriteCommands } from './register/write-commands.js';
import { VERSION } from './version.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

function duration(value: string): number {
  try {
    return parseDuration(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

// `kcx get … | head` closes the pipe early: that is the reader's choice, not a failure to report.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command()
  .name('kcx')
  .description('A keyboard-driven terminal console for Apache Kafka Connect')
  .version(VERSION, '-V, --version')
  // One line pointing at --help, not the whole help text after every typo.
  .showHelpAfterError('(kcx COMMAND --help shows the usage and examples)')
  // Subcommands own their options (`kcx emulator --version 2.7.1` is the emulated version).
  .enablePositionalOptions()
  .option('--context <name>', 'context from the contexts file (default $KCX_CONTEXT, else current-context)')
  .option(
    '--url <url>',
    'Kafka Connect REST URL (default $KCX_URL, else the context, else http://localhost:8083)',
  )
  .option('--readonly', 'disable every mutating key')
  .option('--refresh <duration>', 'refresh interval, e.g. 2s or 500ms', duration, 2000)
  .option(
    '--timeout <duration>',
    'give up on a request to the cluster after this long (default 30s)',
    duration,
  )
  .action(async (opts) => {
    const { runTuiCommand } = await import('./tui-command.js');
    await runTuiCommand(opts);
  });

program
  .command('emulator')
  .description('Run the built-in Kafka Connect emulator as a standalone HTTP server')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--port <port>', 'port to listen on (0 = any free port)', positiveInt, 8083)
  .option('--connectors <n>', 'demo connectors to seed', positiveInt, 0)
  .option('--version <v>', 'Kafka Connect version to emulate (e.g. 2.7.1, 3.9.0, 7.9.0-ccs)', '4.0.0')
  .option('--workers <n>', 'simulated workers', positiveInt, 3)
  .option('--seed <n>', 'random seed for demo data', positiveInt, 42)
  .option('--start-delay <ms>', 'time for a change to show in statuses', positiveInt, 400)
  .addHelpText(
    'after',
    '\nExamples:\n  kcx emulator --connectors 300\n  kcx emulator --port 18083 --version 2.7.1 --connectors 50\n\nFault injection: POST /__emulator/faults, /__emulator/latency, /__emulator/down, /__emulator/rebalance (see README).',
  )
  .action(async (opts) => {
    const { runEmulatorCommand } = await import('./emulator-command.js');
    await runEmulatorCommand(opts);
  });

program
  .command('demo')
  .description('The console on a built-in demo cluster (a few hundred connectors, some failing)')
  .option('--connectors <n>', 'demo connectors to seed', positiveInt, 300)
  .option('--port <port>', 'port for the demo cluster (0 = any free port)', positiveInt, 0)
  .option('--version <v>', 'Kafka Connect version to emulate', '4.0.0')
  .option('--refresh <duration>', 'refresh interval', duration, 2000)
  .option('--readonly', 'disable every mutating key')
  .action(async (opts) => {
    const { runDemoCommand } = await import('./tui-command.js');
    await runDemoCommand(opts);
  });

registerReadCommands(program);
registerWriteCommands(program);
registerLoggerCommands(program);
registerCtxCommands(program);
registerBulkCommands(program);

program.addHelpText(
  'after',
  `
Examples:
  kcx                                   the console on the current context
  kcx demo                              the console on a built-in demo cluster
  kcx get connectors --state FAILED     what is broken
  kcx describe orders-sink              status, tasks, traces, topics, masked config
  kcx apply -f connectors/ --dry-run    validate and diff config files against the cluster
  kcx logger set io.debezium DEBUG      a logger's level on the worker (--scope cluster: all, 3.7+)
  kcx ctx add prod --url https://connect.prod:8083 --password-env PW --username ops --readonly

Contexts: contexts.yaml in $KCX_CONFIG_DIR (else the XDG config directory); see kcx ctx --help.
Exit codes: 0 success, 1 an operation failed, 2 bad usage or bad input.`,
);

// Usage errors exit 2 (commander's own default is 1); help and --version exit 0. Every command gets
// the override, including those added with addCommand(), which do not inherit it.
const throwInstead = (err: CommanderError) => {
  throw err;
};
const overrideExits = (cmd: Command): void => {
  cmd.exitOverride(throwInstead);
  for (const sub of cmd.commands) overrideExits(sub);
};
overrideExits(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    // commander has already printed the message (and the help after it).
    process.exitCode = err.exitCode === 0 ? 0 : err.code === 'commander.error' ? err.exitCode : EXIT_USAGE;
    return;
  }
  process.stderr.write(`kcx: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = EXIT_FAILED;
});
