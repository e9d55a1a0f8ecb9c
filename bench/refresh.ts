// Refresh of the connector list through the kcx client: HTTP requests per refresh at 100 / 1,000 /
// 10,000 connectors, against the naive listing (GET /connectors, then GET status per connector),
// and the bounded-concurrency fallback on a cluster older than 2.3 (no `?expand`).
import { ConnectClient, mapWithConcurrency } from '../src/connect/index.js';
import type { BarRow } from './bars.js';
import { startBenchEmulator } from './emulator-host.js';
import { fmtInt, percentile } from './stats.js';
import { formatTable } from './table.js';

export interface RefreshDetail {
  connectors: number;
  version: string;
  method: string;
  requests: number;
  medianMs: number;
  p95Ms: number;
  runs: number;
}

export interface RefreshOptions {
  sizes: number[];
  /** Connectors on the old (< 2.3) cluster. */
  fallbackConnectors: number;
}

const NAIVE_CONCURRENCY = 8;
/** ConnectClient's default `fallbackConcurrency`: the bound the fallback must keep to. */
const FALLBACK_BOUND = 8;

async function measure(
  runs: number,
  client: ConnectClient,
  refresh: () => Promise<unknown>,
  warm = true,
): Promise<Pick<RefreshDetail, 'requests' | 'medianMs' | 'p95Ms' | 'runs'>> {
  if (warm) await refresh(); // warm the pool and the JIT
  const times: number[] = [];
  const before = client.stats.requests;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await refresh();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    requests: (client.stats.requests - before) / runs,
    medianMs: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    runs,
  };
}

const naiveListing = (client: ConnectClient) => async () => {
  const names = await client.listConnectors();
  await mapWithConcurrency(names, NAIVE_CONCURRENCY, (name) => client.connectorStatus(name));
};

async function benchSize(n: number): Promise<RefreshDetail[]> {
  const emu = await startBenchEmulator({ connectors: n, seed: 1 });
  const client = new ConnectClient({ url: emu.url, context: 'bench' });
  try {
    await client.capabilities();
    const runs = n >= 10_000 ? 5 : n >= 1_000 ? 10 : 30;
    const kcx = await measure(runs, client, () => client.listConnectorsWithStatus());
    const naive = await measure(n >= 10_000 ? 1 : runs, client, naiveListing(client), n < 10_000);
    return [
      { connectors: n, version: '4.0.0', method: 'kcx (?expand=status&expand=info)', ...kcx },
      {
        connectors: n,
        version: '4.0.0',
        method: `naive 1 + N (status only, ${NAIVE_CONCURRENCY} in flight)`,
        ...naive,
      },
    ];
  } finally {
    await client.close();
    await emu.close();
  }
}

/** kcx on Connect 2.2: list, then status and info per connector, at most 8 requests in flight. */
async function benchFallback(
  n: number,
): Promise<{ detail: RefreshDetail; maxInFlight: number; mode: string }> {
  const emu = await startBenchEmulator({ connectors: n, seed: 1, version: '2.2.0' });
  // Through the counting proxy, which sees how many requests are in flight at once.
  const client = new ConnectClient({ url: emu.proxyUrl, context: 'bench' });
  try {
    const caps = await client.capabilities();
    if (caps.supports('expand')) throw new Error('the 2.2.0 emulator unexpectedly supports ?expand');
    let mode = '';
    await client.listConnectorsWithStatus(); // warm-up
    await emu.resetCounters();
    const timing = await measure(
      3,
      client,
      async () => {
        mode = (await client.listConnectorsWithStatus()).mode;
      },
      false,
    );
    const counters = await emu.counters();
    return {
      detail: { connectors: n, version: '2.2.0', method: 'kcx fallback (list + status + info)', ...timing },
      maxInFlight: counters.maxInFlight,
      mode,
    };
  } finally {
    await client.close();
    await emu.close();
  }
}

export function formatRefreshDetails(details: readonly RefreshDetail[]): string {
  return formatTable(
    [
      { title: 'connectors', align: 'right' },
      { title: 'Connect' },
      { title: 'method' },
      { title: 'requests/refresh', align: 'right' },
      { title: 'median ms', align: 'right' },
      { title: 'p95 ms', align: 'right' },
      { title: 'runs', align: 'right' },
    ],
    details.map((r) => [
      fmtInt(r.connectors),
      r.version,
      r.method,
      fmtInt(r.requests),
      r.medianMs.toFixed(1),
      r.p95Ms.toFixed(1),
      String(r.runs),
    ]),
  );
}

export async function benchRefresh(
  options: RefreshOptions,
): Promise<{ details: RefreshDetail[]; bars: BarRow[] }> {
  const details: RefreshDetail[] = [];
  for (const n of options.sizes) details.push(...(await benchSize(n)));
  const largest = Math.max(...options.sizes);
  const kcx = details.find((d) => d.connectors === largest && d.method.startsWith('kcx'))!;
  const naive = details.find((d) => d.connectors === largest && d.method.startsWith('naive'))!;
  const everySize = details.filter((d) => d.method.startsWith('kcx')).every((d) => d.requests === 1);
  const fallback = await benchFallback(options.fallbackConnectors);
  details.push(fallback.detail);
  const n = options.fallbackConnectors;
  return {
    details,
    bars: [
      {
        bar: `HTTP requests per refresh, Connect 4.0, ${fmtInt(largest)} connectors`,
        figure: fmtInt(kcx.requests),
        target: '1, any size',
        pass: kcx.requests === 1 && everySize,
        peer: `naive 1 + N listing: ${fmtInt(naive.requests)}`,
      },
      {
        bar: `…Connect 2.2 (< 2.3, no ?expand), ${fmtInt(n)} connectors`,
        figure: `${fmtInt(fallback.detail.requests)}, ≤ ${fallback.maxInFlight} in flight`,
        target: 'bounded concurrency',
        pass: fallback.mode === 'fallback' && fallback.maxInFlight <= FALLBACK_BOUND,
        peer: `naive 1 + N: ${fmtInt(1 + n)} (status only; kcx reads info too: 1 + 2N)`,
      },
    ],
  };
}
