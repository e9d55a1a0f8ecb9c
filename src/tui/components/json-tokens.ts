// Splits one line of JSON into coloured tokens. Line by line on purpose: the editor draws only the
// visible lines, and a string broken across lines is rare in a connector config (the colour of
// such a line may be off; the text never is).
import type { JsonTokenKind } from '../theme.js';

export interface JsonToken {
  kind: JsonTokenKind | 'plain';
  text: string;
}

const TOKEN =
  /("(?:[^"\\]|\\.)*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(\btrue\b|\bfalse\b|\bnull\b)|([{}[\],:])/g;

export function jsonTokens(line: string): JsonToken[] {
  const out: JsonToken[] = [];
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'plain', text: line.slice(last, at) });
    if (m[1] !== undefined) {
      out.push({ kind: m[2] ? 'key' : 'string', text: m[1] });
      if (m[2]) out.push({ kind: 'punctuation', text: m[2] });
    } else if (m[3] !== undefined) out.push({ kind: 'number', text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'literal', text: m[4] });
    else out.push({ kind: 'punctuation', text: m[5] ?? '' });
    last = at + m[0].length;
  }
  if (last < line.length) out.push({ kind: 'plain', text: line.slice(last) });
  return out;
}
