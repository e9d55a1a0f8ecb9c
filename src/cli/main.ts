// kcx entry point: argv → a command. Heavy modules load only when their command runs.
import { Command, InvalidArgumentError } from 'commander';
import { registerBulkCommands } from './bulk-commands.js';
import { parseDuration } from './duration.js';
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

const program = new Command()
  .name('kcx')
  .description('A keyboard-driven terminal console for Apache Kafka Connect')
  .version(VERSION, '-V, --version')
  .showHelpAfterError()
  // Subcommands own their options (`kcx emulator --version 2.7.1` is the emulated version).
  .enablePositionalOptions()
  .option('--url <url>', 'Kafka Connect REST URL (default $KCX_URL, else http://localhost:8083)')
  .option('--context <name>', 'name shown for this cluster (default $KCX_CONTEXT, else the host)')
  .option('--readonly', 'disable every mutating key')
  .option('--refresh <duration>', 'refresh interval, e.g. 2s or 500ms', duration, 2000)
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

registerBulkCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`kcx: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
