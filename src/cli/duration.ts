/** "2s", "500ms", "1m" or a number of seconds, in ms. */
export function parseSpan(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!match) throw new Error(`not a duration: ${value} (try 2s or 500ms)`);
  const n = Number(match[1]);
  return match[2] === 'ms' ? n : match[2] === 'm' ? n * 60_000 : n * 1000;
}

/** A refresh interval: a span of at least 200 ms (faster would only load the worker). */
export function parseDuration(value: string): number {
  const ms = parseSpan(value);
  if (ms < 200) throw new Error('the refresh interval must be at least 200ms');
  return ms;
}
