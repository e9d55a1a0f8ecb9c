// `kcx get`, `kcx describe`, `kcx plugins`: reading the cluster. Implementations load on demand.
import type { Command } from 'commander';
import { runCommand, UsageError } from '../failure.js';
import type { OutputFormat } from '../output/formats.js';
import { addTargetOptions } from '../target-options.js';
import { examples, outputOption } from './shared.js';

interface GetCliOptions {
  output: OutputFormat;
  state?: string;
  match?: string;
  all?: boolean;
}

async function get(cmd: Command, resource: string, names: string[], opts: GetCliOptions): Promise<number> {
  const { parseResource, runGet } = await import('../commands/get.js');
  const { processOut } = await import('../commands/common.js');
  const { withTarget } = await import('../target.js');
  const r = parseResource(resource);
  return withTarget(cmd, ({ client }) => runGet(client, r, names, opts, processOut()));
}

export function registerReadCommands(program: Command): void {
  examples(
    addTargetOptions(
      program
        .command('get')
        .description('List connectors, tasks, plugins, workers, topics or loggers')
        .argument('<resource>', 'connectors | tasks | plugins | workers | topics | loggers')
        .argument('[names...]', 'only these (connector names for tasks and topics)')
        .addOption(outputOption())
        .option(
          '--state <states>',
          'connectors/tasks in these states, comma-separated (RUNNING, FAILED, DEGRADED, …)',
        )
        .option('--match <pattern>', 'names matching a glob (demo-*) or /regex/')
        .option('--all', 'plugins: every kind (converters, transforms, …), not only connectors'),
    ),
    [
      'kcx get connectors',
      'kcx get connectors --state FAILED -o name | xargs kcx restart --yes',
      "kcx get tasks --match 'orders-*' -o wide",
      'kcx get plugins --all -o json',
      'kcx get topics --context prod',
      "kcx get loggers --match 'org.apache.kafka.connect.*'   # change one: kcx logger set NAME DEBUG",
    ],
  ).action(async (resource: string, names: string[], opts: GetCliOptions, cmd: Command) =>
    runCommand(() => get(cmd, resource, names, opts)),
  );

  examples(
    addTargetOptions(
      program
        .command('describe')
        .description('Show a connector (status, tasks, traces, topics, masked config) or a plugin')
        .usage('[options] NAME | plugin CLASS')
        .argument('<args...>', 'a connector name, or "plugin" and a plugin class')
        .addOption(outputOption(['table', 'json', 'yaml', 'name'])),
    ),
    [
      'kcx describe orders-sink',
      "kcx describe 'orders sink (eu)' -o yaml",
      'kcx describe plugin io.confluent.connect.jdbc.JdbcSinkConnector',
      'kcx describe plugin JdbcSink          # a short name works when it is unambiguous',
    ],
  ).action(async (args: string[], opts: { output: OutputFormat }, cmd: Command) =>
    runCommand(async () => {
      const [first, second, ...rest] = args;
      const kind =
        second !== undefined && ['plugin', 'plugins', 'connector', 'connectors'].includes(first ?? '');
      if (rest.length > 0 || (second !== undefined && !kind)) {
        throw new UsageError('describe takes one connector name (quote names with spaces), or plugin CLASS');
      }
      const { describeConnector, describePlugin } = await import('../commands/describe.js');
      const { processOut } = await import('../commands/common.js');
      const { withTarget } = await import('../target.js');
      return withTarget(cmd, ({ client }) =>
        kind && first?.startsWith('plugin')
          ? describePlugin(client, second as string, opts, processOut())
          : describeConnector(client, (kind ? second : first) as string, opts, processOut()),
      );
    }),
  );

  examples(
    addTargetOptions(
      program
        .command('plugins')
        .description('List the installed plugins (same as kcx get plugins)')
        .addOption(outputOption())
        .option('--match <pattern>', 'classes matching a glob or /regex/')
        .option('--all', 'every kind (converters, transforms, …), not only connectors'),
    ),
    ['kcx plugins', "kcx plugins --all --match '*Transform*'", 'kcx describe plugin FileStreamSink'],
  ).action(async (opts: GetCliOptions, cmd: Command) => runCommand(() => get(cmd, 'plugins', [], opts)));
}
