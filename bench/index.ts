// `npm run bench`: measures every performance bar of docs/product.md §7 and prints one table — the
// figure, the bar, pass/fail, and the peer measured in the same run. Benchmarks measure; a missed bar
// is a FAIL in the table, not a failed process. The process fails only if a benchmark crashes.
//
//   npm run bench                     everything (about 1.5–2 minutes)
//   npm run bench -- --quick          fewer samples and a smaller serial delete (about 1 minute)
//   npm run bench -- --only filter,bytes
//
// See bench/README.md for what each figure means and how it is measured.
import { cpus, loadavg } from 'node:os';
import { type BarRow, errorRow } from './bars.js';
import { benchBulk } from './bulk.js';
import { benchBytes } from './bytes.js';
import { benchLaunch } from './launch.js';
import { benchLive, type LiveResult } from './live.js';
import { benchRefresh, formatRefreshDetails } from './refresh.js';
import { fmtBytes, fmtInt, fmtMs } from './stats.js';
import { formatTable } from './table.js';

const FIGURES = ['refresh', 'filter', 'bytes', 'memory', 'launch', 'bulk'] as const;
type Figure = (typeof FIGURES)[number];

function parseArgs(argv: string[]): { quick: boolean; only: Set<Figure> } {
  let quick = process.env.KCX_BENCH_QUICK === '1';
  let only = new Set<Figure>(FIGURES);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg.includes('=') ? arg.slice('--only='.length) : (argv[++i] ?? '');
      const picked = list.split(',').filter(Boolean);
      const unknown = picked.filter((f) => !(FIGURES as readonly string[]).includes(f));
      if (unknown.length > 0 || picked.length === 0)
        throw new Error(`--only takes a comma-separated list of: ${FIGURES.join(', ')}`);
      only = new Set(picked as Figure[]);
    } else if (arg === '--help' || arg === '-h') {
      console.log(`usage: npm run bench -- [--quick] [--only ${FIGURES.join(',')}]`);
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg} (try --help)`);
  }
  return { quick, only };
}

const { quick, only } = parseArgs(process.argv.slice(2));

const SIZE = {
  refreshSizes: [100, 1_000, 10_000],
  fallbackConnectors: 1_000,
  liveConnectors: 10_000,
  keystrokes: quick ? 60 : 150,
  /** The same session with the whole listing parsed on every refresh (KCX_SNAPSHOTS=full). */
  diagnoseKeystrokes: quick ? 0 : 100,
  refreshesBeforeMemory: 5,
  /** VmRSS readings 200 ms apart (two refresh intervals). */
  memorySamples: 20,
  bytesConnectors: 10_000,
  idleRefreshes: quick ? 4 : 6,
  launchConnectors: 500,
  launchRuns: quick ? 5 : 9,
  bulkConnectors: 1_000,
  serialConnectors: quick ? 200 : 1_000,
  cols: 120,
  rows: 40,
};

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const log = (text: string) => process.stderr.write(`· ${text}\n`);
/** Rows keyed by their place in §7 (the benchmarks run in another order). */
const rows: { order: number; row: BarRow }[] = [];
const add = (order: number, ...bars: BarRow[]) => {
  for (const row of bars) rows.push({ order, row });
};
const ORDER = { refresh: 1, filter: 2, bytes: 3, launch: 4, memory: 5, bulk: 6 } as const;
/** kcx's RSS in the bytes session (refreshes, no typing), shown next to the memory figure. */
let idleRss: { rss: number; refreshes: number } | undefined;
const notes: string[] = [];
let crashed = false;

async function figure(
  name: string,
  bars: { order: number; bar: string; target: string }[],
  run: () => Promise<void>,
) {
  log(`${name}…`);
  const t0 = performance.now();
  try {
    await run();
  } catch (err) {
    crashed = true;
    process.stderr.write(
      `bench: ${name} crashed: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`,
    );
    for (const b of bars) add(b.order, errorRow(b.bar, b.target, err));
  }
  log(`${name}: ${fmtMs(performance.now() - t0)}`);
}

const started = performance.now();
console.log(
  `kcx benchmarks — Node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} CPUs, ` +
    `load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}${quick ? ', --quick' : ''}`,
);
console.log('Loopback emulator in a worker thread; the TUI figures run the built binary in a real PTY.\n');

if (only.has('refresh')) {
  const bars = [
    { order: ORDER.refresh, bar: 'HTTP requests per refresh, Connect 4.0', target: '1, any size' },
    { order: ORDER.refresh, bar: '…Connect 2.2 (< 2.3, no ?expand)', target: 'bounded concurrency' },
  ];
  await figure('requests per refresh', bars, async () => {
    const r = await benchRefresh({ sizes: SIZE.refreshSizes, fallbackConnectors: SIZE.fallbackConnectors });
    add(ORDER.refresh, ...r.bars);
    console.log('Refresh of the connector list through the kcx client\n');
    console.log(formatRefreshDetails(r.details));
    console.log('');
  });
}

if (only.has('bytes')) {
  const n = fmtInt(SIZE.bytesConnectors);
  const bars = [
    { order: ORDER.bytes, bar: `Bytes per refresh, nothing changed, ${n} connectors`, target: '0' },
    { order: ORDER.bytes, bar: '…one row changed (refresh that shows it)', target: '≈ one row' },
    { order: ORDER.bytes, bar: '…that row’s highlight ending (3 s later)', target: '≈ one row' },
  ];
  await figure('bytes per refresh', bars, async () => {
    const r = await benchBytes({
      connectors: SIZE.bytesConnectors,
      refresh: '500ms',
      idleRefreshes: SIZE.idleRefreshes,
      cols: SIZE.cols,
      rows: SIZE.rows,
    });
    // "About one row": at most four rows' worth of cells; the counts line of the header changes too.
    const oneRow = 4 * r.cols;
    idleRss = { rss: r.idleRss, refreshes: r.idleRssRefreshes };
    add(
      ORDER.bytes,
      {
        ...bars[0]!,
        figure: `${fmtBytes(r.idleBytes / r.idleRefreshes)} (${r.idleRefreshes} refreshes)`,
        pass: r.idleBytes === 0,
        peer: `full screen ${r.cols}×${r.rows}: ${fmtBytes(r.fullPaintBytes)}`,
      },
      {
        ...bars[1]!,
        figure: `${fmtBytes(r.changeBytes)} in ${r.changeFrames} frame${r.changeFrames === 1 ? '' : 's'}`,
        pass: r.changeBytes > 0 && r.changeBytes <= oneRow,
        peer: `≤ 4 × ${r.cols} columns = ${fmtBytes(oneRow)}; full screen ${fmtBytes(r.fullPaintBytes)}`,
      },
      {
        ...bars[2]!,
        figure: `${fmtBytes(r.fadeBytes)} in ${r.fadeFrames} frame${r.fadeFrames === 1 ? '' : 's'}`,
        pass: r.fadeBytes <= oneRow,
        peer: `≤ ${fmtBytes(oneRow)}`,
      },
    );
    notes.push(
      `Bytes: ${SIZE.cols}×${SIZE.rows} PTY, refresh 500 ms, no flapping connectors; "${r.changedName}" paused through the ` +
        'emulator; the change row counts every byte from the pause until the terminal was quiet (its row and the header counts line).',
    );
  });
}

if (only.has('filter') || only.has('memory')) {
  const n = fmtInt(SIZE.liveConnectors);
  const filterBar = {
    order: ORDER.filter,
    bar: `Filter keystroke → frame, ${n} connectors, p95`,
    target: '< 16 ms',
  };
  const memoryBar = { order: ORDER.memory, bar: `Resident memory, ${n} connectors live`, target: '< 200 MB' };
  const bars = [...(only.has('filter') ? [filterBar] : []), ...(only.has('memory') ? [memoryBar] : [])];
  await figure(`live session (${n} connectors: filter latency, memory)`, bars, async () => {
    const live = (keystrokes: number, env?: Record<string, string>) =>
      benchLive({
        connectors: SIZE.liveConnectors,
        keystrokes,
        refresh: '2s',
        refreshesBeforeMemory: SIZE.refreshesBeforeMemory,
        memorySamples: SIZE.memorySamples,
        cols: SIZE.cols,
        rows: SIZE.rows,
        env,
      });
    const shipped = await live(only.has('filter') ? SIZE.keystrokes : 1);
    // The peer: the same binary parsing the whole listing on every refresh (what parsing only the
    // changed connectors saves in memory and in latency).
    let prod: LiveResult | undefined;
    if (only.has('filter') && SIZE.diagnoseKeystrokes > 0) {
      log('the same session with the whole listing parsed per refresh, KCX_SNAPSHOTS=full (diagnostic)…');
      prod = await live(SIZE.diagnoseKeystrokes, { KCX_SNAPSHOTS: 'full' });
    }
    if (only.has('filter')) {
      add(ORDER.filter, {
        ...filterBar,
        figure: `${fmtMs(shipped.p95)} (p50 ${fmtMs(shipped.p50)})`,
        pass: shipped.p95 < 16,
        peer: prod
          ? `whole listing parsed per refresh: p95 ${fmtMs(prod.p95)} (p50 ${fmtMs(prod.p50)})`
          : 'one 16 ms frame at 60 Hz',
      });
      const away = (r: LiveResult) =>
        `p95 ${fmtMs(r.away.p95)} (p50 ${fmtMs(r.away.p50)}) over the ${r.away.count} keystrokes away from a refresh`;
      notes.push(
        `Filter: ${shipped.keystrokes} keystrokes (type a word, erase it) at 60–140 ms intervals, ${SIZE.cols}×${SIZE.rows}, ` +
          `refresh 2 s (${shipped.refreshesWhileTyping} refreshes while typing). As shipped: max ${fmtMs(shipped.max)}; ` +
          `${away(shipped)}; kcx CPU ${shipped.cpuMsPerKey.toFixed(1)} ms per keystroke, refreshes included.` +
          (prod
            ? ` With the whole listing parsed per refresh (KCX_SNAPSHOTS=full, ${prod.keystrokes} keystrokes): max ${fmtMs(prod.max)}; ${away(prod)}; ` +
              `CPU ${prod.cpuMsPerKey.toFixed(1)} ms per keystroke.`
            : '') +
          (shipped.inexact > 0 ? ` ${shipped.inexact} samples timed at the check, not the chunk.` : ''),
      );
    }
    if (only.has('memory')) {
      add(ORDER.memory, {
        ...memoryBar,
        figure: `${mb(shipped.rss.median)} (${mb(shipped.rss.min)}–${mb(shipped.rss.max)})`,
        pass: shipped.rss.median < 200 * 2 ** 20,
        peer: [
          `peak ${mb(shipped.peakRss)}`,
          idleRss ? `no typing: ${mb(idleRss.rss)}` : '',
          prod ? `whole listing parsed per refresh: ${mb(prod.rss.median)}` : '',
        ]
          .filter(Boolean)
          .join('; '),
      });
      notes.push(
        `Memory: VmRSS of the kcx process, median (lowest–highest) of ${shipped.rss.samples} readings over 4 s, after ` +
          `${shipped.refreshesBeforeRss} refreshes of ${fmtInt(SIZE.liveConnectors)} connectors${only.has('filter') ? ' and the filter run' : ''}; ` +
          'peak = VmHWM' +
          (idleRss
            ? `; "no typing" = the bytes session (500 ms refresh, no keys), after ${idleRss.refreshes} refreshes.`
            : '.'),
      );
    }
  });
}

if (only.has('launch')) {
  const bar = {
    order: ORDER.launch,
    bar: `Launch → first painted list, ${fmtInt(SIZE.launchConnectors)} connectors`,
    target: '< 400 ms median',
  };
  await figure('launch to first list', [bar], async () => {
    const r = await benchLaunch({
      connectors: SIZE.launchConnectors,
      runs: SIZE.launchRuns,
      cols: SIZE.cols,
      rows: SIZE.rows,
    });
    const sorted = [...r.runs].sort((a, b) => a - b);
    add(ORDER.launch, {
      ...bar,
      figure: fmtMs(r.median),
      pass: r.median < 400,
      peer: `${r.runs.length} launches, ${fmtMs(sorted[0]!)}–${fmtMs(sorted.at(-1)!)}`,
    });
  });
}

if (only.has('bulk')) {
  const bar = {
    order: ORDER.bulk,
    bar: `Bulk delete, ${fmtInt(SIZE.bulkConnectors)} connectors`,
    target: '< 5 s',
  };
  await figure('bulk delete', [bar], async () => {
    const r = await benchBulk({
      connectors: SIZE.bulkConnectors,
      serialConnectors: SIZE.serialConnectors,
      concurrency: 8,
    });
    const tool = r.serialTool === 'curl' ? 'xargs curl -X DELETE' : 'serial fetch (no curl found)';
    const scaled =
      r.serialMeasured.connectors < r.connectors
        ? ` (${fmtInt(r.serialMeasured.connectors)} measured, scaled)`
        : '';
    add(ORDER.bulk, {
      ...bar,
      figure: `${fmtMs(r.kcxMs)} (8 in flight)`,
      pass: r.kcxMs < 5000 && r.kcxOk === r.connectors,
      peer: `serial ${tool}: ${fmtMs(r.serialMs)}${scaled}, ×${(r.serialMs / r.kcxMs).toFixed(1)}`,
    });
    if (r.kcxOk !== r.connectors)
      notes.push(`Bulk delete: only ${r.kcxOk} of ${r.connectors} deletes succeeded.`);
  });
}

const result = (pass: boolean | undefined) => (pass === undefined ? 'ERROR' : pass ? 'PASS' : 'FAIL');
const table = rows.sort((a, b) => a.order - b.order).map((r) => r.row);
if (notes.length > 0) console.log(`${notes.map((n) => `- ${n}`).join('\n')}\n`);
console.log('Bars of docs/product.md §7\n');
console.log(
  formatTable(
    [
      { title: 'bar' },
      { title: 'kcx', align: 'right' },
      { title: 'target' },
      { title: 'result' },
      { title: 'compared with (same run)' },
    ],
    table.map((r) => [r.bar, r.figure, r.target, result(r.pass), r.peer]),
  ),
);
const passed = table.filter((r) => r.pass === true).length;
console.log(
  `\n${passed} of ${table.length} bars pass (${fmtMs(performance.now() - started)} in all).` +
    (crashed ? ' A benchmark crashed: see the error above.' : ''),
);
// Worker threads and PTYs are closed by now; exit explicitly anyway so a stray handle cannot hang the run.
process.exit(crashed ? 1 : 0);
