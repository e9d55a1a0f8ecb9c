// JSON.parse with its syntax errors turned into input errors at a line and column.
import { InputError } from './input-error.js';

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const what = message.replace(/\s*(in JSON )?at position \d+.*$/, '').trim();
    throw new InputError(`invalid JSON: ${what}`, { file, ...jsonErrorPosition(text, message) });
  }
}

/** Node names the position (and, on 22+, the line and column); end of input when it names neither. */
function jsonErrorPosition(text: string, message: string): { line: number; col: number } {
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lc) return { line: Number(lc[1]), col: Number(lc[2]) };
  const pos = /at position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, col: (before[before.length - 1]?.length ?? 0) + 1 };
}
