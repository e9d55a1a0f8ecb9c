// The console keeps a large, long-lived data set (a row per connector, 10,000 of them) and makes
// small, short-lived garbage per keystroke and per refresh. V8 grows the young generation up to
// 16 MB semi-spaces (32 MB resident, never given back) as soon as a burst of allocations survives,
// which the first listing always is. Kept at its initial size, the survivors (the rows) are promoted
// where they belong anyway, and a keystroke's garbage still dies young. A runtime flag: V8 reads it
// each time it considers growing the young generation.
import { setFlagsFromString } from 'node:v8';

export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';

export function keepYoungGenerationSmall(
  env: NodeJS.ProcessEnv = process.env,
  setFlags: (flags: string) => void = setFlagsFromString,
): void {
  // A diagnosis aid: V8's default growth, for comparison.
  if (env.KCX_YOUNG_GENERATION === 'default') return;
  setFlags(YOUNG_GENERATION_FLAG);
}
