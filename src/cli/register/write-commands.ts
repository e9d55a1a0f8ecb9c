// `kcx apply`, `kcx export`, `kcx validate`, `kcx offsets`: configs and offsets from and to files.
import type { Command } from 'commander';
import { runCommand } from '../failure.js';
import type { OutputFormat } from '../output/formats.js';
import { addTargetOptions } from '../target-options.js';
import { collect, examples, outputOption, span } from './shared.js';

interface ApplyCliOptions {
  file: string[];
  dryRun?: boolean;
  diff?: boolean;
  continueOnError?: boolean;
}

export function registerWriteCommands(program: Command): void {
  examples(
    addTargetOptions(
      program
        .command('apply')
        .description('Create or update connectors from JSON, YAML or .properties files (validated first)')
        .requiredOption(
          '-f, --file <path>',
          'a file, a directory of config files, or - for stdin (repeatable)',
          collect,
        )
        .option('--dry-run', 'validate and show the diff against the live configs; change nothing')
        .option('--diff', 'show the changed keys (secrets masked) while applying')
        .option(
          '--continue-on-error',
          'apply every valid connector even if other files or connectors are invalid or fail (exit 1 then)',
        ),
    ),
    [
      'kcx apply -f connectors/                 # every .json/.yaml/.yml/.properties file in it',
      'kcx apply -f orders.yaml --dry-run       # validation and diff only',
      'kcx apply -f a.json -f b.properties --diff',
      'kcx export orders-sink | kcx apply -f - --context staging',
      'kcx apply -f connectors/ --continue-on-error   # apply the good ones, report the bad ones',
      '',
      'Without --continue-on-error one unreadable file or invalid connector means nothing is applied',
      '(exit 2 for a bad file, 1 for an invalid config). With it, each invalid connector, unreadable',
      'file or failed request is reported and skipped, the rest is applied; exit 1 if any was skipped.',
      '',
      'YAML files may hold many connectors and shared settings:',
      '  defaults: {tasks.max: "2", key.converter: org.apache.kafka.connect.json.JsonConverter}',
      '  connectors:',
      '    - name: orders-sink',
      '      config: {connector.class: FileStreamSink, topics: orders, file: /tmp/orders.txt}',
    ],
  ).action(async (opts: ApplyCliOptions, cmd: Command) =>
    runCommand(async () => {
      const { loadConnectorSpecs, loadConnectorSpecsKeepingGoing } = await import('../config-sources.js');
      const { runApply } = await import('../commands/apply.js');
      const { processOut } = await import('../commands/common.js');
      const { withAuditedTarget } = await import('../target.js');
      // Files first: a bad file is reported before any request (and ends the command unless told
      // to keep going).
      const input = opts.continueOnError
        ? await loadConnectorSpecsKeepingGoing(opts.file)
        : { specs: await loadConnectorSpecs(opts.file) };
      return withAuditedTarget(cmd, ({ client, ctx, audit }) => {
        // An error text quoting a secret of these configs must not reach the audit log.
        for (const s of input.specs) audit.noteSecrets(s.config);
        return runApply(client, ctx, input, opts, processOut());
      });
    }),
  );

  examples(
    addTargetOptions(
      program
        .command('export')
        .description('Write connector configs to files that kcx apply accepts (values in clear: a backup)')
        .argument('[names...]', 'connectors to export (default: all)')
        .option('--match <pattern>', 'connectors whose names match a glob or /regex/')
        .addOption(outputOption(['yaml', 'json'], 'yaml'))
        .option('--dir <dir>', 'one file per connector in this directory (mode 0600), instead of stdout'),
    ),
    [
      'kcx export > all-connectors.yaml',
      "kcx export --match 'orders-*' --dir backup/",
      'kcx export orders-sink -o json',
      'kcx export --dir backup/ && kcx apply -f backup/ --dry-run   # reports everything unchanged',
    ],
  ).action(
    async (names: string[], opts: { output: 'yaml' | 'json'; dir?: string; match?: string }, cmd: Command) =>
      runCommand(async () => {
        const { runExport } = await import('../commands/export.js');
        const { processOut } = await import('../commands/common.js');
        const { withTarget } = await import('../target.js');
        return withTarget(cmd, ({ client, ctx }) => runExport(client, ctx, names, opts, processOut()));
      }),
  );

  examples(
    addTargetOptions(
      program
        .command('validate')
        .description('Validate connector config files against their plugins; change nothing')
        .requiredOption('-f, --file <path>', 'a file, a directory, or - for stdin (repeatable)', collect)
        .addOption(outputOption(['table', 'json', 'yaml'])),
    ),
    ['kcx validate -f orders.yaml', 'kcx validate -f connectors/ -o json'],
  ).action(async (opts: { file: string[]; output: OutputFormat }, cmd: Command) =>
    runCommand(async () => {
      const { loadConnectorSpecs } = await import('../config-sources.js');
      const { runValidate } = await import('../commands/validate.js');
      const { processOut } = await import('../commands/common.js');
      const { withTarget } = await import('../target.js');
      const specs = await loadConnectorSpecs(opts.file);
      return withTarget(cmd, ({ client }) => runValidate(client, specs, opts.output, processOut()));
    }),
  );

  registerOffsets(program);
}

