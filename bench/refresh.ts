// Refresh benchmark: what one refresh of the connector list costs through the client, at 100 /
// 1,000 / 10,000 connectors, against the naive listing (GET /connectors, then GET status per
// connector). Prints figures; asserts nothing. Run: npm run bench.
import { ConnectClient, mapWithConcurrency } from '../src/connect/index.js';
import { startEmulator } from '../src/emulator/index.js';

interface Row {
  connectors: number;
  method: string;
  requests: number;
  medianMs: number;
  p95Ms: number;
  runs: number;
}

const SIZES = [100, 1_000, 10_000];
const NAIVE_CONCURRENCY = 8;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

async function measure(runs: number, client: ConnectClient, refresh: () => Promise<unknown>) {
  await refresh(); // warm the pool and the JIT
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

async function benchSize(n: number): Promise<Row[]> {
  const emu = await startEmulator({ connectors: n, seed: 1 });
  const client = new ConnectClient({ url: emu.url, context: 'bench' });
  try {
    await client.capabilities();
    const runs = n >= 10_000 ? 5 : n >= 1_000 ? 10 : 30;
    const kcx = await measure(runs, client, () => client.listConnectorsWithStatus());
    const naive = await measure(n >= 10_000 ? 2 : runs, client, async () => {
      const names = await client.listConnectors();
      await mapWithConcurrency(names, NAIVE_CONCURRENCY, (name) => client.connectorStatus(name));
    });
    return [
      { connectors: n, method: 'kcx (expand=status&expand=info)', ...kcx },
      { connectors: n, method: `naive 1 + N (status only, ${NAIVE_CONCURRENCY} in flight)`, ...naive },
    ];
  } finally {
    await client.close();
    await emu.close();
  }
}

function printTable(rows: Row[]): void {
  const header = ['connectors', 'method', 'requests/refresh', 'median ms', 'p95 ms', 'runs'];
  const body = rows.map((r) => [
    r.connectors.toLocaleString('en-US'),
    r.method,
    r.requests.toLocaleString('en-US'),
    r.medianMs.toFixed(1),
    r.p95Ms.toFixed(1),
    String(r.runs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

const rows: Row[] = [];
for (const n of SIZES) rows.push(...(await benchSize(n)));
console.log(
  `\nRefresh of the connector list through the kcx client (Node ${process.version}, loopback emulator)\n`,
);
printTable(rows);
console.log(
  '\nBar (docs/product.md §7): one request per refresh on Connect ≥ 2.3, whatever the number of connectors.',
);
