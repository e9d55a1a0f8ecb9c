import { describe, expect, it } from 'vitest';
import { dataAge, dataAgeLabel, formatAge, localTime } from '../../src/domain/format.js';

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [-5000, '0s'],
    [999, '0s'],
    [2000, '2s'],
    [41_900, '41s'],
    [60_000, '1m00s'],
    [185_000, '3m05s'],
    [3_600_000, '1h00m'],
    [7_620_000, '2h07m'],
    [86_400_000 * 3 + 3_600_000 * 4, '3d04h'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('dataAgeLabel', () => {
  const now = 1_000_000;

  it('shows the age of live data', () => {
    expect(dataAgeLabel({ stale: false, lastSuccessAt: now - 2_400 }, now)).toBe('↻ 2s');
  });

  it('shows the refresh cadence instead when given the interval, so a refresh does not change it', () => {
    expect(dataAgeLabel({ stale: false, lastSuccessAt: now - 1_500 }, now, { intervalMs: 2000 })).toBe(
      '↻ 2s',
    );
    expect(dataAgeLabel({ stale: false, lastSuccessAt: now }, now, { intervalMs: 2000 })).toBe('↻ 2s');
    // A sub-second cadence is not "0s".
    expect(dataAgeLabel({ stale: false, lastSuccessAt: now }, now, { intervalMs: 500 })).toBe('↻ 500ms');
  });

  it('shows the age of stale data in warning tone, interval or not', () => {
    const state = { stale: true, lastSuccessAt: now - 41_000 };
    expect(dataAge(state, now, { intervalMs: 2000 })).toEqual({
      text: 'stale 41s · reconnecting',
      tone: 'warning',
    });
  });

  it('says so when there has never been data', () => {
    expect(dataAgeLabel({ stale: false }, now)).toBe('connecting…');
    expect(dataAge({ stale: true }, now)).toEqual({ text: 'no data · reconnecting', tone: 'warning' });
  });
});

describe('localTime', () => {
  it('writes an instant as local date and time to the second, from ISO text or milliseconds', () => {
    const at = new Date(2026, 2, 12, 10, 15, 2, 417);
    expect(localTime(at.toISOString())).toBe('2026-03-12 10:15:02');
    expect(localTime(at.getTime())).toBe('2026-03-12 10:15:02');
  });

  it('leaves a text that is not a date as it is', () => {
    expect(localTime('soon')).toBe('soon');
  });
});
