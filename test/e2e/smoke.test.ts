import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { type KcxTerminal, spawnKcx } from '../support/pty.js';

let kcx: KcxTerminal | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await kcx?.close();
  await close?.();
});

describe('smoke', () => {
  it('paints the home view', async () => {
    const emu = await startEmulator({ port: 0, connectors: 50, startDelayMs: 50 });
    close = emu.close;
    kcx = spawnKcx(['--url', emu.url, '--context', 'e2e']);
    const s = await kcx.waitFor('NAME');
    expect(s).toContain('e2e');
    kcx.write('q');
    const exit = await kcx.exited;
    expect(exit.exitCode).toBe(0);
  });
});
