// The byte-level walk over a listing body: where each key and value lies, through escapes, strings
// full of brackets and any JSON whitespace; and 'other' for everything that is not one plain JSON
// object, so that the caller reads such a body the ordinary way. The fuzzing at the end holds the
// scanner to JSON.parse: whatever it accepts (with each value parsed on its own) is exactly what
// JSON.parse makes of the whole body.
import { describe, expect, it } from 'vitest';
import { ListingScanner, type ScanStep } from '../../src/connect/listing-scan.js';
import { mulberry32 } from '../../src/emulator/seed.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

interface Scanned {
  result: 'end' | 'other';
  /** The raw key text (between the quotes), its escape flag and the raw value text. */
  entries: [key: string, escaped: boolean, value: string][];
}

function scanText(text: string | Uint8Array): Scanned {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  const buf = Buffer.from(bytes);
  const scanner = new ListingScanner(bytes);
  const entries: Scanned['entries'] = [];
  for (;;) {
    const step: ScanStep = scanner.next();
    if (step !== 'entry') return { result: step, entries };
    entries.push([
      buf.toString('utf8', scanner.keyStart, scanner.keyEnd),
      scanner.keyEscaped,
      buf.toString('utf8', scanner.valueStart, scanner.valueEnd),
    ]);
  }
}

/** The scan read as JSON.parse would read the whole body; undefined if the scan (or a slice) refuses. */
function parsedByScan(text: string): [string, unknown][] | undefined {
  const scanned = scanText(text);
  if (scanned.result !== 'end') return undefined;
  try {
    return scanned.entries.map(([key, , value]) => [JSON.parse(`"${key}"`), JSON.parse(value)]);
  } catch {
    return undefined;
  }
}

