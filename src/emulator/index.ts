// The embedded Kafka Connect cluster: `kcx demo`, `kcx emulator`, the tests and the benchmarks
// all start it through startEmulator().
import { randomBytes } from 'node:crypto';
import { EmulatedCluster } from './cluster.js';
import { parseEmulatedVersion } from './emulated-version.js';
import { Faults } from './faults.js';
import { mulberry32, seedDemoConnectors } from './seed.js';
import { type EmulatorAuth, EmulatorServer, type EmulatorTls } from './server.js';

export type { FaultKind, FaultRule } from './faults.js';
export type { EmulatorAuth, EmulatorTls } from './server.js';
export { EmulatedCluster } from './cluster.js';
export { Faults } from './faults.js';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** The Kafka (or Confluent, "7.9.0-ccs") version to emulate. Default 4.0.0. */
  version?: string;
  /** Number of simulated workers. Default 3. */
  workers?: number;
  /** Demo connectors to seed. Default 0. */
  connectors?: number;
  /** RNG seed for demo data and fault rates. Default 42. */
  seed?: number;
  /** Proportion of trouble in the demo data (0 = all healthy). Default 1. */
  trouble?: number;
  /** Time from a config write to the new status, as workers catch up. Default 0 (next request). */
  startDelayMs?: number;
  auth?: EmulatorAuth;
  tls?: EmulatorTls;
  clock?: () => number;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly cluster: EmulatedCluster;
  readonly faults: Faults;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const version = parseEmulatedVersion(options.version ?? '4.0.0');
  const random = mulberry32(options.seed ?? 42);
  const host = options.host ?? '127.0.0.1';
  const workerCount = Math.max(1, options.workers ?? 3);
  const cluster = new EmulatedCluster({
    version,
    workerIds: Array.from({ length: workerCount }, (_, i) => `connect-${i + 1}:8083`),
    startDelayMs: options.startDelayMs ?? 0,
    clock: options.clock ?? Date.now,
    random,
    commit: randomBytes(8).toString('hex'),
    kafkaClusterId: randomBytes(16).toString('base64url').slice(0, 22),
  });
  if (options.connectors) {
    seedDemoConnectors(cluster, { count: options.connectors, seed: options.seed, trouble: options.trouble });
  }
  const server = new EmulatorServer(cluster, {
    host,
    port: options.port ?? 0,
    auth: options.auth,
    tls: options.tls,
  });
  let port = 0;
  server.faults = new Faults(
    random,
    { down: () => server.stopListening(), up: () => server.listen(port) },
    (ms, unassign) => {
      cluster.startRebalance(ms);
      if (unassign) cluster.unassignAll(ms);
    },
  );
  await server.listen();
  port = server.port;
  return {
    url: server.url,
    port,
    cluster,
    faults: server.faults,
    close: () => server.close(),
  };
}
