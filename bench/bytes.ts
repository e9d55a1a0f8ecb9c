// Bytes kcx writes to the terminal per refresh, in a real PTY with the built binary, on a cluster
// where nothing changes by itself (no flapping tasks): first over several refreshes where nothing
// changed, then for the refresh that brings one connector's new state (paused in the emulator), and
// the frame that ends that row's "changed" highlight a few seconds later.
import { spawnKcx } from '../test/support/pty.js';
import { startBenchEmulator } from './emulator-host.js';
import { memoryOf } from './proc.js';
import { PtyClock } from './pty-clock.js';
import { sleep } from './stats.js';

export interface BytesOptions {
  connectors: number;
  /** kcx's --refresh: short, so that the idle window holds several refreshes. */
  refresh: string;
  idleRefreshes: number;
  cols: number;
  rows: number;
}

export interface BytesResult {
  cols: number;
  rows: number;
  idleRefreshes: number;
  idleBytes: number;
  /** The connector paused, and the bytes of the refresh that showed it. */
  changedName: string;
  changeBytes: number;
  changeFrames: number;
  /** The frame that ends the row's highlight (kcx marks changed rows for a few seconds). */
  fadeBytes: number;
  fadeFrames: number;
  /** Bytes written from launch until the list was painted: what a full screen costs. */
  fullPaintBytes: number;
  /** kcx's VmRSS at the end of the idle window: refreshes only, no keys typed. */
  idleRss: number;
  /** Refreshes since launch when idleRss was read. */
  idleRssRefreshes: number;
}

/** A row of the list as the screen shows it: the mark column, then the name padded to its column. */
function rowOf(screen: string, name: string): string | undefined {
  return screen.split('\n').find((l) => l.slice(2).startsWith(`${name} `));
}

export async function benchBytes(options: BytesOptions): Promise<BytesResult> {
  const emu = await startBenchEmulator({ connectors: options.connectors, seed: 3, trouble: 0 });
  const kcx = spawnKcx(['--url', emu.proxyUrl, '--context', 'bench', '--refresh', options.refresh], {
    cols: options.cols,
    rows: options.rows,
  });
  const clock = new PtyClock(kcx);
  try {
    await clock.waitFor(`${options.connectors} connectors`, 60_000);
    const screen = await clock.waitFor(/RUNNING/, 10_000);
    await clock.quiet(1000, 30_000);
    const fullPaintBytes = clock.bytesReceived;

    // A plain-named connector a few rows down the screen: not the selected (inverse) row, whose
    // highlight would not show.
    const names = new Set(await emu.names());
    const onScreen = screen
      .split('\n')
      .map((line) => line.slice(2).split(' ')[0]!)
      .filter((name) => names.has(name) && /^[a-z0-9-]+$/.test(name));
    const changedName = onScreen[3] ?? onScreen.at(-1);
    if (!changedName) throw new Error(`no connector row found on the screen:\n${screen}`);

    // Nothing changes: count bytes over `idleRefreshes` complete refreshes.
    const idleFrom = (await emu.counters()).listings;
    const idleStart = clock.bytesReceived;
    await emu.waitForListings(idleFrom, options.idleRefreshes + 1, 60_000);
    const idleBytes = clock.bytesReceived - idleStart;
    const idleRss = memoryOf(kcx.pty.pid).rss;
    const idleRssRefreshes = (await emu.counters()).listings - 1;

    // One row changes.
    await clock.quiet(100);
    const changeStart = clock.bytesReceived;
    const changeFramesStart = clock.frames;
    const shown = clock.arrivalOf((s) => /\bPAUSED\b/.test(rowOf(s, changedName) ?? ''), 20_000);
    await emu.pause(changedName);
    await shown;
    await clock.quiet(300);
    const changeBytes = clock.bytesReceived - changeStart;
    const changeFrames = clock.frames - changeFramesStart;

    // The highlight fades (3 s after the change in kcx); wait well past it, with refreshes between.
    const fadeStart = clock.bytesReceived;
    const fadeFramesStart = clock.frames;
    await sleep(4000);
    await clock.quiet(300);
    const fadeBytes = clock.bytesReceived - fadeStart;
    const fadeFrames = clock.frames - fadeFramesStart;

    return {
      cols: options.cols,
      rows: options.rows,
      idleRefreshes: options.idleRefreshes,
      idleBytes,
      changedName,
      changeBytes,
      changeFrames,
      fadeBytes,
      fadeFrames,
      fullPaintBytes,
      idleRss,
      idleRssRefreshes,
    };
  } finally {
    await kcx.close();
    await emu.close();
  }
}
