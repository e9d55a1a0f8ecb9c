import { describe, expect, it } from 'vitest';
import { compareNames, nameSortKey } from '../../src/domain/names.js';

describe('compareNames', () => {
  it('orders numbers numerically and ignores case', () => {
    const names = ['conn-10', 'Conn-9', 'conn-2', 'beta', 'Alpha', 'conn-2-b', 'conn-02'];
    expect([...names].sort(compareNames)).toEqual([
      'Alpha',
      'beta',
      'conn-02',
      'conn-2',
      'conn-2-b',
      'Conn-9',
      'conn-10',
    ]);
  });

  it('is total: names equal but for case still have a fixed order', () => {
    expect(compareNames('A', 'a')).toBeLessThan(0);
    expect(compareNames('a', 'A')).toBeGreaterThan(0);
    expect(compareNames('a', 'a')).toBe(0);
  });

  it('sorts Hangul and emoji names without throwing, after ASCII', () => {
    expect(['주문', '🚀x', 'z'].sort(compareNames)).toEqual(['z', '주문', '🚀x']);
    expect(nameSortKey('주문-7')).toBe(`주문-${'7'.padStart(20, '0')}`);
  });
});
