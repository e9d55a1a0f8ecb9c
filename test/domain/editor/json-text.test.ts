import { describe, expect, it } from 'vitest';
import { LineIndex, MAX_DEPTH, parseJsonText, positionAt } from '../../../src/domain/editor/json-text.js';

const failure = (text: string) => {
  const r = parseJsonText(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`);
  return r.error;
};

describe('parseJsonText', () => {
  it('parses what JSON.parse parses, to the same value', () => {
    const text = '{"a": [1, -2.5e3, true, false, null], "b": {"c": "d\\n\\u00e9\\ud83d\\ude00"}, "e": ""}';
    const r = parseJsonText(text);
    expect(r.ok && r.value).toEqual(JSON.parse(text));
  });

  it('lists the top-level members with their source text and key offset', () => {
    const text = '{\n  "a": 5.0,\n  "b": "x",\n  "a": 12345678901234567890\n}';
    const r = parseJsonText(text);
    expect(
      r.ok && r.members?.map((m) => [m.key, m.raw, text.indexOf(`"${m.key}"`, m.keyOffset) === m.keyOffset]),
    ).toEqual([
      ['a', '5.0', true],
      ['b', '"x"', true],
      ['a', '12345678901234567890', true],
    ]);
  });

  it('has no members when the top level is not an object', () => {
    const r = parseJsonText('[{"a": 1}]');
    expect(r.ok && r.members).toBeUndefined();
  });

  it('keeps a __proto__ key as a key', () => {
    const r = parseJsonText('{"__proto__": "x"}');
    expect(r.ok && Object.keys(r.value as object)).toEqual(['__proto__']);
  });

  it('places an error by line and code point column (1-based)', () => {
    const e = failure('{\n  "한글😀": "x"\n  "b": "y"\n}');
    expect(e).toMatchObject({ message: "Expected ',' or '}' after property value", line: 3, column: 3 });
  });

  it('counts columns in code points where JSON.parse counts UTF-16 units', () => {
    const text = '{"😀😀": 1 x}';
    const e = failure(text);
    expect(e.offset).toBe(11);
    expect(e.column).toBe(10);
    expect(() => JSON.parse(text)).toThrow(/position 11 /);
  });

  it('places the errors JSON.parse reports without a position', () => {
    // Node 22: `Unexpected token '}', "{"a": tru}" is not valid JSON` — no position at all.
    expect(failure('{"a": tru}')).toMatchObject({ message: "Unexpected token '}'", line: 1, column: 10 });
    expect(failure('{\n  "a": [1,]\n}')).toMatchObject({
      message: "Unexpected token ']'",
      line: 2,
      column: 11,
    });
  });

  it('reports the end of the input at the end of the text', () => {
    for (const text of ['', '   ', '{"a":', '{"a": nul', '"\\', '[\n\n']) {
      const e = failure(text);
      expect(e.message).toBe('Unexpected end of JSON input');
      expect(e.offset).toBe(text.length);
    }
    expect(failure('{"a":\n  ')).toMatchObject({ line: 2, column: 3 });
  });

  it('refuses nesting deeper than MAX_DEPTH instead of overflowing the stack', () => {
    const deep = `${'['.repeat(MAX_DEPTH + 2)}${']'.repeat(MAX_DEPTH + 2)}`;
    expect(failure(deep).message).toMatch(/Nested more than/);
    const ok = `${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`;
    expect(parseJsonText(ok).ok).toBe(true);
  });
});

describe('positionAt / LineIndex', () => {
  it('maps UTF-16 offsets to lines and code point columns', () => {
    const text = 'ab\n😀c\n\nd';
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 2)).toEqual({ line: 1, column: 3 });
    expect(positionAt(text, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(text, 5)).toEqual({ line: 2, column: 2 });
    expect(positionAt(text, 7)).toEqual({ line: 3, column: 1 });
    expect(positionAt(text, 8)).toEqual({ line: 4, column: 1 });
    expect(new LineIndex(text).position(999)).toEqual({ line: 4, column: 2 });
  });
});

// The parser must accept exactly what JSON.parse accepts, and where Node's message has a position, be
// at the same place with the same words. Checked on texts made by breaking valid configs at random
// (a fixed seed, so a failure reproduces).
describe('agreement with JSON.parse', () => {
  const bases = [
    '{\n  "name": "orders-sink",\n  "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",\n  "tasks.max": 2,\n  "auto.create": true\n}',
    '{"주문": "한글 값 😀", "n": -0.5e-3, "list": ["a", {"b": null}], "esc": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041"}',
    '[1, 2.0, 3e+2, -4E-1, 0, true, false, null, "x", [], {}]',
  ];
  const alphabet = [
    '{',
    '}',
    '[',
    ']',
    '"',
    ':',
    ',',
    '\\',
    'u',
    't',
    'n',
    'e',
    '0',
    '1',
    '-',
    '+',
    '.',
    ' ',
    '\n',
    'x',
    '한',
    '😀',
    '\t',
    '\u0001',
  ];

  function mulberry32(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function mutate(text: string, rand: () => number): string {
    let out = text;
    const edits = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < edits; k++) {
      const at = Math.floor(rand() * (out.length + 1));
      const op = rand();
      if (op < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 3));
      else if (op < 0.7)
        out = out.slice(0, at) + alphabet[Math.floor(rand() * alphabet.length)] + out.slice(at);
      else out = out.slice(0, at);
    }
    return out;
  }

  it('accepts and rejects the same texts, at the same positions', () => {
    const rand = mulberry32(20_260_501);
    let rejected = 0;
    let positioned = 0;
    for (let i = 0; i < 4000; i++) {
      const text = mutate(bases[i % bases.length]!, rand);
      let native: { ok: true; value: unknown } | { ok: false; message: string };
      try {
        native = { ok: true, value: JSON.parse(text) };
      } catch (e) {
        native = { ok: false, message: (e as Error).message };
      }
      const mine = parseJsonText(text);
      const context = JSON.stringify(text);
      expect(mine.ok, context).toBe(native.ok);
      if (native.ok) {
        expect(mine.ok && mine.value, context).toEqual(native.value);
        continue;
      }
      if (mine.ok) continue;
      rejected++;
      const at = /^(.*?)(?: in JSON)? at position (\d+) \(line (\d+) column \d+\)$/.exec(native.message);
      const token = /^Unexpected token '(.+?)', /su.exec(native.message);
      if (at) {
        positioned++;
        expect([mine.error.message, mine.error.offset, mine.error.line], context).toEqual([
          at[1],
          Number(at[2]),
          Number(at[3]),
        ]);
      } else if (native.message === 'Unexpected end of JSON input') {
        expect([mine.error.message, mine.error.offset], context).toEqual([native.message, text.length]);
      } else if (token) {
        expect(mine.error.message.startsWith('Unexpected token'), context).toBe(true);
        expect(text.startsWith(token[1]!, mine.error.offset), context).toBe(true);
      } else {
        throw new Error(`unrecognised JSON.parse message for ${context}: ${native.message}`);
      }
    }
    // The generator must actually produce both kinds of failure for the comparison to mean anything.
    expect(rejected).toBeGreaterThan(2000);
    expect(positioned).toBeGreaterThan(1000);
  });
});
