// A strict JSON parser (RFC 8259, accepting exactly what JSON.parse accepts) that says where things
// are. JSON.parse cannot serve the editor on its own: on Node 22 some of its messages carry no position
// ("Unexpected token '}', … is not valid JSON"), the position it gives counts UTF-16 units while the
// editor's columns count code points, it cannot say on which line a key sits, and it turns
// 12345678901234567890 into 12345678901234567000 before we could keep the digits the user typed.
// Messages and error positions follow V8's, so users see the wording they know (tests compare the
// two on generated inputs).
import { codePointLength } from './columns.js';

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in code points (the editor's cursor column + 1). */
  column: number;
}

export interface TextError extends TextPosition {
  message: string;
  /** Index into the text in UTF-16 units, as JSON.parse's "at position N". */
  offset: number;
}

/** A member of the top-level object, in text order (duplicates included). */
export interface JsonMember {
  key: string;
  keyOffset: number;
  value: unknown;
  /** The value's source text, e.g. `5.0` or `"x"`: the digits of a number exactly as typed. */
  raw: string;
}

export type JsonParse =
  | { ok: true; value: unknown; members: JsonMember[] | undefined }
  | { ok: false; error: TextError };

/** Deeper nesting than this is refused rather than risking the stack; configs are flat. */
export const MAX_DEPTH = 512;

export function parseJsonText(text: string): JsonParse {
  const parser = new Parser(text);
  try {
    const value = parser.document();
    return { ok: true, value, members: parser.members };
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    return { ok: false, error: { message: e.message, offset: e.offset, ...positionAt(text, e.offset) } };
  }
}

/** Line and column of a UTF-16 offset. */
export function positionAt(text: string, offset: number): TextPosition {
  return new LineIndex(text).position(offset);
}

/** Finds the line of many offsets in one text without rescanning it each time. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): TextPosition {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo]!;
    return { line: lo + 1, column: codePointLength(this.text.slice(start, at)) + 1 };
  }
}

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const END = 'Unexpected end of JSON input';

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isHex(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9a-fA-F]$/.test(ch);
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class Parser {
  private i = 0;
  members: JsonMember[] | undefined;

  constructor(private readonly text: string) {}

  document(): unknown {
    const value = this.value(0);
    this.whitespace();
    if (this.i < this.text.length) this.fail('Unexpected non-whitespace character after JSON');
    return value;
  }

  private fail(message: string, at = this.i): never {
    throw new ParseFailure(message, at);
  }

  private whitespace(): void {
    const t = this.text;
    while (this.i < t.length) {
      const ch = t[this.i];
      if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') return;
      this.i++;
    }
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail(`Nested more than ${MAX_DEPTH} levels deep`);
    this.whitespace();
    const ch = this.text[this.i];
    if (ch === undefined) this.fail(END);
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') return this.string();
    if (ch === 't') return this.literal('true', true);
    if (ch === 'f') return this.literal('false', false);
    if (ch === 'n') return this.literal('null', null);
    if (ch === '-' || isDigit(ch)) return this.number();
    return this.unexpected();
  }

  /** V8 names the kind of token it did not expect: a number, a string, or the character itself. */
  private unexpected(): never {
    const ch = this.text[this.i];
    if (ch === '-' || isDigit(ch)) this.fail('Unexpected number');
    if (ch === '"') this.fail('Unexpected string');
    return this.fail(`Unexpected token '${String.fromCodePoint(this.text.codePointAt(this.i)!)}'`);
  }

  private literal<T>(word: string, value: T): T {
    for (const expected of word) {
      if (this.i >= this.text.length) this.fail(END);
      if (this.text[this.i] !== expected) this.unexpected();
      this.i++;
    }
    return value;
  }

  private number(): number {
    const t = this.text;
    const start = this.i;
    if (t[this.i] === '-') this.i++;
    if (t[this.i] === '0') {
      this.i++;
      if (isDigit(t[this.i])) this.fail('Unexpected number');
    } else if (isDigit(t[this.i])) {
      while (isDigit(t[this.i])) this.i++;
    } else {
      this.fail('No number after minus sign');
    }
    if (t[this.i] === '.') {
      this.i++;
      if (!isDigit(t[this.i])) this.fail('Unterminated fractional number');
      while (isDigit(t[this.i])) this.i++;
    }
    if (t[this.i] === 'e' || t[this.i] === 'E') {
      this.i++;
      if (t[this.i] === '+' || t[this.i] === '-') this.i++;
      if (!isDigit(t[this.i])) this.fail('Exponent part is missing a number');
      while (isDigit(t[this.i])) this.i++;
    }
    return Number(t.slice(start, this.i));
  }

  private string(): string {
    const t = this.text;
    this.i++; // opening quote
    let out = '';
    let run = this.i;
    for (;;) {
      if (this.i >= t.length) this.fail('Unterminated string');
      const code = t.charCodeAt(this.i);
      if (code === 0x22) {
        out += t.slice(run, this.i);
        this.i++;
        return out;
      }
      if (code < 0x20) this.fail('Bad control character in string literal');
      if (code !== 0x5c) {
        this.i++;
        continue;
      }
      out += t.slice(run, this.i);
      this.i++; // backslash
      const esc = t[this.i];
      if (esc === undefined) this.fail(END);
      if (esc === 'u') {
        for (let k = 1; k <= 4; k++) if (!isHex(t[this.i + k])) this.fail('Bad Unicode escape', this.i + k);
        out += String.fromCharCode(Number.parseInt(t.slice(this.i + 1, this.i + 5), 16));
        this.i += 5;
      } else {
        const decoded = ESCAPES[esc];
        // V8 words a bad escape of a character beyond Latin-1 as an unexpected token; follow it.
        if (decoded === undefined && esc.charCodeAt(0) > 0xff) this.unexpected();
        if (decoded === undefined) this.fail('Bad escaped character');
        out += decoded;
        this.i++;
      }
      run = this.i;
    }
  }

  private array(depth: number): unknown[] {
    this.i++; // [
    const out: unknown[] = [];
    this.whitespace();
    if (this.text[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.whitespace();
      const ch = this.text[this.i];
      this.i++;
      if (ch === ']') return out;
      if (ch !== ',') this.fail("Expected ',' or ']' after array element", this.i - 1);
    }
  }

  private object(depth: number): Record<string, unknown> {
    const t = this.text;
    this.i++; // {
    const out: Record<string, unknown> = {};
    const members: JsonMember[] | undefined = depth === 0 ? [] : undefined;
    if (members) this.members = members;
    this.whitespace();
    if (t[this.i] === '}') {
      this.i++;
      return out;
    }
    for (let first = true; ; first = false) {
      this.whitespace();
      if (t[this.i] !== '"') {
        this.fail(first ? "Expected property name or '}'" : 'Expected double-quoted property name');
      }
      const keyOffset = this.i;
      const key = this.string();
      this.whitespace();
      if (t[this.i] !== ':') this.fail("Expected ':' after property name");
      this.i++;
      this.whitespace();
      const valueStart = this.i;
      const value = this.value(depth + 1);
      // defineProperty, not assignment: a `__proto__` key must stay a key.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      members?.push({ key, keyOffset, value, raw: t.slice(valueStart, this.i) });
      this.whitespace();
      const ch = t[this.i];
      this.i++;
      if (ch === '}') return out;
      if (ch !== ',') this.fail("Expected ',' or '}' after property value", this.i - 1);
    }
  }
}