describe('ListingScanner', () => {
  it('gives each key and value of a compact body, values untouched', () => {
    const body = JSON.stringify({
      a: { status: { connector: { state: 'RUNNING' } }, info: { config: { x: '}{][' } } },
      b: 7,
      c: 'text',
      d: null,
      e: [1, [2, { f: true }]],
      g: -1.5e3,
      h: {},
    });
    const scanned = scanText(body);
    expect(scanned.result).toBe('end');
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(scanned.entries.map(([k]) => k)).toEqual(Object.keys(parsed));
    for (const [key, escaped, value] of scanned.entries) {
      expect(escaped).toBe(false);
      expect(value).toBe(JSON.stringify(parsed[key]));
    }
  });

  it('reads keys with escapes, and strings whose brackets, quotes and backslashes are text', () => {
    const body =
      '{"a\\"b": 1, "c\\\\": {"t": "x\\\\"}, "\\u00e9t\\u00e9": "}", "x\\/y": {"s": "a\\"}{[\\\\\\"]"}, ' +
      '"été 한국 🎉": ["]", "\\"", "\\\\"], "plain/slash": "\\\\\\\\"}';
    const scanned = scanText(body);
    expect(scanned.result).toBe('end');
    expect(scanned.entries).toEqual([
      ['a\\"b', true, '1'],
      ['c\\\\', true, '{"t": "x\\\\"}'],
      ['\\u00e9t\\u00e9', true, '"}"'],
      ['x\\/y', true, '{"s": "a\\"}{[\\\\\\"]"}'],
      ['été 한국 🎉', false, '["]", "\\"", "\\\\"]'],
      ['plain/slash', false, '"\\\\\\\\"'],
    ]);
    expect(parsedByScan(body)).toEqual(Object.entries(JSON.parse(body)));
  });

  it('allows JSON whitespace anywhere between tokens, pretty-printed bodies included', () => {
    const value = { status: { tasks: [{ id: 0 }, { id: 1 }] }, info: { config: { k: 'v' } } };
    for (const body of [
      JSON.stringify({ one: value, two: 2 }, null, 2),
      JSON.stringify({ one: value, two: 2 }, null, '\t').replaceAll('\n', '\r\n'),
      ' \t\r\n{ \r\n"one"\t :\n\n{"status":{"tasks":[{"id":0},{"id":1}]},"info":{"config":{"k":"v"}}} ,\t"two" : 2 \n}\n\n',
    ]) {
      const scanned = scanText(body);
      expect(scanned.result).toBe('end');
      expect(scanned.entries.map(([k, , v]) => [k, JSON.parse(v)])).toEqual([
        ['one', value],
        ['two', 2],
      ]);
      // Values start and end on their own bytes, without the whitespace around them.
      for (const [, , v] of scanned.entries) expect(v).toBe(v.trim());
    }
  });

  it('takes an empty object, and keys given twice (both reported, in order)', () => {
    expect(scanText('{}')).toEqual({ result: 'end', entries: [] });
    expect(scanText(' {\n} ')).toEqual({ result: 'end', entries: [] });
    expect(scanText('{"a":1,"b":2,"a":3}').entries).toEqual([
      ['a', false, '1'],
      ['b', false, '2'],
      ['a', false, '3'],
    ]);
  });

  it.each([
    ['an empty body', ''],
    ['whitespace', ' \n '],
    ['an array of names', '["a","b"]'],
    ['null', 'null'],
    ['a number', '42'],
    ['an HTML page', '<html><head><title>502 Bad Gateway</title></head></html>'],
    ['a byte-order mark', '\ufeff{"a":1}'],
    ['a body cut off in a value', '{"a":{"status":{"x":"y'],
    ['a body cut off after a value', '{"a":{"b":1}'],
    ['a body cut off in a key', '{"a":1,"b'],
    ['a body cut off after a key', '{"a":1,"b" '],
    ['a body cut off in a number', '{"a":12'],
    ['a trailing comma', '{"a":1,}'],
    ['a missing comma', '{"a":1 "b":2}'],
    ['a missing colon', '{"a" 1}'],
    ['an unquoted key', '{a:1}'],
    ['a single-quoted key', "{'a':1}"],
    ['a second value after the object', '{"a":1}{"b":2}'],
    ['text after the object', '{"a":1} x'],
    ['a raw control character in a key', '{"a\tb":1}'],
    ['an escaped quote closing nothing', '{"a\\":1}'],
    ['an unbalanced value', '{"a":{"b":[1,2}'],
  ])('says other for %s', (_what, body) => {
    expect(scanText(body).result).toBe('other');
  });

  it('stays at other once it has said other or end', () => {
    const scanner = new ListingScanner(utf8('{"a":1} x'));
    expect(scanner.next()).toBe('entry');
    expect(scanner.next()).toBe('other');
    expect(scanner.next()).toBe('other');
    const done = new ListingScanner(utf8('{"a":1}'));
    expect([done.next(), done.next(), done.next()]).toEqual(['entry', 'end', 'other']);
  });

  it('refuses every cut-off prefix of a listing', () => {
    const body = JSON.stringify({
      'sink-1': { status: { connector: { state: 'RUNNING', trace: 'a\\"b}' } }, info: null },
      'é"\\': [1, 2, { x: '{' }],
    });
    for (let n = 0; n < body.length; n++) expect(scanText(body.slice(0, n)).result).toBe('other');
  });

  it('accepts exactly what JSON.parse accepts, and reads it the same (fuzzed bodies)', () => {
    const random = mulberry32(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      '"',
      '\\',
      ':',
      ',',
      ' ',
      '\n',
      'a',
      '1',
      'é',
      'null',
      '\\u00e9',
      '\u0001',
    ];
    const base = [
      JSON.stringify({ a: { s: 'x}"y', t: [1, { u: null }] }, 'b\\"': 'q', 한: -2 }),
      JSON.stringify({ x: { y: { z: ['"', '\\', '{}'] } }, w: true }, null, 2),
      '{"k":"v","k":{"n":[]}}',
    ];
    let accepted = 0;
    for (let round = 0; round < 4000; round++) {
      let text = pick(base);
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (text.length + 1));
        const kind = random();
        if (kind < 0.4) text = text.slice(0, at) + text.slice(at + 1);
        else if (kind < 0.7) text = text.slice(0, at) + pick(pieces) + text.slice(at);
        else text = text.slice(0, at) + pick(pieces) + text.slice(at + 1);
      }
      let whole: unknown;
      let parses = true;
      try {
        whole = JSON.parse(text);
      } catch {
        parses = false;
      }
      const isObject = parses && whole !== null && typeof whole === 'object' && !Array.isArray(whole);
      const byScan = parsedByScan(text);
      if (isObject) {
        accepted++;
        // JSON.parse keeps the last of two equal keys, where the first one stood.
        const merged = new Map<string, unknown>();
        for (const [k, v] of byScan ?? []) merged.set(k, v);
        expect(byScan, text).toBeDefined();
        expect(Object.fromEntries(merged), text).toEqual(whole);
      } else {
        expect(byScan, text).toBeUndefined();
      }
    }
    // The mutations leave enough bodies valid for the comparison to mean something.
    expect(accepted).toBeGreaterThan(200);
  });
});
