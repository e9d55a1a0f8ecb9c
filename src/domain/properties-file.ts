// Java `.properties` files, the format `connect-standalone` takes connector configs in: `key=value`,
// `key: value` or `key value`; `#` and `!` comments; a trailing backslash continues the line; escapes
// \t \n \r \f \uXXXX and `\x` for any other x. Each entry keeps its line for error messages.
import { InputError } from './input-error.js';

export interface PropertyEntry {
  key: string;
  value: string;
  line: number;
}

export function parseProperties(text: string, file: string): PropertyEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const entries: PropertyEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let logical = stripLeading(lines[i] ?? '');
    if (logical === '' || logical.startsWith('#') || logical.startsWith('!')) continue;
    while (endsWithContinuation(logical) && i + 1 < lines.length) {
      i++;
      logical = logical.slice(0, -1) + stripLeading(lines[i] ?? '');
    }
    if (endsWithContinuation(logical)) logical = logical.slice(0, -1);
    const { rawKey, rawValue } = splitKeyValue(logical);
    const where = { file, line: startLine };
    entries.push({
      key: unescapeProperty(rawKey, where),
      value: unescapeProperty(rawValue, where),
      line: startLine,
    });
  }
  return entries;
}

function stripLeading(s: string): string {
  return s.replace(/^[ \t\f]+/, '');
}

/** An odd number of trailing backslashes: the last one escapes the line end. */
function endsWithContinuation(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function splitKeyValue(line: string): { rawKey: string; rawValue: string } {
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
    i++;
  }
  const rawKey = line.slice(0, i);
  let j = i;
  while (j < line.length && (line[j] === ' ' || line[j] === '\t' || line[j] === '\f')) j++;
  if (j < line.length && (line[j] === '=' || line[j] === ':')) j++;
  while (j < line.length && (line[j] === ' ' || line[j] === '\t' || line[j] === '\f')) j++;
  return { rawKey, rawValue: line.slice(j) };
}

const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescapeProperty(s: string, where: { file: string; line: number }): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = s[i + 1];
    if (next === undefined) break;
    if (next === 'u') {
      const hex = s.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new InputError(`malformed \\uXXXX escape: \\u${hex}`, where);
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 5;
      continue;
    }
    out += SIMPLE_ESCAPES[next] ?? next;
    i++;
  }
  return out;
}
