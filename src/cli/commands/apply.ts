// `kcx apply -f FILE|DIR|-`: make the cluster's connectors match the files. Every file is read and
// checked before anything is sent; what differs is validated against its plugin; only when every
// changed connector is valid are the creates (POST) and updates (PUT …/config) sent. Equal configs
// are left alone. Output never shows a secret: diffs are masked, worker messages redacted.
import type { ConnectClient } from '../../connect/client.js';
import { mapWithConcurrency } from '../../connect/concurrency.js';
import { describeError, isNotFound } from '../../connect/errors.js';
import type { ConnectorConfig } from '../../connect/types.js';
import { countActions, formatChange, type PlanItem, planApply } from '../../domain/apply-plan.js';
import type { ConnectorSpec } from '../../domain/config-files.js';
import { redact, secretValues } from '../../domain/redact.js';
import type { ResolvedContext } from '../../config/resolve.js';
import { CommandExit, EXIT_FAILED } from '../failure.js';
import { paint } from '../output/colour.js';
import type { Out } from './common.js';
import { errorCount, type Validation, validateAll, validationLines } from './validation.js';

export interface ApplyOptions {
  dryRun?: boolean;
  diff?: boolean;
}

const CONCURRENCY = 8;

export async function runApply(
  client: ConnectClient,
  ctx: ResolvedContext,
  specs: readonly ConnectorSpec[],
  opts: ApplyOptions,
  out: Out,
): Promise<number> {
  // Refuse before any request, so a read-only context never even sees the reads of a write.
  if (ctx.readonly && !opts.dryRun) {
    throw new CommandExit(
      `[${ctx.name}] refused: context ${ctx.name} is read-only, nothing was sent (--dry-run shows what would change)`,
      EXIT_FAILED,
    );
  }
  const live = await liveConfigs(client, specs);
  const plan = planApply(specs, live);
  const changing = plan.filter((p) => p.action !== 'unchanged');
  const validations = new Map<string, Validation>();
  for (const v of await validateAll(client, changing)) validations.set(v.name, v);
  const invalid = changing.filter((p) => !validations.get(p.name)?.valid);

  const c = out.table.colour;
  const width = Math.max(...plan.map((p) => p.name.length));
  const showDiff = opts.dryRun || opts.diff;
  const header = (p: PlanItem, verb: string, colour: Parameters<typeof paint>[1], note = '') =>
    out.write(`${p.name.padEnd(width)}  ${paint(verb, colour, c)}${note}\n`);

  if (invalid.length > 0 || opts.dryRun) {
    for (const p of plan) {
      const v = validations.get(p.name);
      if (v && !v.valid) {
        header(p, 'invalid', 'red', ` (${errorCount(v)} error${errorCount(v) === 1 ? '' : 's'})`);
        for (const line of validationLines(v)) out.write(`${line}\n`);
      } else {
        header(p, planVerb(p, true), planColour(p), changeNote(p));
      }
      if (showDiff && p.action !== 'unchanged') writeChanges(p, v?.passwordKeys, out);
    }
    if (invalid.length > 0) {
      out.warn(
        `${invalid.length} connector${invalid.length === 1 ? ' is' : 's are'} invalid; nothing was applied`,
      );
      return EXIT_FAILED;
    }
    const n = countActions(plan);
    out.write(
      `dry run: ${n.create} to create, ${n.update} to update, ${n.unchanged} unchanged (nothing was sent)\n`,
    );
    return 0;
  }

  const failures = new Map<string, string>();
  await mapWithConcurrency(changing, CONCURRENCY, async (p) => {
    try {
      if (p.action === 'create') await client.createConnector(p.name, p.config);
      else await client.putConnectorConfig(p.name, p.config);
    } catch (e) {
      const passwordKeys = validations.get(p.name)?.passwordKeys;
      failures.set(
        p.name,
        redact(describeError(e), secretValues(p.config, passwordKeys ? { passwordKeys } : {})),
      );
    }
  });
  for (const p of plan) {
    const failure = failures.get(p.name);
    if (failure) {
      header(p, 'failed', 'red');
      out.write(`    ${failure}\n`);
      continue;
    }
    header(p, planVerb(p, false), planColour(p), changeNote(p));
    if (opts.diff && p.action !== 'unchanged') writeChanges(p, validations.get(p.name)?.passwordKeys, out);
  }
  if (failures.size > 0) {
    out.warn(`${failures.size} of ${changing.length} change${changing.length === 1 ? '' : 's'} failed`);
    return EXIT_FAILED;
  }
  const n = countActions(plan);
  out.write(`${n.create} created, ${n.update} updated, ${n.unchanged} unchanged\n`);
  return 0;
}

/** The live config of each named connector, undefined for those the cluster does not have. */
async function liveConfigs(
  client: ConnectClient,
  specs: readonly ConnectorSpec[],
): Promise<Map<string, ConnectorConfig | undefined>> {
  // One cheap listing first: no 404 per new connector, and no configs fetched for nothing.
  const existing = new Set(await client.listConnectors());
  const configs = await mapWithConcurrency(specs, CONCURRENCY, async (s) => {
    if (!existing.has(s.name)) return undefined;
    try {
      return await client.connectorConfig(s.name);
    } catch (e) {
      // Deleted by someone else since the listing: it is missing now.
      if (isNotFound(e)) return undefined;
      throw e;
    }
  });
  return new Map(specs.map((s, i) => [s.name, configs[i]]));
}

function planVerb(p: PlanItem, dryRun: boolean): string {
  if (p.action === 'unchanged') return 'unchanged';
  if (p.action === 'create') return dryRun ? 'would create' : 'created';
  return dryRun ? 'would update' : 'updated';
}

function planColour(p: PlanItem): Parameters<typeof paint>[1] {
  return p.action === 'create' ? 'green' : p.action === 'update' ? 'yellow' : 'gray';
}

function changeNote(p: PlanItem): string {
  if (p.action !== 'update') return '';
  return ` (${p.changes.length} key${p.changes.length === 1 ? '' : 's'} changed)`;
}

function writeChanges(p: PlanItem, passwordKeys: Set<string> | undefined, out: Out): void {
  const c = out.table.colour;
  for (const change of p.changes) {
    const line = formatChange(change, passwordKeys ? { passwordKeys } : {});
    const colour = change.kind === 'added' ? 'green' : change.kind === 'removed' ? 'red' : 'yellow';
    out.write(`    ${paint(line, colour, c)}\n`);
  }
}
