import { describe, expect, it } from 'vitest';
import { type ConfigCheck, checkConfigText, isSendable } from '../../../src/domain/editor/json-check.js';

function parsed(text: string): Extract<ConfigCheck, { kind: 'config' }> {
  const check = checkConfigText(text);
  if (check.kind !== 'config') throw new Error(`expected a config, got ${JSON.stringify(check)}`);
  return check;
}

describe('checkConfigText', () => {
  it('returns the config and the line of each key', () => {
    const check = parsed(
      '{\n  "name": "orders",\n  "connector.class": "FileStreamSink",\n\n  "topics": "a,b"\n}',
    );
    expect(check.config).toEqual({ name: 'orders', 'connector.class': 'FileStreamSink', topics: 'a,b' });
    expect([...check.keyLines]).toEqual([
      ['name', 2],
      ['connector.class', 3],
      ['topics', 5],
    ]);
    expect(check.notes).toEqual([]);
    expect(check.errors).toEqual([]);
    expect(isSendable(check)).toBe(true);
  });

  it('gives the line and column of a syntax error', () => {
    const check = checkConfigText('{\n  "a": "1",\n  "b": "2",\n}');
    expect(check).toEqual({
      kind: 'text-error',
      error: { message: 'Expected double-quoted property name', offset: 26, line: 4, column: 1 },
    });
    expect(isSendable(check)).toBe(false);
  });

  it('places an unterminated text at its end', () => {
    const check = checkConfigText('{\n  "a": "1"');
    expect(check.kind === 'text-error' && check.error).toMatchObject({ line: 2, column: 11 });
  });

  it('handles an empty text', () => {
    const check = checkConfigText('  \n');
    expect(check.kind === 'text-error' && check.error).toMatchObject({
      message: 'Unexpected end of JSON input',
      line: 2,
      column: 1,
    });
  });

  it.each([
    ['[{"a": "b"}]', 'an array'],
    ['"x"', 'a string'],
    ['42', 'a number'],
    ['null', 'null'],
  ])('refuses %s: a config is an object', (text, what) => {
    const check = checkConfigText(`\n  ${text}`);
    expect(check.kind).toBe('text-error');
    expect(check.kind === 'text-error' && check.error).toMatchObject({ line: 2, column: 3 });
    expect(check.kind === 'text-error' && check.error.message).toContain(`not ${what}`);
  });

  it('converts numbers and booleans to strings, keeping the digits as typed, with a note each', () => {
    const check = parsed(
      '{\n  "tasks.max": 5,\n  "ratio": 5.0,\n  "id": 12345678901234567890,\n  "auto.create": true\n}',
    );
    expect(check.config).toEqual({
      'tasks.max': '5',
      ratio: '5.0',
      id: '12345678901234567890',
      'auto.create': 'true',
    });
    expect(check.notes).toEqual([
      { key: 'tasks.max', line: 2, message: 'converted 5 to "5"' },
      { key: 'ratio', line: 3, message: 'converted 5.0 to "5.0"' },
      { key: 'id', line: 4, message: 'converted 12345678901234567890 to "12345678901234567890"' },
      { key: 'auto.create', line: 5, message: 'converted true to "true"' },
    ]);
    expect(check.errors).toEqual([]);
    expect(isSendable(check)).toBe(true);
  });

  it('refuses null, arrays and nested objects per key, on their lines, and leaves them out', () => {
    const check = parsed('{\n  "a": null,\n  "topics": ["x", "y"],\n  "b": {"c": "d"},\n  "ok": "yes"\n}');
    expect(check.config).toEqual({ ok: 'yes' });
    expect(check.errors.map((e) => [e.key, e.line])).toEqual([
      ['a', 2],
      ['topics', 3],
      ['b', 4],
    ]);
    expect(check.errors[0]!.message).toMatch(/null/);
    expect(check.errors[1]!.message).toMatch(/comma-separated/);
    expect(check.errors[2]!.message).toMatch(/not an object/);
    expect(check.keyLines.get('topics')).toBe(3);
    expect(isSendable(check)).toBe(false);
  });

  it('flags a key written twice on the second line, and uses its last value', () => {
    const check = parsed('{\n  "topics": "a",\n  "x": "1",\n  "topics": "b"\n}');
    expect(check.errors).toEqual([
      { key: 'topics', line: 4, message: '"topics" is also set on line 2; keep only one' },
    ]);
    expect(check.config.topics).toBe('b');
    expect(check.keyLines.get('topics')).toBe(4);
  });

  it('keeps keys with Hangul, emoji and __proto__ as keys', () => {
    const check = parsed('{"이름": "값 😀", "__proto__": "p"}');
    expect(Object.keys(check.config)).toEqual(['이름', '__proto__']);
    expect(check.config.이름).toBe('값 😀');
    expect(Object.getPrototypeOf(check.config)).toBe(Object.prototype);
  });
});
