// Fuzzy filtering for the connectors list (and the picker): peco-style narrowing over up to 10,000
// names on every keystroke, with the matched character positions for highlighting.
import fuzzysort, { type Prepared, type SnapshotKey } from 'fuzzysort';

export interface FuzzyMatch<T> {
  item: T;
  /** 1 is an exact match, towards 0 a weak one; 0 for everything when the query is empty. */
  score: number;
  /** Matched positions as UTF-16 code-unit indexes into the key string, ascending. */
  positions: number[];
}

/** The defaults hide weak matches (threshold 0.5) and all but 10 results; a filter must hide nothing. */
const SHOW_ALL = { limit: 0, threshold: 0 } as const;

/**
 * Preparing a target is most of the cost of a search, and the names barely change between polls or
 * keystrokes, so prepared targets are shared by string across indexes. Cleared wholesale when it
 * outgrows a few snapshots' worth, which bounds memory without bookkeeping per entry.
 */
const preparedCache = new Map<string, Prepared>();
const PREPARED_CACHE_MAX = 50_000;

function prepare(text: string): Prepared {
  let prepared = preparedCache.get(text);
  if (!prepared) {
    if (preparedCache.size >= PREPARED_CACHE_MAX) preparedCache.clear();
    prepared = fuzzysort.prepare(text);
    preparedCache.set(text, prepared);
  }
  return prepared;
}

/**
 * A text as fuzzysort compares it (its own preparation: typographic quotes and accents folded, then
 * lower-cased). Matching needs only this; fuzzysort's prepared form adds per-character arrays.
 */
function comparable(text: string): string {
  return (fuzzysort.prepare(text) as Prepared & { _targetLower: string })._targetLower;
}

/** Whether `word`'s characters appear in `text` in order: fuzzysort's test for a match. */
function inOrder(word: string, text: string): boolean {
  let w = 0;
  for (let t = 0; t < text.length && w < word.length; t++) {
    if (text.charCodeAt(t) === word.charCodeAt(w)) w++;
  }
  return w === word.length;
}

const RECENT_QUERIES = 32;
const RECENT_HITS = 40_000;

/**
 * Results of recent queries, least recently used dropped first. Short queries match most names, so
 * the matches held are bounded, not just the queries; the newest is always kept.
 */
class RecentResults<V extends { readonly length: number }> {
  private readonly byQuery = new Map<string, V>();
  private held = 0;

  constructor(private readonly maxHeld: number) {}

  get(query: string): V | undefined {
    const known = this.byQuery.get(query);
    if (known !== undefined) {
      this.byQuery.delete(query);
      this.byQuery.set(query, known);
    }
    return known;
  }

  set(query: string, value: V): void {
    this.byQuery.set(query, value);
    this.held += value.length;
    while (this.byQuery.size > 1 && (this.byQuery.size > RECENT_QUERIES || this.held > this.maxHeld)) {
      const oldest = this.byQuery.keys().next().value!;
      this.held -= this.byQuery.get(oldest)!.length;
      this.byQuery.delete(oldest);
    }
  }

  entries(): IterableIterator<[string, V]> {
    return this.byQuery.entries();
  }
}

interface Target {
  order: number;
  prepared: Prepared;
}

/**
 * One match. Positions are computed on first use: a one-letter query over 10,000 names matches
 * thousands, and only the few rows on the screen are ever highlighted. Computed again by the index,
 * not read from fuzzysort's result, whose positions array belongs to the prepared name and is
 * overwritten by the next search over it.
 */
class Hit {
  private known?: number[];

  constructor(
    readonly order: number,
    readonly score: number,
    private readonly index: StringIndex,
    private readonly query: string,
  ) {}

  get positions(): number[] {
    this.known ??= this.index.positionsOf(this.query, this.order);
    return this.known;
  }
}

/** A FuzzyMatch over a Hit, positions still read lazily. */
class Match<T> implements FuzzyMatch<T> {
  constructor(
    readonly item: T,
    private readonly hit: Hit,
  ) {}

