// Keys typed in a burst (fast typing, a paste, keys that pile up over a slow SSH link or on a busy
// machine) must each count: `src/tui/keys.ts` and `input-stack.tsx` promise it. The machine is made
// busy the way a CPU-quota'd container or an overloaded CI runner is: kcx is stopped and continued
// (SIGSTOP/SIGCONT) every few milliseconds while the keys are handled.
import { afterEach, describe, expect, it } from 'vitest';
import type { KcxTerminal } from '../support/pty.js';
import { type Config, rowShows, Session, sinkConfig, TEST_TIMEOUT, WAIT } from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `act`, then keeps kcx on a 2 ms-in-7 CPU share for `ms`; always leaves it running. */
async function onSlowMachine(kcx: KcxTerminal, act: () => void, ms = 1000): Promise<void> {
  const pid = kcx.pty.pid;
  const end = Date.now() + ms;
  act();
  try {
    while (Date.now() < end) {
      process.kill(pid, 'SIGSTOP');
      await sleep(5);
      process.kill(pid, 'SIGCONT');
      await sleep(2);
    }
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

const queryLine = (screen: string) => screen.split('\n').find((l) => l.startsWith('/')) ?? '';

describe('typing in bursts', { timeout: TEST_TIMEOUT }, () => {
  it('keeps every character of a filter query typed in one burst on a busy machine', async () => {
    const connectors: Record<string, Config> = {};
    for (let i = 0; i < 20; i++) connectors[`conn-${String(i).padStart(2, '0')}`] = sinkConfig(`t${i}`);
    const emu = await session.cluster(connectors);
    const kcx = session.kcx(emu.url);
    await kcx.waitFor(rowShows('conn-05', 'RUNNING'), WAIT);

    const query = 'abcdefghijklmnopqrstuvwxyz';
    const typed: string[] = [];
    for (let burst = 0; burst < 3; burst++) {
      kcx.write('/');
      await kcx.waitFor((s) => queryLine(s) !== '', WAIT);
      await onSlowMachine(kcx, () => kcx.write(query));
      // Every key handled: the query line says what was typed (a dropped key never comes back).
      const screen = await kcx
        .waitFor((s) => queryLine(s).startsWith(`/${query} `), 1500)
        .catch(() => kcx.screen());
      typed.push(queryLine(screen).replace(/\s+\d+ match(es)?.*$/, ''));
      kcx.press('escape');
      await kcx.waitFor((s) => queryLine(s) === '' && s.includes('conn-05'), WAIT);
    }
    expect(typed).toEqual([`/${query}`, `/${query}`, `/${query}`]);
  });

  it('moves the cursor once per key when j is typed in a burst on a busy machine', async () => {
    const connectors: Record<string, Config> = {};
    for (let i = 0; i < 20; i++) connectors[`conn-${String(i).padStart(2, '0')}`] = sinkConfig(`t${i}`);
    const emu = await session.cluster(connectors);
    const kcx = session.kcx(emu.url);
    await kcx.waitFor(rowShows('conn-05', 'RUNNING'), WAIT);

    const landed: string[] = [];
    for (let burst = 0; burst < 3; burst++) {
      kcx.write('g');
      await kcx.waitFor(() => kcx.highlighted().some((l) => l.includes('conn-00')), WAIT);
      await onSlowMachine(kcx, () => kcx.write('j'.repeat(12)));
      await kcx
        .waitFor(() => kcx.highlighted().some((l) => l.includes('conn-12')), 1500)
        .catch(() => undefined);
      landed.push(/conn-\d\d/.exec(kcx.highlighted().find((l) => /conn-\d\d/.test(l)) ?? '')?.[0] ?? '?');
    }
    expect(landed).toEqual(['conn-12', 'conn-12', 'conn-12']);
  });
});
