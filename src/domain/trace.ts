// Java stack traces as Connect reports them in a failed connector's or task's `trace`: the one-line
// error for the tasks tables, the root cause for the top of the trace view, and search.

/** Splits on any line ending; a trailing newline does not make an empty last line. */
export function traceLines(trace: string): string[] {
  const lines = trace.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The exception line that opens the trace, trimmed; '' for an empty trace. */
export function firstLine(trace: string | undefined): string {
  if (!trace) return '';
  // Only the first line is needed; avoid splitting a megabyte trace for it.
  const match = /^\s*([^\r\n]*\S)/.exec(trace);
  return match?.[1] ?? '';
}

const CAUSED_BY = /^\s*Caused by:\s*/;

/**
 * The deepest cause: the text of the LAST `Caused by:` line (without the prefix), which is where the
 * real failure is (`FileNotFoundException` under a `ConnectException`); the first line when there is
 * no cause. '' for an empty trace.
 */
export function rootCause(trace: string | undefined): string {
  if (!trace) return '';
  const lines = traceLines(trace);
  const i = rootCauseIndex(lines);
  if (i < 0) return firstLine(trace);
  return (lines[i] ?? '').replace(CAUSED_BY, '').trim();
}

/**
 * Index of the last `Caused by:` line, or -1: lets the view scroll to it. Causes of the main chain
 * start at column 0; indented ones belong to `Suppressed:` exceptions and only count when the main
 * chain has none.
 */
export function rootCauseIndex(lines: readonly string[]): number {
  let nested = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.startsWith('Caused by:')) return i;
    if (nested < 0 && CAUSED_BY.test(line)) nested = i;
  }
  return nested;
}

/**
 * The first and the deepest `Caused by:` of the main chain (prefix removed), as the trace view pins
 * them: product.md names the first `Caused by` the root cause; the last one is where the chain ends
 * (often the real failure, e.g. `FileNotFoundException` under `ConnectException`). `deepest` is
 * undefined when the chain has a single cause; both are undefined when there is none.
 */
export function causeSummary(trace: string | undefined): { first?: string; deepest?: string } {
  if (!trace) return {};
  const lines = traceLines(trace);
  const strip = (line: string | undefined) => (line ?? '').replace(CAUSED_BY, '').trim();
  let first = lines.findIndex((l) => l.startsWith('Caused by:'));
  if (first < 0) first = lines.findIndex((l) => CAUSED_BY.test(l));
  if (first < 0) return {};
  const last = rootCauseIndex(lines);
  return last > first
    ? { first: strip(lines[first]), deepest: strip(lines[last]) }
    : { first: strip(lines[first]) };
}

const oneLineErrors = new Map<string, string>();

/**
 * The one-line error of a tasks table: the deepest cause with its class name shortened
 * (`FileNotFoundException: /data/x.txt (No such file or directory)`), as `kcx get tasks` shows it; the
 * wrapper (`ConnectException: Exiting WorkerSinkTask…`) says little. Remembered for the few traces on
 * screen: a view redrawn every refresh would split a megabyte trace each time.
 */
export function oneLineError(trace: string | undefined): string {
  if (!trace) return '';
  let line = oneLineErrors.get(trace);
  if (line === undefined) {
    if (oneLineErrors.size >= 32) oneLineErrors.clear();
    line = shortException(rootCause(trace));
    oneLineErrors.set(trace, line);
  }
  return line;
}

// A fully qualified Java class at the start of the line: at least one package segment, and a simple
// name that starts upper-case as classes do (so `www.example.com: …` is left alone).
const QUALIFIED_CLASS = /^(?:Caused by:\s*)?((?:[A-Za-z_$][\w$]*\.)+)([A-Z_$][\w$]*)(?=:|$)/;

/**
 * `org.apache.kafka.connect.errors.ConnectException: Couldn't find …` → `ConnectException: Couldn't
 * find …`. Lines that do not start with a qualified class name come back trimmed but otherwise as is.
 * With `maxLength`, the result is cut to that many characters, ending in `…`.
 */
export function shortException(line: string, maxLength?: number): string {
  const trimmed = line.trim();
  const m = QUALIFIED_CLASS.exec(trimmed);
  const short = m ? `${m[2]}${trimmed.slice(m[0].length)}` : trimmed.replace(CAUSED_BY, '');
  return maxLength === undefined ? short : truncate(short, maxLength);
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  if (max <= 0) return '';
  return `${chars.slice(0, max - 1).join('')}…`;
}

/** Indexes of the lines containing `query`, case-insensitively; none for an empty query. */
export function findMatches(lines: readonly string[], query: string): number[] {
  if (query === '') return [];
  const needle = query.toLowerCase();
  const hits: number[] = [];
  for (let i = 0; i < lines.length; i++) if ((lines[i] ?? '').toLowerCase().includes(needle)) hits.push(i);
  return hits;
}