  get score(): number {
    return this.hit.score;
  }

  get positions(): number[] {
    return this.hit.positions;
  }
}

/**
 * A searchable list of strings. fuzzysort's snapshot also remembers recent queries, which makes a
 * query that extends the previous one (typing) cheaper, so one is worth keeping across keystrokes.
 * It is built on the first scored search: narrowing (ordersOf) needs only the lower-cased texts.
 */
class StringIndex {
  private scored?: SnapshotKey<Target>;
  /** The texts as fuzzysort compares them: lower-cased, accents and typographic quotes folded. */
  private readonly lowers: string[];

  constructor(readonly texts: readonly string[]) {
    this.lowers = texts.map(comparable);
  }

  private scoring(): SnapshotKey<Target> {
    if (!this.scored) {
      const targets = this.texts.map((text, order) => ({ order, prepared: prepare(text) }));
      this.scored = fuzzysort.snapshot(targets, { key: (t: Target) => t.prepared });
    }
    return this.scored;
  }

  /** Recent queries' hits: typing and erasing a word asks for the same queries again. */
  private readonly recent = new RecentResults<Hit[]>(RECENT_HITS);

  search(query: string): Hit[] {
    const known = this.recent.get(query);
    if (known) return known;
    const hits = this.run(query);
    this.recent.set(query, hits);
    return hits;
  }

  /** Recent queries' matches as input positions, ascending, by the query as compared. */
  private readonly recentOrders = new RecentResults<Int32Array>(RECENT_HITS * 4);

  /**
   * The matches of `query` as positions into the texts, ascending: exactly the texts fuzzysort
   * matches, found without scoring them. A typed array rather than an object per match: a one-letter
   * query over 10,000 names matches most of them, on every keystroke. A query that extends a recent
   * one (typing) looks only among that one's matches.
   */
  ordersOf(query: string): Int32Array {
    const lower = comparable(query).trim();
    const known = this.recentOrders.get(lower);
    if (known) return known;
    // Every word of a shorter query is a prefix of a word of this one, so its matches include these.
    let candidates: Int32Array | undefined;
    // (fuzzysort splits words on any whitespace, but only when there is a space: a query with
    // another whitespace character and no space is one word, and its matches are no such bound.)
    for (const [before, orders] of this.recentOrders.entries()) {
      if (/[^\S ]/.test(before)) continue;
      if (lower.startsWith(before) && (!candidates || orders.length < candidates.length)) candidates = orders;
    }
    const words = lower.includes(' ') ? [...new Set(lower.split(/\s+/))] : [lower];
    const total = candidates ? candidates.length : this.lowers.length;
    const found = new Int32Array(total);
    let count = 0;
    for (let k = 0; k < total; k++) {
      const order = candidates ? candidates[k]! : k;
      const text = this.lowers[order]!;
      let all = true;
      for (const word of words) {
        if (!inOrder(word, text)) {
          all = false;
          break;
        }
      }
      if (all) found[count++] = order;
    }
    const orders = found.slice(0, count);
    this.recentOrders.set(lower, orders);
    return orders;
  }

  /** Where `query` matches text `order` (as `search()` would place it); empty when it does not. */
  positionsOf(query: string, order: number): number[] {
    const result = fuzzysort.single(query, prepare(this.texts[order]!));
    return result ? [...result.indexes] : [];
  }

  private run(query: string): Hit[] {
    const hits = fuzzysort
      .go(query, this.scoring(), SHOW_ALL)
      .map((r) => new Hit(r.obj.order, r.score, this, query));
    return hits.sort((a, b) => b.score - a.score || a.order - b.order);
  }
}

/**
 * The last few string indexes, found again by content: views re-sort or rebuild their rows on every
 * keystroke, so the array is new each time while the names in it are the same.
 */
const recentIndexes: StringIndex[] = [];
const RECENT_MAX = 4;

