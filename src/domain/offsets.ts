// Connector offsets (Connect ≥ 3.5/3.6): a table to read them, a shape check before any PATCH, and
// the waits of the stop → alter/reset → resume flow. Shared by the offsets view and `kcx offsets`.
import type { ConnectClient } from '../connect/client.js';
import { isNotFound } from '../connect/errors.js';
import type { ConnectorOffset, ConnectorOffsets, ConnectorState, ConnectorType } from '../connect/types.js';

export interface OffsetsTable {
  columns: string[];
  rows: string[][];
}

const compact = (value: unknown) => (value === null ? 'null (reset)' : JSON.stringify(value));

/** Sink offsets as topic / partition / offset; source offsets as partition map → offset map. */
export function offsetsTable(offsets: ConnectorOffsets, type: ConnectorType | undefined): OffsetsTable {
  if (type === 'sink') {
    const rows = offsets.offsets.map((o) => [
      String(o.partition.kafka_topic ?? '?'),
      String(o.partition.kafka_partition ?? '?'),
      o.offset === null ? 'null' : String(o.offset.kafka_offset ?? compact(o.offset)),
    ]);
    rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(a[1]) - Number(b[1])));
    return { columns: ['TOPIC', 'PARTITION', 'OFFSET'], rows };
  }
  return {
    columns: ['PARTITION', 'OFFSET'],
    rows: offsets.offsets.map((o) => [compact(o.partition), compact(o.offset)]),
  };
}

export type OffsetsInput = { ok: true; offsets: ConnectorOffset[] } | { ok: false; error: string };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isNonNegativeInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Checks an offsets body before it is sent: `{"offsets": [...]}` or the bare array, each entry a
 * `partition` object with an `offset` object or null; sink entries as the sink framework reads them
 * (`kafka_topic`, `kafka_partition`, `kafka_offset`). Connect answers a wrong shape with a 400 only
 * after the connector was stopped, so catching it here saves a round trip.
 */
