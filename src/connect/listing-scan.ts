// Walks the top level of a `GET /connectors?expand=…` body, `{"<name>": {…}, …}`, on its bytes:
// where each key and each value lies, without parsing the values. The incremental snapshot source
// (src/domain/incremental-snapshots.ts) parses only the values whose bytes changed since the last poll.
//
// UTF-8 keeps every byte of a multi-byte character at 0x80 or above, so the ASCII bytes that give JSON
// its structure (quotes, backslashes, brackets, commas, colons, whitespace) can be read byte by byte.
// The scanner is strict about the top level (JSON whitespace only, one object, nothing after it) and
// only string- and bracket-aware inside a value: the caller parses each value it uses with JSON.parse,
// which rejects what the scanner let through. Anything else — an array, `null`, HTML, a body cut off
// mid-way, a byte-order mark — is 'other', and the caller reads the body the ordinary way
// (listingFromBody), which gives today's result or today's error for it.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export type ScanStep = 'entry' | 'end' | 'other';

/**
 * One pass over a listing body. Call next() until it returns 'end' or 'other'; after 'entry' the
 * fields describe that entry (offsets into the bytes; ends exclusive).
 */
export class ListingScanner {
  /** The key's text between its quotes. */
  keyStart = 0;
  keyEnd = 0;
  /** The key contains a backslash escape: decode it with JSON.parse, not as plain UTF-8. */
  keyEscaped = false;
  /** The value, from its first byte to just after its last (no surrounding whitespace). */
  valueStart = 0;
  valueEnd = 0;

  private readonly bytes: Buffer;
  private pos = 0;
  private state: 'open' | 'more' | 'done' = 'open';

  constructor(bytes: Uint8Array) {
    this.bytes = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  next(): ScanStep {
    const step = this.step();
    if (step !== 'entry') this.state = 'done';
    return step;
  }

  private step(): ScanStep {
    const b = this.bytes;
    switch (this.state) {
      case 'done':
        return 'other';
      case 'open':
        this.pos = this.skipSpace(0);
        if (b[this.pos] !== OPEN_BRACE) return 'other';
        this.pos = this.skipSpace(this.pos + 1);
        if (b[this.pos] === CLOSE_BRACE) return this.close();
        this.state = 'more';
        return this.entry();
      case 'more': {
        const at = this.skipSpace(this.pos);
        if (b[at] === CLOSE_BRACE) {
          this.pos = at;
          return this.close();
        }
        if (b[at] !== COMMA) return 'other';
        this.pos = this.skipSpace(at + 1);
        return this.entry();
      }
    }
  }

  /** At a key: reads `"key" : value`, leaving pos just after the value. */
  private entry(): ScanStep {
    const b = this.bytes;
    if (b[this.pos] !== QUOTE) return 'other';
    const keyEnd = this.keyEndAt(this.pos + 1);
    if (keyEnd < 0) return 'other';
    this.keyStart = this.pos + 1;
    this.keyEnd = keyEnd;
    const colon = this.skipSpace(keyEnd + 1);
    if (b[colon] !== COLON) return 'other';
    const start = this.skipSpace(colon + 1);
    const end = this.valueEndAt(start);
    if (end < 0) return 'other';
    this.valueStart = start;
    this.valueEnd = end;
    this.pos = end;
    return 'entry';
  }

  /** After the closing brace only whitespace may follow. */
  private close(): ScanStep {
    return this.skipSpace(this.pos + 1) === this.bytes.length ? 'end' : 'other';
  }

  /**
   * The closing quote of a key starting at `i` (just after its opening quote), or -1. Keys are short,
   * so they are walked byte by byte, refusing what JSON.parse would refuse of a plain key (a raw
   * control character); escapes are left to JSON.parse and flagged.
   */
  private keyEndAt(i: number): number {
    const b = this.bytes;
    this.keyEscaped = false;
    for (let n = b.length; i < n; i++) {
      const c = b[i]!;
      if (c === QUOTE) return i;
      if (c < 0x20) return -1;
      if (c === BACKSLASH) {
        this.keyEscaped = true;
        i++;
      }
    }
    return -1;
  }

  /** Just past the value starting at `i`, or -1 when the body ends first. */
  private valueEndAt(i: number): number {
    const b = this.bytes;
    const c = b[i];
    if (c === undefined) return -1;
    if (c === QUOTE) {
      const close = this.stringEndAt(i + 1);
      return close < 0 ? -1 : close + 1;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) return this.compositeEndAt(i);
    // A number, true, false or null (or something JSON.parse will refuse): up to the next delimiter.
    for (let n = b.length; i < n; i++) {
      const d = b[i]!;
      if (d === COMMA || d === CLOSE_BRACE || isSpace(d)) return i;
    }
    return -1;
  }

  /** An object or array: brackets counted outside strings (JSON.parse checks that they pair up). */
  private compositeEndAt(i: number): number {
    const b = this.bytes;
    let depth = 0;
    for (let n = b.length; i < n; i++) {
      const c = b[i]!;
      if (c === QUOTE) {
        i = this.stringEndAt(i + 1);
        if (i < 0) return -1;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) return i + 1;
      }
    }
    return -1;
  }

  /**
   * The closing quote of a string whose text starts at `i`, or -1. Values carry long strings (stack
   * traces, configs): the quote is found with a native search, then taken only if an even number of
   * backslashes precedes it.
   */
  private stringEndAt(i: number): number {
    const b = this.bytes;
    for (;;) {
      const q = b.indexOf(QUOTE, i);
      if (q < 0) return -1;
      let k = q - 1;
      while (b[k] === BACKSLASH) k--;
      if ((q - 1 - k) % 2 === 0) return q;
      i = q + 1;
    }
  }

  private skipSpace(i: number): number {
    const b = this.bytes;
    while (i < b.length && isSpace(b[i]!)) i++;
    return i;
  }
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
