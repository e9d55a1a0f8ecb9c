// `kcx ctx`, `kcx completion` and the hidden `kcx __complete` the completion scripts call.
import type { Command } from 'commander';
import { runCommand } from '../failure.js';
import type { OutputFormat } from '../output/formats.js';
import { addTargetOptions, targetOptions } from '../target-options.js';
import { examples, outputOption } from './shared.js';

export function registerCtxCommands(program: Command): void {
  const ctx = examples(
    program.command('ctx').description('Manage contexts: named clusters with their URL, auth, TLS and flags'),
    [
      'kcx ctx add prod --url https://connect.prod:8083 --username ops --password-env KCX_PROD_PASSWORD --production --readonly',
      'kcx ctx add dev --url http://localhost:8083 --use',
      'kcx ctx list',
      'kcx ctx use prod',
      'kcx ctx show',
    ],
  ).addHelpText(
    'after',
    '\nThe contexts live in contexts.yaml in the config directory ($KCX_CONFIG_DIR, else $XDG_CONFIG_HOME/kcx or ~/.config/kcx).\nSecrets are never taken from the command line: name an environment variable or a file that holds them.\n',
  );

  examples(
    ctx
      .command('list')
      .alias('ls')
      .description('List the contexts; * marks the current one')
      .addOption(outputOption(['table', 'json', 'yaml', 'name'])),
    ['kcx ctx list', 'kcx ctx list -o name'],
  ).action(async (opts: { output: OutputFormat }) =>
    runCommand(async () => {
      const { ctxList } = await import('../commands/ctx.js');
      const { processOut } = await import('../commands/common.js');
      return ctxList(opts.output, processOut());
    }),
  );

  examples(ctx.command('use').description('Make a context the current one').argument('<name>'), [
    'kcx ctx use staging',
  ]).action(async (name: string) =>
    runCommand(async () => {
      const { ctxUse } = await import('../commands/ctx.js');
      const { processOut } = await import('../commands/common.js');
      return ctxUse(name, processOut());
    }),
  );

  examples(
    ctx
      .command('add')
      .description('Add (or with --force replace) a context')
      .argument('<name>')
      .requiredOption('--url <url>', 'Kafka Connect REST URL')
      .option('--auth <type>', 'basic or bearer (implied by the options below)')
      .option('--username <user>', 'basic auth user')
      .option('--password-env <var>', 'basic auth: the environment variable that holds the password')
      .option('--password-file <file>', 'basic auth: the file that holds the password')
      .option('--token-env <var>', 'bearer auth: the environment variable that holds the token')
      .option('--token-file <file>', 'bearer auth: the file that holds the token')
      .option('--ca-file <file>', 'PEM file with the CA(s) that signed the worker certificate')
      .option('--cert-file <file>', 'client certificate (PEM) for mutual TLS')
      .option('--key-file <file>', 'client key (PEM) for mutual TLS')
      .option('--insecure', 'do not verify the worker certificate (throwaway clusters only)')
      .option(
        '--proxy <url>',
        'HTTP(S) proxy for this context, or none (default: HTTP_PROXY / HTTPS_PROXY / NO_PROXY)',
      )
      .option('--readonly', 'refuse every change through this context')
      .option('--production', 'mark as production (shown in red)')
      .option(
        '--colour <colour>',
        'header colour: red, green, yellow, blue, magenta, cyan, white, gray or #rrggbb',
      )
      .option('--use', 'make it the current context')
      .option('--force', 'replace a context of the same name'),
    [
      'kcx ctx add local --url http://localhost:8083',
      'kcx ctx add prod --url https://connect.prod:8083 --username ops --password-env KCX_PROD_PASSWORD \\',
      '    --ca-file ~/certs/corp-ca.pem --production --readonly --colour red',
      'kcx ctx add cloud --url https://connect.example.com --token-file ~/.config/kcx/cloud.token',
      'kcx ctx add dc2 --url http://connect.dc2.internal:8083 --proxy http://proxy.dc2.internal:3128',
    ],
  ).action(async (name: string, opts: Record<string, string | boolean | undefined>) =>
    runCommand(async () => {
      const { ctxAdd } = await import('../commands/ctx.js');
      const { processOut } = await import('../commands/common.js');
      return ctxAdd(name, opts, processOut());
    }),
  );

  examples(ctx.command('remove').alias('rm').description('Remove a context').argument('<name>'), [
    'kcx ctx remove old-staging',
  ]).action(async (name: string) =>
    runCommand(async () => {
      const { ctxRemove } = await import('../commands/ctx.js');
      const { processOut } = await import('../commands/common.js');
      return ctxRemove(name, processOut());
    }),
  );

  examples(
    addTargetOptions(
      ctx
        .command('show')
        .description('Show a context (default: the one commands would use now) without its secrets')
        .argument('[name]')
        .addOption(outputOption(['table', 'json', 'yaml'])),
    ),
    ['kcx ctx show', 'kcx ctx show prod -o json', 'KCX_CONTEXT=staging kcx ctx show'],
  ).action(async (name: string | undefined, opts: { output: OutputFormat }, cmd: Command) =>
    runCommand(async () => {
      const { ctxShow } = await import('../commands/ctx.js');
      const { processOut } = await import('../commands/common.js');
      return ctxShow(name, targetOptions(cmd), opts.output, processOut());
    }),
  );

  examples(
    program
      .command('completion')
      .description('Print a shell completion script (subcommands, options, connector and context names)')
      .argument('<shell>', 'bash or zsh'),
    [
      'kcx completion bash > ~/.local/share/bash-completion/completions/kcx',
      'source <(kcx completion bash)      # or this, in ~/.bashrc',
      'source <(kcx completion zsh)       # in ~/.zshrc',
    ],
  ).action(async (shell: string) =>
    runCommand(async () => {
      const { UsageError } = await import('../failure.js');
      const { bashScript, completionModel, zshScript } = await import('../commands/completion.js');
      if (shell !== 'bash' && shell !== 'zsh')
        throw new UsageError(`completion: unknown shell ${shell} (bash or zsh)`);
      const model = completionModel(program);
      process.stdout.write(shell === 'bash' ? bashScript(model) : zshScript(model));
      return 0;
    }),
  );

  addTargetOptions(program.command('__complete', { hidden: true }).argument('<kind>')).action(
    async (kind: string, _opts: unknown, cmd: Command) => {
      const { completionNames } = await import('../commands/complete.js');
      const names = await completionNames(kind, targetOptions(cmd));
      if (names.length > 0) process.stdout.write(`${names.join('\n')}\n`);
    },
  );
}
