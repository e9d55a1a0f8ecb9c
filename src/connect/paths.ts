// Connector, logger and plugin names may contain anything Connect allows in a config value:
// spaces, '/', '%', '?', '#', Hangul, emoji, '$' in nested plugin classes. Every interpolated
// value becomes exactly one percent-encoded path segment.

/** Encodes one path segment. `.` and `..` are encoded too so no URL layer can normalise them away. */
export function segment(value: string | number): string {
  const s = String(value);
  if (s === '.' || s === '..') return s.replaceAll('.', '%2E');
  return encodeURIComponent(s);
}

/** Tagged template: `path\`/connectors/${name}/tasks/${task}/status\`` with each value encoded. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += segment(v) + (strings[i + 1] ?? '');
  });
  return out;
}

export type QueryValue = string | number | boolean | undefined | readonly (string | number | boolean)[];
export type Query = Record<string, QueryValue>;

/** `?a=1&b=x&b=y`, or '' when nothing is set. `undefined` values are left out. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  // encodeURIComponent rather than URLSearchParams: '%20' for a space is unambiguous everywhere,
  // '+' is only a space to form decoders.
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values as (string | number | boolean)[]) {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}
