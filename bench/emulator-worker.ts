// The emulated cluster of the benchmarks, in a worker thread: serialising a 10,000-connector listing
// takes the emulator 100–250 ms, and on the benchmark's own thread that would delay the timestamps
// it takes of the kcx terminal's output. In front of the emulator sits a counting proxy, so the
// benchmark knows how many refreshes kcx made (and how many requests were in flight at once) without
// touching kcx.
import {
  createServer,
  request as httpRequest,
  Agent,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { startEmulator } from '../src/emulator/index.js';
import type { ListingTime, WorkerReply, WorkerRequest, WorkerStart } from './emulator-protocol.js';

const port = parentPort;
if (!port) throw new Error('bench/emulator-worker must run in a worker thread');

const options = workerData as WorkerStart;
const emu = await startEmulator({
  port: 0,
  connectors: options.connectors,
  seed: options.seed,
  trouble: options.trouble,
  version: options.version,
  startDelayMs: options.startDelayMs ?? 0,
});

const counters = { requests: 0, listings: 0, inFlight: 0, maxInFlight: 0 };
const listingTimes: ListingTime[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
  counters.requests++;
  const path = req.url ?? '/';
  if (req.method === 'GET' && /^\/connectors\/?(\?|$)/.test(path)) {
    counters.listings++;
    const time = { start: Date.now(), end: Number.NaN };
    listingTimes.push(time);
    res.on('finish', () => {
      time.end = Date.now();
    });
  }
  counters.inFlight++;
  counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
  let finished = false;
  const done = () => {
    if (finished) return;
    finished = true;
    counters.inFlight--;
  };
  res.on('close', done);
  const upstream = httpRequest(
    { host: '127.0.0.1', port: emu.port, method: req.method, path, headers: req.headers, agent },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    },
  );
  upstream.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(String(err));
  });
  req.pipe(upstream);
});
proxy.keepAliveTimeout = 30_000;
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

const handle = async (msg: WorkerRequest): Promise<unknown> => {
  switch (msg.op) {
    case 'counters':
      return { ...counters };
    case 'resetCounters':
      counters.requests = 0;
      counters.listings = 0;
      counters.maxInFlight = counters.inFlight;
      return { ...counters };
    case 'listingTimes':
      return listingTimes;
    case 'names':
      return emu.cluster.names();
    case 'pause':
      emu.cluster.pause(msg.name);
      return true;
    case 'failTask':
      emu.cluster.failTask(msg.name, msg.task);
      return true;
    case 'close':
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      agent.destroy();
      await emu.close();
      return true;
  }
};

port.on('message', (msg: WorkerRequest) => {
  handle(msg).then(
    (result) => port.postMessage({ id: msg.id, ok: true, result } satisfies WorkerReply),
    (err: unknown) =>
      port.postMessage({
        id: msg.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      } satisfies WorkerReply),
  );
});

port.postMessage({ ready: true, url: emu.url, proxyUrl, connectors: emu.cluster.size });