function stringIndexFor(texts: readonly string[]): StringIndex {
  const i = recentIndexes.findIndex((idx) => sameStrings(idx.texts, texts));
  const found = i >= 0 ? recentIndexes.splice(i, 1)[0]! : new StringIndex(texts);
  recentIndexes.unshift(found);
  recentIndexes.length = Math.min(recentIndexes.length, RECENT_MAX);
  return found;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Items prepared for searching; build one per snapshot (or per list) and query it per keystroke. */
export class FuzzyIndex<T> {
  private readonly items: readonly T[];
  private readonly index: StringIndex;

  constructor(items: readonly T[], key: (item: T) => string) {
    this.items = items;
    this.index = stringIndexFor(items.map(key));
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Best matches first; equal scores keep the input order. Space-separated words must all match, in
   * any order. An empty (or blank) query returns every item in input order, without positions.
   */
  filter(query: string): FuzzyMatch<T>[] {
    if (query.trim() === '') return this.items.map((item) => ({ item, score: 0, positions: [] }));
    return this.index.search(query).map((h) => new Match(this.items[h.order] as T, h));
  }

  /**
   * The matches in input order (a sorted list narrowing in place), without an object per match: a
   * view over the items that reads an item and its matched positions by index, for a long list of
   * which only a screenful is ever drawn.
   */
  narrow(query: string): NarrowedList<T> {
    if (query.trim() === '') return new Narrowed(this.items, null, this.index, '');
    return new Narrowed(this.items, this.index.ordersOf(query), this.index, query);
  }
}

/** The items that match a query, in input order, read by index. */
export interface NarrowedList<T> {
  readonly length: number;
  /** The query it was narrowed by ('' for every item). */
  readonly query: string;
  item(i: number): T;
  /** Matched positions in item i's key, ascending; empty without a query. */
  positions(i: number): number[];
  findIndex(predicate: (item: T) => boolean): number;
  toArray(): T[];
}

class Narrowed<T> implements NarrowedList<T> {
  readonly length: number;

  constructor(
    private readonly items: readonly T[],
    /** Positions into items, ascending; null for all of them. */
    private readonly orders: Int32Array | null,
    private readonly index: StringIndex,
    readonly query: string,
  ) {
    this.length = orders ? orders.length : items.length;
  }

  item(i: number): T {
    return this.items[this.orders ? this.orders[i]! : i] as T;
  }

  positions(i: number): number[] {
    if (!this.orders || i < 0 || i >= this.length) return [];
    return this.index.positionsOf(this.query, this.orders[i]!);
  }

  findIndex(predicate: (item: T) => boolean): number {
    for (let i = 0; i < this.length; i++) if (predicate(this.item(i))) return i;
    return -1;
  }

  toArray(): T[] {
    if (!this.orders) return [...this.items];
    return Array.from(this.orders, (order) => this.items[order] as T);
  }
}

/** Filtering without keeping an index: repeated calls over the same names reuse a recent one. */
export function fuzzyFilter<T>(
  items: readonly T[],
  query: string,
  key: (item: T) => string,
): FuzzyMatch<T>[] {
  if (query.trim() === '') return items.map((item) => ({ item, score: 0, positions: [] }));
  return new FuzzyIndex(items, key).filter(query);
}

/**
 * Splits `text` into runs for rendering, marking the matched ones. Positions are code-unit indexes;
 * a character is matched when its first unit is, so a run never splits a surrogate pair. `text` may
 * be the key cut short (a column's width): positions past its end are ignored.
 */
export function highlightRuns(
  text: string,
  positions: readonly number[],
): { text: string; match: boolean }[] {
  if (positions.length === 0) return text === '' ? [] : [{ text, match: false }];
  const matched = new Set(positions);
  const runs: { text: string; match: boolean }[] = [];
  let run = '';
  let runMatch = false;
  let unit = 0;
  for (const ch of text) {
    const match = matched.has(unit);
    unit += ch.length;
    if (match !== runMatch && run !== '') {
      runs.push({ text: run, match: runMatch });
      run = '';
    }
    runMatch = match;
    run += ch;
  }
  if (run !== '') runs.push({ text: run, match: runMatch });
  return runs;
}
