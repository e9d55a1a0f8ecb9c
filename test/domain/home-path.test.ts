import { describe, expect, it } from 'vitest';
import { tildePath } from '../../src/domain/home-path.js';

describe('tildePath', () => {
  it('shows paths under the home directory as ~/…, and others as they are', () => {
    expect(tildePath('/home/ops/.local/state/kcx/backups', '/home/ops')).toBe('~/.local/state/kcx/backups');
    expect(tildePath('/home/ops', '/home/ops/')).toBe('~');
    expect(tildePath('/home/opsx/state', '/home/ops')).toBe('/home/opsx/state');
    expect(tildePath('/var/lib/kcx', '/home/ops')).toBe('/var/lib/kcx');
    expect(tildePath('/var/lib/kcx', '')).toBe('/var/lib/kcx');
  });
});