interface ChangeCliOptions {
  yes?: boolean;
  resume?: boolean;
  timeout: number;
}

function registerOffsets(program: Command): void {
  const offsets = examples(
    program
      .command('offsets')
      .description("View, alter or reset a connector's offsets (Kafka Connect 3.5+ / 3.6+)"),
    [
      'kcx offsets get orders-source -o json > offsets.json',
      'kcx offsets alter orders-source -f offsets.json --resume',
      'kcx offsets reset orders-sink --yes',
    ],
  );
  examples(
    addTargetOptions(
      offsets
        .command('get')
        .description("Print a connector's committed offsets")
        .argument('<name>', 'connector name')
        .addOption(outputOption(['table', 'json', 'yaml'])),
    ),
    ['kcx offsets get orders-source', 'kcx offsets get orders-source -o json > offsets.json'],
  ).action(async (name: string, opts: { output: 'table' | 'json' | 'yaml' }, cmd: Command) =>
    runCommand(async () => {
      const { offsetsGet } = await import('../commands/offsets.js');
      const { processOut } = await import('../commands/common.js');
      const { withTarget } = await import('../target.js');
      return withTarget(cmd, ({ client }) => offsetsGet(client, name, opts.output, processOut()));
    }),
  );
  const changeOptions = (cmd: Command) =>
    addTargetOptions(
      cmd
        .option('-y, --yes', 'do not ask before stopping the connector (for scripts)')
        .option('--resume', 'resume the connector afterwards')
        .option('--timeout <duration>', 'how long to wait for the connector to stop', span, 30_000),
    );
  examples(
    changeOptions(
      offsets
        .command('alter')
        .description('Set offsets from a JSON file (stops the connector first if needed, after a confirm)')
        .argument('<name>', 'connector name')
        .requiredOption(
          '-f, --file <path>',
          'offsets JSON: {"offsets": [{"partition": {…}, "offset": {…}}]}, or -',
        ),
    ),
    [
      'kcx offsets alter orders-source -f offsets.json',
      'kcx offsets alter orders-source -f offsets.json --yes --resume --timeout 1m',
    ],
  ).action(async (name: string, opts: ChangeCliOptions & { file: string }, cmd: Command) =>
    runCommand(async () => {
      const { loadOffsets } = await import('../config-sources.js');
      const { offsetsChange } = await import('../commands/offsets.js');
      const { processOut } = await import('../commands/common.js');
      const { withAuditedTarget } = await import('../target.js');
      // The file first: a bad one is reported before anything is stopped.
      const list = await loadOffsets(opts.file);
      return withAuditedTarget(cmd, ({ client, ctx }) =>
        offsetsChange(
          client,
          ctx,
          name,
          { kind: 'alter', offsets: list },
          { ...opts, timeoutMs: opts.timeout },
          processOut(),
        ),
      );
    }),
  );
  examples(
    changeOptions(
      offsets
        .command('reset')
        .description("Reset all of a connector's offsets (confirmed; stops the connector first if needed)")
        .argument('<name>', 'connector name'),
    ),
    ['kcx offsets reset orders-sink', 'kcx offsets reset orders-sink --yes --resume'],
  ).action(async (name: string, opts: ChangeCliOptions, cmd: Command) =>
    runCommand(async () => {
      const { offsetsChange } = await import('../commands/offsets.js');
      const { processOut } = await import('../commands/common.js');
      const { withAuditedTarget } = await import('../target.js');
      return withAuditedTarget(cmd, ({ client, ctx }) =>
        offsetsChange(
          client,
          ctx,
          name,
          { kind: 'reset' },
          { ...opts, timeoutMs: opts.timeout },
          processOut(),
        ),
      );
    }),
  );
}
