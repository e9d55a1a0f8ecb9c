// Bulk delete of 1,000 connectors on loopback: kcx's bounded-concurrency runner (runBulk, 8 in
// flight, ConnectClient.deleteConnector) against the serial `peco | xargs curl -X DELETE` pipeline
// (one `curl -s -X DELETE URL` after another). Each side gets a fresh cluster; the cluster runs in a
// worker thread, so it does not share the benchmark's thread with the runner.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ConnectClient } from '../src/connect/index.js';
import { runBulk } from '../src/domain/bulk-runner.js';
import { startBenchEmulator } from './emulator-host.js';

export interface BulkOptions {
  connectors: number;
  /** Connectors the serial pipeline deletes (the time is scaled to `connectors` when fewer). */
  serialConnectors: number;
  concurrency: number;
}

export interface BulkResult {
  connectors: number;
  kcxMs: number;
  kcxOk: number;
  serialMs: number;
  /** What the serial side measured before scaling. */
  serialMeasured: { connectors: number; ms: number };
  serialTool: 'curl' | 'fetch';
}

const CURL = '/usr/bin/curl';

function curlDelete(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(CURL, ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'DELETE', url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', () => resolve(out.trim()));
  });
}

async function fetchDelete(url: string): Promise<string> {
  const res = await fetch(url, { method: 'DELETE' });
  await res.arrayBuffer();
  return String(res.status);
}

export async function benchBulk(options: BulkOptions): Promise<BulkResult> {
  // kcx
  let kcxMs: number;
  let kcxOk: number;
  {
    const emu = await startBenchEmulator({ connectors: options.connectors, seed: 11, trouble: 0 });
    const client = new ConnectClient({ url: emu.url, context: 'bench' });
    try {
      const names = await client.listConnectors();
      const t0 = performance.now();
      const outcomes = await runBulk(names, (name) => client.deleteConnector(name), {
        concurrency: options.concurrency,
      });
      kcxMs = performance.now() - t0;
      kcxOk = outcomes.filter((o) => o.ok).length;
      const left = (await emu.names()).length;
      if (left !== options.connectors - kcxOk)
        throw new Error(`${left} connectors left after the bulk delete`);
    } finally {
      await client.close();
      await emu.close();
    }
  }

  // The serial pipeline.
  const serialTool = existsSync(CURL) ? 'curl' : 'fetch';
  const emu = await startBenchEmulator({ connectors: options.connectors, seed: 11, trouble: 0 });
  let measured: { connectors: number; ms: number };
  try {
    const names = (await emu.names()).slice(0, options.serialConnectors);
    const del = serialTool === 'curl' ? curlDelete : fetchDelete;
    const t0 = performance.now();
    for (const name of names) {
      const status = await del(`${emu.url}/connectors/${encodeURIComponent(name)}`);
      if (status !== '204') throw new Error(`DELETE ${name}: HTTP ${status}`);
    }
    measured = { connectors: names.length, ms: performance.now() - t0 };
  } finally {
    await emu.close();
  }
  return {
    connectors: options.connectors,
    kcxMs,
    kcxOk,
    serialMs: (measured.ms * options.connectors) / measured.connectors,
    serialMeasured: measured,
    serialTool,
  };
}
