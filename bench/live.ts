// One kcx session on a large live cluster at the default refresh (2 s), in a real PTY with the built
// binary: the filter's keystroke-to-frame latency, then the resident memory.
//
// Latency: the time from writing a key to the PTY until the output chunk that puts its effect on
// the screen arrives — the query line shows the new query and its match count. Ink paints the
// narrowed rows above that line in the same frame, so they are on the screen by then.
import { KEYS, spawnKcx } from '../test/support/pty.js';
import { startBenchEmulator } from './emulator-host.js';
import { cpuMsOf, memoryOf } from './proc.js';
import { PtyClock } from './pty-clock.js';
import { percentile, sleep } from './stats.js';

export interface LiveOptions {
  connectors: number;
  keystrokes: number;
  /** kcx's --refresh; the product default is 2 s. */
  refresh: string;
  /** Refreshes of the whole list before memory is read. */
  refreshesBeforeMemory: number;
  /** VmRSS readings, MEMORY_SAMPLE_MS apart. */
  memorySamples: number;
  cols: number;
  rows: number;
  /** Extra environment for kcx (diagnostics only; the figures use the binary as shipped). */
  env?: Record<string, string>;
}

export interface LiveResult {
  keystrokes: number;
  p50: number;
  p95: number;
  max: number;
  /** kcx's CPU time (user + system) per keystroke, refreshes included; mostly independent of load. */
  cpuMsPerKey: number;
  /** Connector-list refreshes kcx made while the keys were typed (they compete for its thread). */
  refreshesWhileTyping: number;
  /** Samples timed at the check rather than at the chunk's arrival (expected 0). */
  inexact: number;
  /**
   * The samples whose key was written while no refresh was being fetched or digested (no listing
   * request from 50 ms before the key to REFRESH_WINDOW_MS after its response): the cost of a
   * keystroke on its own.
   */
  away: { count: number; p50: number; p95: number };
  /** VmRSS of the kcx process, sampled over a few refreshes: median, lowest, highest (bytes). */
  rss: { median: number; min: number; max: number; samples: number };
  /** VmHWM: the highest RSS of the process's life. */
  peakRss: number;
  refreshesBeforeRss: number;
}

/** How long after a listing response kcx is taken to be busy digesting it (parse, snapshot, diff). */
export const REFRESH_WINDOW_MS = 500;
const MEMORY_SAMPLE_MS = 200;

/** Words typed letter by letter and then erased: queries that narrow to a few rows and widen again. */
const WORDS = ['orders', 'jdbc', 'payments', 'mirror', 'sink', 'ledger', 'cdc', 'events'];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The filter line for `query`: "/query" + the cursor cell + "  N matches". */
export function queryLine(query: string): RegExp {
  return new RegExp(`^/${escapeRegExp(query)} {3}\\d+ match`, 'm');
}

function keystrokes(count: number): { key: string; query: string }[] {
  const strokes: { key: string; query: string }[] = [];
  for (let w = 0; strokes.length < count; w++) {
    const word = WORDS[w % WORDS.length]!;
    for (let i = 1; i <= word.length; i++) strokes.push({ key: word[i - 1]!, query: word.slice(0, i) });
    for (let i = word.length - 1; i >= 0; i--) strokes.push({ key: KEYS.backspace, query: word.slice(0, i) });
  }
  return strokes.slice(0, count);
}

export async function benchLive(options: LiveOptions): Promise<LiveResult> {
  const emu = await startBenchEmulator({ connectors: options.connectors, seed: 7 });
  const kcx = spawnKcx(['--url', emu.proxyUrl, '--context', 'bench', '--refresh', options.refresh], {
    cols: options.cols,
    rows: options.rows,
    env: options.env,
  });
  const clock = new PtyClock(kcx);
  try {
    await clock.waitFor(`${options.connectors} connectors`, 60_000);
    await clock.waitFor(/RUNNING/, 10_000);
    await clock.quiet(200);
    const opened = clock.arrivalOf(queryLine(''));
    kcx.write('/');
    await opened;

    const pid = kcx.pty.pid;
    const listingsBefore = (await emu.counters()).listings;
    const cpuBefore = cpuMsOf(pid);
    const samples: { latency: number; at: number }[] = [];
    let inexact = 0;
    for (const stroke of keystrokes(options.keystrokes)) {
      // A human pace (60–140 ms between frames, so Ink's 30 fps throttle never holds a frame back),
      // at a random phase of the refresh cycle.
      await sleep(60 + Math.random() * 80);
      await clock.quiet(5);
      const shown = clock.arrivalOf(queryLine(stroke.query), 10_000);
      const at = Date.now();
      const t0 = performance.now();
      kcx.write(stroke.key);
      const frame = await shown;
      if (!frame.exact) inexact++;
      samples.push({ latency: frame.at - t0, at });
    }
    const cpuMs = cpuMsOf(pid) - cpuBefore;
    const listingsAfter = (await emu.counters()).listings;
    const listings = await emu.listingTimes();
    const nearRefresh = (at: number) =>
      listings.some(
        (l) => at >= l.start - 50 && at <= (Number.isNaN(l.end) ? at : l.end) + REFRESH_WINDOW_MS,
      );
    const latencies = samples.map((s) => s.latency).sort((a, b) => a - b);
    const away = samples
      .filter((s) => !nearRefresh(s.at))
      .map((s) => s.latency)
      .sort((a, b) => a - b);

    // Memory: after the typing and at least `refreshesBeforeMemory` refreshes since launch. The
    // listing counter moves when a refresh starts; one more start means the previous one is done.
    const counters = await emu.waitForListings(0, options.refreshesBeforeMemory + 1, 120_000);
    // RSS swings with the garbage collector's cycle: sample it over two refresh intervals.
    const rss: number[] = [];
    for (let i = 0; i < options.memorySamples; i++) {
      rss.push(memoryOf(pid).rss);
      await sleep(MEMORY_SAMPLE_MS);
    }
    rss.sort((a, b) => a - b);
    const peakRss = memoryOf(pid).peak;
    return {
      keystrokes: latencies.length,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      max: latencies.at(-1)!,
      cpuMsPerKey: cpuMs / latencies.length,
      refreshesWhileTyping: listingsAfter - listingsBefore,
      inexact,
      away: { count: away.length, p50: percentile(away, 0.5), p95: percentile(away, 0.95) },
      rss: { median: percentile(rss, 0.5), min: rss[0]!, max: rss.at(-1)!, samples: rss.length },
      peakRss,
      refreshesBeforeRss: counters.listings - 1,
    };
  } finally {
    await kcx.close();
    await emu.close();
  }
}
