import fuzzysort from 'fuzzysort';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/emulator/seed.js';
import { FuzzyIndex, fuzzyFilter, highlightRuns, type NarrowedList } from '../../src/domain/fuzzy.js';

const id = (s: string) => s;

describe('fuzzyFilter', () => {
  const names = ['payments-source', 'orders-sink', 'orders-source', 'users-sink', 'inventory'];

  it('returns everything in input order for an empty or blank query', () => {
    for (const q of ['', '   ']) {
      const all = fuzzyFilter(names, q, id);
      expect(all.map((m) => m.item)).toEqual(names);
      expect(all.every((m) => m.positions.length === 0)).toBe(true);
    }
  });

  it('hides nothing that matches, however weakly (fuzzysort defaults would)', () => {
    // "ss" is a weak scattered match in four names; fuzzysort's default threshold drops all of them.
    const hits = fuzzyFilter(names, 'ss', id).map((m) => m.item);
    expect(hits.sort()).toEqual(['orders-sink', 'orders-source', 'payments-source', 'users-sink']);
  });

  it('puts the best match first and gives matched positions', () => {
    const [best] = fuzzyFilter(names, 'orsink', id);
    expect(best?.item).toBe('orders-sink');
    expect(best?.positions).toEqual([0, 1, 7, 8, 9, 10]);
    expect(best!.score).toBeGreaterThan(0);
  });

  it('drops non-matches', () => {
    expect(fuzzyFilter(names, 'xyz', id)).toEqual([]);
  });

  it('matches every space-separated word, in any order', () => {
    expect(fuzzyFilter(names, 'sink orders', id).map((m) => m.item)).toEqual(['orders-sink']);
  });

  it('is case-insensitive and handles Hangul and emoji names (positions in UTF-16 units)', () => {
    const items = ['주문-싱크', '🚀rocket-src', 'Orders'];
    expect(fuzzyFilter(items, '싱크', id)[0]).toMatchObject({ item: '주문-싱크', positions: [3, 4] });
    expect(fuzzyFilter(items, 'rock', id)[0]).toMatchObject({
      item: '🚀rocket-src',
      positions: [2, 3, 4, 5],
    });
    expect(fuzzyFilter(items, 'orders', id).map((m) => m.item)).toEqual(['Orders']);
  });

  it('keeps input order among equal scores', () => {
    const items = [{ n: 'b-sink' }, { n: 'a-sink' }, { n: 'c-sink' }];
    // Same length and same match shape: equal scores.
    expect(fuzzyFilter(items, 'sink', (x) => x.n).map((m) => m.item.n)).toEqual([
      'b-sink',
      'a-sink',
      'c-sink',
    ]);
  });

  it('filters 10,000 names correctly', () => {
    const many = Array.from(
      { length: 10_000 },
      (_, i) => `conn-${['orders', 'payments', 'users', 'events'][i % 4]}-${i}`,
    );
    const index = new FuzzyIndex(many, id);
    expect(index.size).toBe(10_000);
    expect(index.filter('')).toHaveLength(10_000);
    // Exactly the names containing "payments" and then "-77" somewhere after.
    const hits = index.filter('payments-77');
    expect(hits[0]?.item).toBe('conn-payments-77');
    const exact = many.filter((n) => /^conn-payments-77/.test(n));
    expect(
      hits
        .slice(0, exact.length)
        .map((m) => m.item)
        .sort(),
    ).toEqual(exact.sort());
    for (const m of hits) {
      // Every position points at the query's characters, in order.
      expect(m.positions.map((p) => m.item[p]).join('')).toBe('payments-77');
    }
    expect(index.filter('zzz')).toEqual([]);
    // The same index answers a narrowing sequence of queries consistently.
    const narrowed = ['e', 'ev', 'eve', 'even', 'event'].map((q) => index.filter(q).length);
    for (let i = 1; i < narrowed.length; i++) expect(narrowed[i]!).toBeLessThanOrEqual(narrowed[i - 1]!);
    expect(narrowed.at(-1)).toBe(2500);
  });

  it('gives the same results from a fresh index over the same names (shared prepared cache)', () => {
    const a = fuzzyFilter(names, 'src', id);
    const b = new FuzzyIndex([...names], id).filter('src');
    expect(b).toEqual(a);
  });
});

describe('FuzzyIndex.filter positions', () => {
  it('a query typed again highlights its own letters, whatever was searched in between', () => {
    const names = ['xaxbxcx', 'xxaxbxcx', 'abc'];
    const index = new FuzzyIndex(names, id);
    const first = index.filter('ab');
    // Another search over the same names, read before the first one's positions are.
    for (const m of index.filter('abc')) void m.positions;
    const again = index.filter('ab');
    for (const m of [...first, ...again]) {
      expect(m.positions.map((p) => m.item[p]).join('')).toBe('ab');
    }
  });
});

