// What `kcx apply` prints: one line per connector (and its errors or masked diff under it), then a
// count. Kept apart from the requests so the two phases (dry run / plan, done) read the same.
import { countActions, formatChange, type PlanItem } from '../../domain/apply-plan.js';
import { paint } from '../output/colour.js';
import type { Out } from './common.js';
import { errorCount, type Validation, validationLines } from './validation.js';

/** One connector of the files, as far as apply got with it. */
export interface ApplyRow {
  name: string;
  /** Absent when the live config could not be read or the masks could not be restored. */
  item?: PlanItem;
  /** Invalid against its plugin, or a problem in the file found while planning. */
  invalid?: Validation;
  /** A request for it failed (reading its live config, or the create/update). */
  failure?: string;
  /** Keys its plugin declares as PASSWORD: masked in diffs whatever their name. */
  passwordKeys?: Set<string>;
}

export interface RowStyle {
  colour: boolean;
  /** Names are padded to this width so the verbs line up. */
  width: number;
}

type Colour = Parameters<typeof paint>[1];

export function writeRow(
  row: ApplyRow,
  phase: 'plan' | 'done',
  showDiff: boolean,
  style: RowStyle,
  out: Out,
) {
  const head = (verb: string, colour: Colour, note = '') =>
    out.write(`${row.name.padEnd(style.width)}  ${paint(verb, colour, style.colour)}${note}\n`);
  if (row.failure !== undefined) {
    head('failed', 'red');
    out.write(`    ${row.failure}\n`);
    return;
  }
  if (row.invalid) {
    const n = errorCount(row.invalid);
    head('invalid', 'red', ` (${n} error${n === 1 ? '' : 's'})`);
    for (const line of validationLines(row.invalid)) out.write(`${line}\n`);
    // The plan shows what the invalid config would change; once done, it changed nothing.
    if (phase === 'plan' && showDiff && row.item) writeChanges(row.item, row.passwordKeys, style, out);
    return;
  }
  const p = row.item;
  if (!p) return;
  head(verbOf(p, phase), colourOf(p), changeNote(p));
  if (showDiff && p.action !== 'unchanged') writeChanges(p, row.passwordKeys, style, out);
}

/** "1 to create, 2 to update, 0 unchanged" (plan) or "1 created, …" (done), and what was left out. */
export function summary(
  rows: readonly ApplyRow[],
  phase: 'plan' | 'done',
  skipped: { files: number; duplicates: number },
): { counts: string; notApplied?: string } {
  const ok = rows.flatMap((r) => (r.item && !r.invalid && r.failure === undefined ? [r.item] : []));
  const n = countActions(ok);
  const counts =
    phase === 'plan'
      ? `${n.create} to create, ${n.update} to update, ${n.unchanged} unchanged`
      : `${n.create} created, ${n.update} updated, ${n.unchanged} unchanged`;
  const parts = [
    plural(rows.filter((r) => r.invalid).length, 'invalid connector'),
    plural(rows.filter((r) => r.failure !== undefined).length, 'failed connector'),
    plural(skipped.files, 'unreadable file'),
    plural(skipped.duplicates, 'duplicate name'),
  ].filter((p) => p !== '');
  return parts.length === 0 ? { counts } : { counts, notApplied: parts.join(', ') };
}

function plural(n: number, noun: string): string {
  return n === 0 ? '' : `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function verbOf(p: PlanItem, phase: 'plan' | 'done'): string {
  if (p.action === 'unchanged') return 'unchanged';
  if (p.action === 'create') return phase === 'plan' ? 'would create' : 'created';
  return phase === 'plan' ? 'would update' : 'updated';
}

function colourOf(p: PlanItem): Colour {
  return p.action === 'create' ? 'green' : p.action === 'update' ? 'yellow' : 'gray';
}

function changeNote(p: PlanItem): string {
  if (p.action !== 'update') return '';
  return ` (${p.changes.length} key${p.changes.length === 1 ? '' : 's'} changed)`;
}

function writeChanges(p: PlanItem, passwordKeys: Set<string> | undefined, style: RowStyle, out: Out): void {
  for (const change of p.changes) {
    const line = formatChange(change, passwordKeys ? { passwordKeys } : {});
    const colour = change.kind === 'added' ? 'green' : change.kind === 'removed' ? 'red' : 'yellow';
    out.write(`    ${paint(line, colour, style.colour)}\n`);
  }
}
