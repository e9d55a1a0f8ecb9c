// The console keeps V8's young generation at its initial size with a flag set at run time. V8 reads
// it when it considers growing the young generation; a Node whose V8 stopped honouring it would
// silently cost the console ~30 MB of resident memory at 10,000 connectors, so this checks the effect.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { keepYoungGenerationSmall, YOUNG_GENERATION_FLAG } from '../../src/tui/heap-tuning.js';

/** The young generation's size (MB) after a burst of allocations that survive, as the first listing does. */
function youngGenerationAfterBurst(flag: string | undefined): number {
  const script = `
    const v8 = require('node:v8');
    ${flag ? `v8.setFlagsFromString(${JSON.stringify(flag)});` : ''}
    const keep = [];
    for (let round = 0; round < 20; round++) {
      const rows = [];
      for (let i = 0; i < 100000; i++) rows.push({ i, name: 'connector-' + i });
      keep.push(rows);
      if (keep.length > 3) keep.shift();
    }
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(young.space_size / 1048576));
  `;
  // Without NODE_OPTIONS: a --max-semi-space-size there would cap the growth this compares with.
  const env = { ...process.env, NODE_OPTIONS: '' };
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env }));
}

describe('keeping the young generation small', () => {
  it('stops V8 growing it under a burst that survives (it grows without the flag)', () => {
    const grown = youngGenerationAfterBurst(undefined);
    const kept = youngGenerationAfterBurst(YOUNG_GENERATION_FLAG);
    expect(grown).toBeGreaterThanOrEqual(16);
    expect(kept).toBeLessThanOrEqual(8);
  });

  it('is what the console asks of V8, unless KCX_YOUNG_GENERATION=default', () => {
    const set: string[] = [];
    keepYoungGenerationSmall({}, (flags) => set.push(flags));
    expect(set).toEqual([YOUNG_GENERATION_FLAG]);
    keepYoungGenerationSmall({ KCX_YOUNG_GENERATION: 'default' }, (flags) => set.push(flags));
    expect(set).toEqual([YOUNG_GENERATION_FLAG]);
  });
});