export function parseOffsetsInput(value: unknown, type: ConnectorType | undefined): OffsetsInput {
  const list = Array.isArray(value) ? value : isPlainObject(value) ? value.offsets : undefined;
  if (!Array.isArray(list)) return { ok: false, error: 'expected {"offsets": [ … ]} or an array of offsets' };
  if (list.length === 0) return { ok: false, error: 'the offsets list is empty: nothing to alter' };
  const out: ConnectorOffset[] = [];
  for (const [i, entry] of list.entries()) {
    const where = `offsets[${i}]`;
    if (!isPlainObject(entry))
      return { ok: false, error: `${where} must be an object with "partition" and "offset"` };
    const { partition, offset } = entry;
    if (!isPlainObject(partition) || Object.keys(partition).length === 0)
      return { ok: false, error: `${where}.partition must be a non-empty object` };
    if (offset !== null && !isPlainObject(offset))
      return { ok: false, error: `${where}.offset must be an object, or null to reset that partition` };
    if (type === 'sink') {
      if (typeof partition.kafka_topic !== 'string' || partition.kafka_topic === '')
        return { ok: false, error: `${where}.partition.kafka_topic must be a topic name` };
      if (!isNonNegativeInteger(partition.kafka_partition))
        return { ok: false, error: `${where}.partition.kafka_partition must be a whole number ≥ 0` };
      if (offset !== null && !isNonNegativeInteger(offset.kafka_offset))
        return { ok: false, error: `${where}.offset.kafka_offset must be a whole number ≥ 0` };
    }
    out.push({ partition, offset });
  }
  return { ok: true, offsets: out };
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface WaitResult {
  reached: boolean;
  /** The last state seen ('GONE' if the connector disappeared). */
  state: ConnectorState | 'GONE';
}

/** Polls the connector's status until it is in `target` or the timeout passes. */
export async function waitForState(
  client: ConnectClient,
  name: string,
  target: ConnectorState,
  options: WaitOptions = {},
): Promise<WaitResult> {
  const { timeoutMs = 30_000, intervalMs = 500 } = options;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + timeoutMs;
  for (;;) {
    let state: ConnectorState | 'GONE';
    try {
      state = (await client.connectorStatus(name)).connector.state;
    } catch (e) {
      if (!isNotFound(e)) throw e;
      // A connector no worker has started yet has no status (404) but exists: not yet assigned.
      if (!(await exists(client, name))) return { reached: false, state: 'GONE' };
      state = 'UNASSIGNED';
    }
    if (state === target) return { reached: true, state };
    if (now() >= deadline) return { reached: false, state };
    await sleep(intervalMs);
  }
}

async function exists(client: ConnectClient, name: string): Promise<boolean> {
  try {
    await client.connector(name);
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

/** Stops the connector unless it already is STOPPED, and waits until it is. */
export async function ensureStopped(
  client: ConnectClient,
  name: string,
  options: WaitOptions = {},
): Promise<WaitResult & { stoppedByUs: boolean }> {
  const current = (await client.connectorStatus(name)).connector.state;
  if (current === 'STOPPED') return { reached: true, state: current, stoppedByUs: false };
  await client.stopConnector(name);
  return { ...(await waitForState(client, name, 'STOPPED', options)), stoppedByUs: true };
}

/**
 * Before Connect 3.5 there is no offsets API: a source connector's offsets live in the
 * `connect-offsets` topic (offset.storage.topic), keyed by the connector name and partition map.
 */
export function legacyOffsetsHelp(name: string, type: ConnectorType | undefined): string[] {
  if (type === 'sink') {
    return [
      'Sink connectors keep their progress as consumer group offsets:',
      `  group "connect-${name}" (unless consumer.override.group.id is set).`,
      'Reset it with kafka-consumer-groups --reset-offsets while the connector is paused or deleted.',
    ];
  }
  return [
    "Source connectors keep their offsets in the worker's offset.storage.topic (usually connect-offsets).",
    'Each record has',
    `  key:   ["${name}", {<partition map>}]   (JSON array: connector name, then the source partition)`,
    '  value: {<offset map>}                      (null = a tombstone that forgets the partition)',
    'and goes to the partition the default partitioner picks for that key.',
    'To change them by hand: stop or delete the connector, produce the record (e.g. with kcat -K),',
    'then start it again. Connect 3.6 does this for you: PATCH/DELETE /connectors/{name}/offsets.',
  ];
}

export interface RunningResult {
  /** The connector and all its tasks are RUNNING. */
  running: boolean;
  state: ConnectorState | 'GONE';
  /** Ids of tasks that FAILED (the resume did not fix what broke them). */
  failedTasks: number[];
}

/**
 * After a resume: waits until the connector AND its tasks run, or something failed. A connector can
 * be RUNNING while its only task fails on every start; that is not "running again".
 */
export async function waitForRunning(
  client: ConnectClient,
  name: string,
  options: WaitOptions = {},
): Promise<RunningResult> {
  const { timeoutMs = 30_000, intervalMs = 500 } = options;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + timeoutMs;
  for (;;) {
    let status: Awaited<ReturnType<ConnectClient['connectorStatus']>>;
    try {
      status = await client.connectorStatus(name);
    } catch (e) {
      if (isNotFound(e) && !(await exists(client, name)))
        return { running: false, state: 'GONE', failedTasks: [] };
      if (!isNotFound(e)) throw e;
      if (now() >= deadline) return { running: false, state: 'UNASSIGNED', failedTasks: [] };
      await sleep(intervalMs);
      continue;
    }
    const state = status.connector.state;
    const failedTasks = status.tasks.filter((t) => t.state === 'FAILED').map((t) => t.id);
    const allRunning = status.tasks.length > 0 && status.tasks.every((t) => t.state === 'RUNNING');
    if (state === 'FAILED' || failedTasks.length > 0) return { running: false, state, failedTasks };
    if (state === 'RUNNING' && allRunning) return { running: true, state, failedTasks };
    if (now() >= deadline) return { running: false, state, failedTasks };
    await sleep(intervalMs);
  }
}
