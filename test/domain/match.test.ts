import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../src/domain/match.js';

const names = [
  'demo-1',
  'demo-22',
  'old-demo-1',
  'Demo-3',
  'sink-a',
  'sink-b',
  'sink-ab',
  'a.b',
  'axb',
  'x/y z',
];
const pick = (pattern: string) => names.filter(compileMatcher(pattern));

describe('compileMatcher: globs', () => {
  it('matches the whole name: * any run, ? one character', () => {
    expect(pick('demo-*')).toEqual(['demo-1', 'demo-22']);
    expect(pick('*demo-1')).toEqual(['demo-1', 'old-demo-1']);
    expect(pick('sink-?')).toEqual(['sink-a', 'sink-b']);
    expect(pick('*')).toEqual(names);
  });

  it('is case-sensitive, as connector names are', () => {
    expect(pick('demo-3')).toEqual([]);
    expect(pick('Demo-*')).toEqual(['Demo-3']);
  });

  it('supports character classes, negated with !', () => {
    expect(pick('sink-[ab]')).toEqual(['sink-a', 'sink-b']);
    expect(pick('sink-[!a]')).toEqual(['sink-b']);
    expect(pick('demo-[0-9]')).toEqual(['demo-1']);
  });

  it('treats regex metacharacters literally, and \\ escapes a glob character', () => {
    expect(pick('a.b')).toEqual(['a.b']);
    expect(compileMatcher('what\\?')('what?')).toBe(true);
    expect(compileMatcher('what\\?')('whatx')).toBe(false);
    expect(pick('x/y z')).toEqual(['x/y z']);
    expect(compileMatcher('50%-*')('50%-sample')).toBe(true);
  });

  it('an unclosed [ is a literal', () => {
    expect(compileMatcher('[x')('[x')).toBe(true);
  });
});

describe('compileMatcher: /regex/', () => {
  it('matches anywhere unless anchored', () => {
    expect(pick('/demo-\\d$/')).toEqual(['demo-1', 'old-demo-1']);
    expect(pick('/^demo-\\d+$/')).toEqual(['demo-1', 'demo-22']);
  });

  it('takes flags', () => {
    expect(pick('/^demo-3$/i')).toEqual(['Demo-3']);
  });

  it('gives the same answer on every call, even with the g flag', () => {
    const m = compileMatcher('/demo/g');
    expect([m('demo-1'), m('demo-1'), m('demo-1')]).toEqual([true, true, true]);
  });

  it('a lone slash is a glob, not a regex', () => {
    expect(compileMatcher('/')('/')).toBe(true);
  });

  it('throws a clear error naming the pattern for a bad regex', () => {
    expect(() => compileMatcher('/[/')).toThrow(
      /^invalid regular expression \/\[\/: Unterminated character class$/,
    );
    expect(() => compileMatcher('/(/')).toThrow(/invalid regular expression \/\(\//);
    expect(() => compileMatcher('/x/q')).toThrow(/invalid regular expression \/x\/q/);
  });

  it('an empty pattern is an error, not "match everything"', () => {
    expect(() => compileMatcher('')).toThrow(/needs a pattern/);
  });
});
