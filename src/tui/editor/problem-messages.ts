// Where the editor shows what is wrong: beside the key's line where it has one, else in a list above
// the text (a required key that is missing has no line to sit on).
import type { KeyMessage } from '../../domain/editor/json-check.js';
import type { Problem } from '../../domain/editor/edit-checks.js';
import type { LineMessage } from '../components/TextEditor.js';

export interface PlacedProblem {
  beside: LineMessage[];
  above: string[];
  count: number;
}

export function placeProblem(
  problem: Problem | undefined,
  keyLines: ReadonlyMap<string, number>,
  notes: readonly KeyMessage[],
  /** Place messages by key only: the text changed since, so remembered line numbers may be off. */
  options: { keyedOnly?: boolean } = {},
): PlacedProblem {
  const beside: LineMessage[] = notes.map((n) => ({ line: n.line, text: n.message, tone: 'warn' }));
  const above: string[] = [];
  let count = 0;
  if (!problem) return { beside, above, count };
  switch (problem.kind) {
    case 'text':
      if (!options.keyedOnly)
        beside.push({ line: problem.error.line, text: problem.error.message, tone: 'error' });
      above.push(
        `JSON error at line ${problem.error.line}, column ${problem.error.column}: ${problem.error.message}`,
      );
      count = 1;
      break;
    case 'keys':
      for (const e of problem.errors) {
        const line = options.keyedOnly ? keyLines.get(e.key) : e.line;
        if (line === undefined) above.push(`${e.key}: ${e.message}`);
        else beside.push({ line, text: e.message, tone: 'error' });
      }
      for (const u of problem.unplaced) above.push(`${u.key}: ${u.errors.join('; ')}`);
      count = problem.errors.length + problem.unplaced.length;
      break;
    case 'connect':
      for (const [key, errors] of problem.validation.byKey) {
        const line = keyLines.get(key);
        if (line === undefined) above.push(`${key}: ${errors.join('; ')}`);
        else beside.push({ line, text: errors.join('; '), tone: 'error' });
      }
      for (const u of problem.validation.unplaced) above.push(`${u.key}: ${u.errors.join('; ')}`);
      count = problem.validation.errorCount;
      break;
    case 'unreachable':
      above.push(`Could not validate: ${problem.message}`);
      count = 1;
      break;
  }
  return { beside, above, count };
}
