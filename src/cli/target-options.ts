// `--context`, `--url` and `--readonly` on every command. Kept free of the client so that parsing
// the command line (and `--help`) does not load the HTTP stack.
import type { Command } from 'commander';
import type { TargetOptions } from '../config/resolve.js';

export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--context <name>', 'context from the contexts file (default $KCX_CONTEXT, else current-context)')
    .option('--url <url>', 'Kafka Connect REST URL, overriding the context (default $KCX_URL)')
    .option('--readonly', 'refuse every change to the cluster');
}

/**
 * The target options given anywhere on the command line: `kcx --context a get …` and
 * `kcx get … --context a` both work; the one closest to the subcommand wins.
 */
export function targetOptions(cmd: Command): TargetOptions {
  const chain: Command[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) chain.unshift(c);
  const out: TargetOptions = {};
  for (const c of chain) {
    const o = c.opts<TargetOptions>();
    if (o.context !== undefined) out.context = o.context;
    if (o.url !== undefined) out.url = o.url;
    if (o.readonly === true) out.readonly = true;
  }
  return out;
}
