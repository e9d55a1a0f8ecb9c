// `kcx apply -f FILE|DIR|-`: make the cluster's connectors match the files. Every file is read and
// checked before anything is sent; what differs is validated against its plugin; only when every
// changed connector is valid are the creates (POST) and updates (PUT …/config) sent. Equal configs
// are left alone. Output never shows a secret: diffs are masked, worker messages redacted.
//
// With --continue-on-error the unit of failure is the connector, not the run: unreadable files,
// invalid connectors and failed requests are reported and skipped, everything else is applied, and
// the exit code is 1 if anything was skipped or failed.
import type { ConnectClient } from '../../connect/client.js';
import { mapWithConcurrency } from '../../connect/concurrency.js';
import { describeError, isNotFound } from '../../connect/errors.js';
import type { ConnectorConfig } from '../../connect/types.js';
import { type PlanItem, planApply } from '../../domain/apply-plan.js';
import type { ConnectorSpec } from '../../domain/config-files.js';
import { isInputError } from '../../domain/input-error.js';
import { redact, secretValues } from '../../domain/redact.js';
import type { ResolvedContext } from '../../config/resolve.js';
import type { SkippedSource } from '../config-sources.js';
import { CommandExit, EXIT_FAILED, EXIT_USAGE, refuseReadOnly } from '../failure.js';
import { type ApplyRow, summary, writeRow } from './apply-report.js';
import type { Out } from './common.js';
import { validateAll } from './validation.js';

export interface ApplyOptions {
  dryRun?: boolean;
  diff?: boolean;
  continueOnError?: boolean;
}

export interface ApplyInput {
  specs: readonly ConnectorSpec[];
  /** Files that could not be read (only with --continue-on-error; otherwise they end the command). */
  skipped?: readonly SkippedSource[];
}

const CONCURRENCY = 8;

export async function runApply(
  client: ConnectClient,
  ctx: ResolvedContext,
  input: ApplyInput,
  opts: ApplyOptions,
  out: Out,
): Promise<number> {
  // Refuse before any request, so a read-only context never even sees the reads of a write.
  if (!opts.dryRun) refuseReadOnly(ctx, '--dry-run shows what would change');
  const keepGoing = opts.continueOnError === true;
  const skipped = input.skipped ?? [];
  for (const s of skipped) out.warn(`skipped: ${s.message}`);
  if (input.specs.length === 0) {
    // Every file was bad input: nothing to apply and nothing was sent.
    throw new CommandExit('no connector could be read; nothing was sent', EXIT_USAGE);
  }

  const rows = await planRows(client, input.specs, keepGoing);
  const changing = rows.filter(
    (r): r is ApplyRow & { item: PlanItem } => r.item !== undefined && r.item.action !== 'unchanged',
  );
  const validations = await validateAll(
    client,
    changing.map((r) => r.item),
  );
  // validateAll answers in the order asked.
  changing.forEach((row, i) => {
    const v = validations[i];
    if (!v) return;
    row.passwordKeys = v.passwordKeys;
    if (!v.valid) row.invalid = v;
  });
  const invalid = rows.filter((r) => r.invalid);
  const style = { colour: out.table.colour, width: Math.max(...rows.map((r) => r.name.length)) };
  const skippedCount = {
    files: skipped.filter((s) => s.kind === 'file').length,
    duplicates: skipped.filter((s) => s.kind === 'duplicate').length,
  };

  if (opts.dryRun || (invalid.length > 0 && !keepGoing)) {
    for (const r of rows) writeRow(r, 'plan', opts.dryRun === true || opts.diff === true, style, out);
    if (invalid.length > 0 && !keepGoing) {
      out.warn(
        `${invalid.length} connector${invalid.length === 1 ? ' is' : 's are'} invalid; nothing was applied`,
      );
      return EXIT_FAILED;
    }
    const s = summary(rows, 'plan', skippedCount);
    out.write(`dry run: ${s.counts} (nothing was sent)\n`);
    if (s.notApplied) out.warn(`would not apply: ${s.notApplied}`);
    return s.notApplied ? EXIT_FAILED : 0;
  }

  const toSend = changing.filter((r) => !r.invalid);
  await mapWithConcurrency(toSend, CONCURRENCY, async (r) => {
    try {
      if (r.item.action === 'create') await client.createConnector(r.name, r.item.config);
      else await client.putConnectorConfig(r.name, r.item.config);
    } catch (e) {
      r.failure = cleanError(e, r.item.config, r.passwordKeys);
    }
  });
  for (const r of rows) writeRow(r, 'done', opts.diff === true, style, out);

  const failed = toSend.filter((r) => r.failure !== undefined).length;
  // Without --continue-on-error only requests can fail here, and they are reported as they always were.
  if (!keepGoing && failed > 0) {
    out.warn(`${failed} of ${toSend.length} change${toSend.length === 1 ? '' : 's'} failed`);
    return EXIT_FAILED;
  }
  const s = summary(rows, 'done', skippedCount);
  out.write(`${s.counts}\n`);
  if (s.notApplied) {
    out.warn(`not applied: ${s.notApplied}`);
    return EXIT_FAILED;
  }
  return 0;
}

/**
 * One row per connector of the files, in their order, with its plan. Without `keepGoing` a problem
 * (a masked value that cannot be restored, a live config that cannot be read) ends the command as
 * before; with it, the problem stays on that connector's row and the others go on.
 */
async function planRows(
  client: ConnectClient,
  specs: readonly ConnectorSpec[],
  keepGoing: boolean,
): Promise<ApplyRow[]> {
  const live = await liveConfigs(client, specs, keepGoing);
  if (!keepGoing) {
    const configs = new Map(specs.map((s, i) => [s.name, live[i] as ConnectorConfig | undefined]));
    return planApply(specs, configs).map((item) => ({ name: item.name, item }));
  }
  return specs.map((spec, i) => {
    const got = live[i];
    if (got instanceof Error) return { name: spec.name, failure: cleanError(got, spec.config) };
    try {
      const [item] = planApply([spec], new Map([[spec.name, got]]));
      return { name: spec.name, item };
    } catch (e) {
      if (!isInputError(e)) throw e;
      return {
        name: spec.name,
        invalid: { name: spec.name, valid: false, errors: [], failure: e.message, passwordKeys: new Set() },
      };
    }
  });
}

/**
 * The live config of each spec (in order), undefined for those the cluster does not have. With
 * `keepGoing` a connector whose config cannot be read gets the error instead of ending the command.
 */
async function liveConfigs(
  client: ConnectClient,
  specs: readonly ConnectorSpec[],
  keepGoing: boolean,
): Promise<(ConnectorConfig | undefined | Error)[]> {
  // One cheap listing first: no 404 per new connector, and no configs fetched for nothing.
  const existing = new Set(await client.listConnectors());
  return mapWithConcurrency(specs, CONCURRENCY, async (s) => {
    if (!existing.has(s.name)) return undefined;
    try {
      return await client.connectorConfig(s.name);
    } catch (e) {
      // Deleted by someone else since the listing: it is missing now.
      if (isNotFound(e)) return undefined;
      if (keepGoing && e instanceof Error) return e;
      throw e;
    }
  });
}

/** A failed request as one line, with the config's secrets (and PASSWORD-typed keys) redacted. */
function cleanError(e: unknown, config: ConnectorConfig, passwordKeys?: Set<string>): string {
  return redact(describeError(e), secretValues(config, passwordKeys ? { passwordKeys } : {}));
}
