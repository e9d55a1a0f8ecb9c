// `kcx offsets get|alter|reset NAME`: the safe replacement for producing records into
// connect-offsets by hand. Altering or resetting needs the connector STOPPED (Connect 3.6+); if it
// is not, kcx asks, stops it, waits until the worker reports STOPPED, applies, prints Connect's own
// message, and with --resume resumes it.
import type { ConnectClient } from '../../connect/client.js';
import type { ConnectorOffset, ConnectorState } from '../../connect/types.js';
import type { ResolvedContext } from '../../config/resolve.js';
import { askConfirm } from '../confirm-prompt.js';
import { CommandExit, EXIT_FAILED, UsageError, refuseReadOnly } from '../failure.js';
import { isStructured, renderStructured } from '../output/format.js';
import { renderTable } from '../output/table.js';
import type { Out } from './common.js';

export async function offsetsGet(
  client: ConnectClient,
  name: string,
  output: 'table' | 'json' | 'yaml',
  out: Out,
): Promise<number> {
  await client.capabilities();
  const body = await client.offsets(name);
  if (isStructured(output)) {
    out.write(renderStructured(body, output));
    return 0;
  }
  if (body.offsets.length === 0) {
    out.warn(`connector ${name} has no committed offsets`);
    return 0;
  }
  out.write(
    renderTable(
      [
        { header: 'PARTITION', value: (o: ConnectorOffset) => JSON.stringify(o.partition), flex: true },
        { header: 'OFFSET', value: (o: ConnectorOffset) => JSON.stringify(o.offset), flex: true },
      ],
      body.offsets,
      out.table,
    ),
  );
  return 0;
}

export interface ChangeOptions {
  yes?: boolean;
  resume?: boolean;
  /** How long to wait for STOPPED, ms. */
  timeoutMs: number;
  /** Status polling while waiting, ms. */
  pollMs?: number;
}

export type OffsetsChange = { kind: 'alter'; offsets: ConnectorOffset[] } | { kind: 'reset' };

export async function offsetsChange(
  client: ConnectClient,
  ctx: ResolvedContext,
  name: string,
  change: OffsetsChange,
  opts: ChangeOptions,
  out: Out,
): Promise<number> {
  refuseReadOnly(ctx);
  // Learn the version first, so an old cluster says "needs 3.6" before anything is stopped.
  const caps = await client.capabilities();
  const feature = change.kind === 'alter' ? 'offsets-alter' : 'offsets-reset';
  const unsupported = caps.reason(feature) ?? caps.reason('stop');
  if (unsupported) throw new CommandExit(`[${ctx.name}] ${unsupported}`, EXIT_FAILED);

  const state = (await client.connectorStatus(name)).connector.state;
  const verb = change.kind === 'alter' ? 'alter the offsets of' : 'reset the offsets of';
  const mustStop = state !== 'STOPPED';
  // A reset loses the connector's position: it is always confirmed. An alter only when it stops.
  if ((mustStop || change.kind === 'reset') && !opts.yes) {
    const stopNote = mustStop ? ` It is ${state}: it will be stopped first.` : '';
    await confirmOrExit(`${capitalise(verb)} ${name} on context ${ctx.name}?${stopNote} [y/N] `);
  }
  if (mustStop) {
    await client.stopConnector(name);
    out.write(`stopping ${name}…\n`);
    await waitForState(client, name, 'STOPPED', opts.timeoutMs, opts.pollMs ?? 250);
    out.write(`${name} is STOPPED\n`);
  }
  const resumeHint = `kcx resume ${quoteArg(name)} --context ${quoteArg(ctx.name)}`;
  let result: { message: string };
  try {
    result =
      change.kind === 'alter'
        ? await client.alterOffsets(name, change.offsets)
        : await client.resetOffsets(name);
  } catch (e) {
    // kcx stopped it: say so, or the operator is left with a stopped connector and only an error.
    // It is not resumed even with --resume, so the offsets can be fixed and retried while stopped.
    if (mustStop) out.warn(`${name} was stopped by kcx and stays STOPPED; resume it with: ${resumeHint}`);
    throw e;
  }
  out.write(`${result.message}\n`);
  if (opts.resume) {
    await client.resumeConnector(name);
    out.write(`resumed ${name}\n`);
  } else if (mustStop) {
    out.write(`${name} stays STOPPED; resume it with: ${resumeHint}\n`);
  }
  return 0;
}

async function confirmOrExit(question: string): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new UsageError(`${question.replace(/ \[y\/N\] $/, '')} Not asking without a terminal: pass --yes`);
  }
  const answer = await askConfirm(question);
  if (answer !== 'yes') throw new CommandExit('cancelled; nothing was changed', EXIT_FAILED);
}

/** Polls the status until the connector reaches `want`; fails after `timeoutMs` naming the last state. */
export async function waitForState(
  client: ConnectClient,
  name: string,
  want: ConnectorState,
  timeoutMs: number,
  pollMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: ConnectorState | undefined;
  for (;;) {
    last = (await client.connectorStatus(name)).connector.state;
    if (last === want) return;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
  throw new CommandExit(
    `[${client.context}] ${name} did not reach ${want} within ${Math.round(timeoutMs / 1000)}s (still ${last}); its offsets were not changed`,
    EXIT_FAILED,
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Quotes an argument for a shell command line shown to the user. */
export function quoteArg(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
