// YAML (and JSON, which is YAML) read into a small tree that remembers where every value came from,
// so that a bad value in a 300-line file is reported as `file:line:col`, not "somewhere".
// Anchors and aliases are resolved, and `<<` merge keys are honoured (operators use them for shared
// connector settings); syntax errors and duplicate keys are reported with their position.
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
} from 'yaml';
import { InputError } from './input-error.js';

export interface Pos {
  line: number;
  col: number;
}

export type ScalarValue = string | number | boolean | null | bigint;

export type YamlNode =
  | { kind: 'map'; pos: Pos; entries: YamlEntry[] }
  | { kind: 'seq'; pos: Pos; items: YamlNode[] }
  /** `text` is the scalar as written (`1.0`, `0x1F`, `true`), which is what a config value should keep. */
  | { kind: 'scalar'; pos: Pos; value: ScalarValue; text: string };

export interface YamlEntry {
  key: string;
  keyPos: Pos;
  value: YamlNode;
}

const MERGE_KEY = '<<';

/** Every non-empty document of the text, in order. Throws InputError on the first syntax error. */
export function parseYamlDocuments(text: string, file: string): YamlNode[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, merge: false, uniqueKeys: true, prettyErrors: false });
  // parseAllDocuments returns an EmptyStream (an array without documents) for empty input.
  const list = Array.isArray(docs) ? docs : [docs];
  const out: YamlNode[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const at = lineCounter.linePos(error.pos[0]);
      throw new InputError(firstLine(error.message), { file, line: at.line, col: at.col });
    }
    if (doc.contents === null) continue;
    const node = convert(doc, doc.contents as Node, lineCounter, file, 0);
    if (node.kind === 'scalar' && node.value === null) continue;
    out.push(node);
  }
  return out;
}

/** The library's messages end with a code frame; the first line says what is wrong. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

function convert(doc: Document, node: Node, lc: LineCounter, file: string, depth: number): YamlNode {
  // An alias that refers to itself (directly or through a parent) would recurse for ever.
  if (depth > 200) throw new InputError('nesting too deep (an alias refers to itself?)', { file });
  const pos = position(node, lc);
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target) throw new InputError(`unknown alias *${node.source}`, { file, ...pos });
    return convert(doc, target, lc, file, depth + 1);
  }
  if (isScalar(node)) {
    const value = node.value as ScalarValue;
    const text = typeof value === 'string' ? value : (node.source ?? String(value));
    return { kind: 'scalar', pos, value, text };
  }
  if (isSeq(node)) {
    return {
      kind: 'seq',
      pos,
      items: node.items.map((item) => convert(doc, item as Node, lc, file, depth + 1)),
    };
  }
  if (isMap(node)) {
    const entries: YamlEntry[] = [];
    const merged: YamlEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyPos = keyNode ? position(keyNode, lc) : pos;
      const key = keyText(keyNode);
      if (key === undefined) throw new InputError('map keys must be plain strings', { file, ...keyPos });
      const value: YamlNode = pair.value
        ? convert(doc, pair.value as Node, lc, file, depth + 1)
        : { kind: 'scalar', pos: keyPos, value: null, text: '' };
      if (key === MERGE_KEY && isScalar(keyNode) && keyNode.type === 'PLAIN') {
        merged.push(...mergeSources(value, file));
        continue;
      }
      entries.push({ key, keyPos, value });
    }
    // Explicit keys win over merged ones, as the YAML merge-key spec says.
    const own = new Set(entries.map((e) => e.key));
    const fromMerge: YamlEntry[] = [];
    for (const e of merged) {
      if (own.has(e.key)) continue;
      own.add(e.key);
      fromMerge.push(e);
    }
    return { kind: 'map', pos, entries: [...fromMerge, ...entries] };
  }
  throw new InputError('unsupported YAML node', { file, ...pos });
}

function mergeSources(value: YamlNode, file: string): YamlEntry[] {
  if (value.kind === 'map') return value.entries;
  if (value.kind === 'seq' && value.items.every((i) => i.kind === 'map')) {
    return value.items.flatMap((i) => (i.kind === 'map' ? i.entries : []));
  }
  throw new InputError('a << merge key needs a map (or a list of maps)', { file, ...value.pos });
}

function keyText(key: Node | null): string | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
    return key.source ?? String(v);
  return undefined;
}

function position(node: Node, lc: LineCounter): Pos {
  const offset = node.range?.[0] ?? 0;
  return lc.linePos(offset);
}

/** The entry of a map by key. */
export function entryOf(node: Extract<YamlNode, { kind: 'map' }>, key: string): YamlEntry | undefined {
  return node.entries.find((e) => e.key === key);
}

export function describeKind(node: YamlNode): string {
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'empty';
  return typeof node.value === 'string' ? 'a string' : `a ${typeof node.value}`;
}
