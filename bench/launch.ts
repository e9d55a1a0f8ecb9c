// Launch to first painted list: from spawning `node bin/kcx.js` in a PTY until the output chunk that
// puts connector rows on the screen arrives. Loopback cluster, median of several launches.
import { spawnKcx } from '../test/support/pty.js';
import { startBenchEmulator } from './emulator-host.js';
import { PtyClock } from './pty-clock.js';
import { median } from './stats.js';

export interface LaunchOptions {
  connectors: number;
  runs: number;
  cols: number;
  rows: number;
}

export interface LaunchResult {
  runs: number[];
  median: number;
}

export async function benchLaunch(options: LaunchOptions): Promise<LaunchResult> {
  const emu = await startBenchEmulator({ connectors: options.connectors, seed: 5 });
  const painted = (s: string) =>
    s.includes(`${options.connectors} connectors`) && /\b(RUNNING|FAILED|PAUSED)\b/.test(s);
  const runs: number[] = [];
  try {
    // One unmeasured launch warms the file-system cache for node and dist/kcx.js.
    for (let i = -1; i < options.runs; i++) {
      const t0 = performance.now();
      const kcx = spawnKcx(['--url', emu.url, '--context', 'bench'], {
        cols: options.cols,
        rows: options.rows,
      });
      const clock = new PtyClock(kcx);
      try {
        const frame = await clock.arrivalOf(painted, 30_000);
        if (i >= 0) runs.push(frame.at - t0);
      } finally {
        await kcx.close();
      }
    }
  } finally {
    await emu.close();
  }
  return { runs, median: median(runs) };
}