describe('highlightRuns', () => {
  it('splits text into matched and unmatched runs', () => {
    expect(highlightRuns('orders-sink', [0, 1, 7, 8])).toEqual([
      { text: 'or', match: true },
      { text: 'ders-', match: false },
      { text: 'si', match: true },
      { text: 'nk', match: false },
    ]);
  });

  it('is one plain run without positions', () => {
    expect(highlightRuns('abc', [])).toEqual([{ text: 'abc', match: false }]);
    expect(highlightRuns('', [])).toEqual([]);
  });

  it('keeps a surrogate pair whole', () => {
    expect(highlightRuns('🚀ab', [0, 1])).toEqual([
      { text: '🚀', match: true },
      { text: 'ab', match: false },
    ]);
  });
});

describe('FuzzyIndex.narrow', () => {
  const names = ['orders-sink', 'payments-source', 'orders-source', 'users-sink', '주문-싱크 🚀'];
  const items = (list: NarrowedList<string>) => list.toArray();

  it('keeps the input order rather than the score order, with the positions filter() gives', () => {
    const index = new FuzzyIndex(names, id);
    for (const query of ['source', 'sink', 'os', 'sink orders', '싱크', 'e']) {
      const narrowed = index.narrow(query);
      const byScore = index.filter(query);
      expect(narrowed.query).toBe(query);
      // The same matches, in input order.
      expect(items(narrowed)).toEqual(names.filter((n) => byScore.some((b) => b.item === n)));
      for (let i = 0; i < narrowed.length; i++) {
        const item = narrowed.item(i);
        expect(narrowed.positions(i)).toEqual(byScore.find((b) => b.item === item)?.positions);
      }
    }
  });

  it('answers a query typed again (Backspace, re-typing) the same way', () => {
    const index = new FuzzyIndex(names, id);
    const first = items(index.narrow('ord'));
    expect(first).toEqual(['orders-sink', 'orders-source']);
    index.narrow('ords');
    index.narrow('ordsx');
    expect(items(index.narrow('ord'))).toEqual(first);
    expect(index.narrow('ordsx').length).toBe(0);
  });

  it('finds an item by predicate, and reads nothing past the end', () => {
    const narrowed = new FuzzyIndex(names, id).narrow('source');
    expect(narrowed.findIndex((n) => n.startsWith('orders-'))).toBe(1);
    expect(narrowed.findIndex((n) => n.endsWith('-sink'))).toBe(-1);
    expect(narrowed.positions(5)).toEqual([]);
  });

  it('is every item, in order and without positions, for an empty or blank query', () => {
    for (const query of ['', '  ']) {
      const all = new FuzzyIndex(names, id).narrow(query);
      expect(items(all)).toEqual(names);
      expect(all.positions(0)).toEqual([]);
    }
  });

  it('matches exactly the names fuzzysort matches, for odd names and queries too', () => {
    const rng = mulberry32(11);
    const bits = [
      'orders',
      'Sink',
      'JDBC',
      '-',
      '_',
      ' ',
      '.',
      'é',
      'É',
      'ø',
      '“q”',
      '\\',
      '"',
      '`',
      '주문',
      '싱크',
      '🚀',
      'ΑΣ',
      'σ',
      'İ',
      'x',
      '7',
      'ß',
      'ﬁ',
      '\t',
    ];
    const word = (n: number) =>
      Array.from({ length: n }, () => bits[Math.floor(rng() * bits.length)]).join('');
    const many = Array.from({ length: 3000 }, () => word(1 + Math.floor(rng() * 5)));
    const index = new FuzzyIndex(many, id);
    const queries = [
      'o',
      'or',
      'ORD',
      'sink ord',
      'ord  sink ord',
      'e',
      'E',
      'o',
      '"',
      "'",
      '/',
      'q',
      'σ',
      'ας',
      'i̇',
      'i',
      'ss',
      'fi',
      '주',
      '🚀',
      ' x ',
      'x\t',
      '-7',
      'jdbc é',
    ];
    for (let i = 0; i < 40; i++)
      queries.push(word(1 + Math.floor(rng() * 2)).slice(0, 1 + Math.floor(rng() * 4)));
    for (const query of queries) {
      if (query.trim() === '') continue;
      const expected = new Set(fuzzysort.go(query, many, { limit: 0, threshold: 0 }).map((r) => r.target));
      const got = items(index.narrow(query));
      expect(got, JSON.stringify(query)).toEqual(many.filter((n) => expected.has(n)));
    }
  });

  it('a word split by a tab is one word without a space: its matches do not bound a longer query', () => {
    const names = ['a-b', 'a\tb', 'ba-c', 'c-a-b'];
    const typed = new FuzzyIndex(names, id);
    typed.narrow('a\tb');
    expect(items(typed.narrow('a\tb c'))).toEqual(items(new FuzzyIndex([...names], id).narrow('a\tb c')));
    expect(items(typed.narrow('a\tb c'))).toEqual(['ba-c', 'c-a-b']);
  });

  it('narrows 10,000 names to exactly those filter() finds', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `conn-${['orders', 'jdbc', 'events'][i % 3]}-${i}`);
    const index = new FuzzyIndex(many, id);
    for (const query of ['e', 'ev', 'jd7', 'orders-99', 'zzz']) {
      const expected = new Set(index.filter(query).map((m) => m.item));
      expect(items(index.narrow(query))).toEqual(many.filter((n) => expected.has(n)));
    }
  });
});
