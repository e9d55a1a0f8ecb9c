// The console's snapshot source, held to the whole-body digest: for every body, the snapshot and
// diff digestListing() gives for the same bytes (rows, order, counts, skipped, and the same unchanged
// row objects), while parsing only the connectors whose bytes changed. Against the emulator with the
// real client, and against generated bodies that change in every way a listing can (names with
// quotes, backslashes, escapes and emoji; pretty-printed; keys reordered; repeated keys). Bodies that
// are not a listing give the client's own errors; the work is cut into slices; close() ends a poll.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectClient, type ConnectorListing, type RawListing } from '../../src/connect/client.js';
import { type ConnectError, describeError } from '../../src/connect/errors.js';
import { listingFromBody } from '../../src/connect/listing.js';
import type { ConnectorStateInfo } from '../../src/connect/types.js';
import { IncrementalSnapshots, type RawListingSource } from '../../src/domain/incremental-snapshots.js';
import type { ClusterSnapshot } from '../../src/domain/snapshot.js';
import { digestListing, type PollResult } from '../../src/domain/snapshot-source.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { mulberry32 } from '../../src/emulator/seed.js';

let emu: Emulator | undefined;
let client: ConnectClient | undefined;
let source: IncrementalSnapshots | undefined;
afterEach(async () => {
  source?.close();
  await client?.close();
  await emu?.close();
  source = undefined;
  client = undefined;
  emu = undefined;
});

const NOW = 1_000;
const now = () => NOW;

type Recording = RawListingSource & { last?: RawListing; into: (Uint8Array | undefined)[] };

/** The client, remembering the bytes of the last raw listing it returned and the buffers it was given. */
function recording(inner: RawListingSource): Recording {
  const rec: Recording = {
    into: [],
    async listConnectorsRaw(options) {
      rec.into.push(options?.into);
      rec.last = await inner.listConnectorsRaw(options);
      return rec.last;
    },
    listFallback: (names) => inner.listFallback(names),
  };
  return rec;
}

/** What today's whole-body digest makes of the same bytes. */
function whole(prev: ClusterSnapshot | undefined, raw: RawListing | undefined): PollResult {
  if (raw?.kind !== 'raw') throw new Error('expected raw bytes');
  const body = listingFromBody(raw.bytes, raw.contentType);
  if (body.kind !== 'listing') throw new Error(`expected a listing, got ${body.kind}`);
  return digestListing(prev, body.listing, NOW);
}

/** Equal snapshots and diffs, and the same rows kept from `prev` (the very objects) as expected. */
function expectSameResult(actual: PollResult, expected: PollResult, prev: ClusterSnapshot | undefined) {
  const a = actual.snapshot;
  const e = expected.snapshot;
  expect(a.rows.map((r) => r.name)).toEqual(e.rows.map((r) => r.name));
  expect([...a.byName.keys()]).toEqual([...e.byName.keys()]);
  expect(a.skipped).toEqual(e.skipped);
  expect(a).toEqual(e);
  expect(actual.diff).toEqual(expected.diff);
  a.rows.forEach((row, i) => {
    const before = prev?.byName.get(row.name);
    expect(row === before, row.name).toBe(e.rows[i] === before);
    expect(a.byName.get(row.name)).toBe(row);
  });
}

/** The poller's rule: a poll that changed nothing leaves the earlier snapshot in place. */
const kept = (prev: ClusterSnapshot | undefined, r: PollResult) =>
  prev !== undefined && r.diff.added.length + r.diff.removed.length + r.diff.changed.length === 0
    ? prev
    : r.snapshot;

async function emulated(connectors: number, seed = 3) {
  emu = await startEmulator({ port: 0, connectors, seed, startDelayMs: 0 });
  client = new ConnectClient({ url: emu.url, context: 'inctest', retry409: { budgetMs: 0 } });
  const rec = recording(client);
  source = new IncrementalSnapshots(rec);
  return { emu, client, rec, source };
}

const FILE_SINK = {
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  'tasks.max': '2',
  file: '/tmp/x',
  topics: 't',
};

describe('IncrementalSnapshots against the emulator', () => {
  it('gives what the whole-body digest gives, poll after poll, parsing only what changed', async () => {
    const { emu, client, rec, source } = await emulated(300);
    emu.cluster.settle();
    const first = await source.next(undefined, now);
    expectSameResult(first, whole(undefined, rec.last), undefined);
    expect(first.snapshot.rows.length).toBeGreaterThan(250);
    expect(source.lastWalk).toEqual({ entries: 300, parsed: 300 });

    // Nothing changed: nothing parsed, every row the previous object.
    const idle = await source.next(first.snapshot, now);
    expectSameResult(idle, whole(first.snapshot, rec.last), first.snapshot);
    expect(source.lastWalk?.parsed).toBe(0);
    for (const row of idle.snapshot.rows) expect(row).toBe(first.snapshot.byName.get(row.name));

    const names = first.snapshot.rows.filter((r) => r.state === 'RUNNING').map((r) => r.name);
    const steps: [string, () => unknown][] = [
      ['pause one', () => client.pauseConnector(names[0]!)],
      ['fail a task', () => emu.cluster.failTask(names[1]!, 0)],
      ['reconfigure', () => client.putConnectorConfig(names[2]!, { ...FILE_SINK, topics: 'other' })],
      ['delete one', () => client.deleteConnector(names[3]!)],
      [
        'create two',
        async () => {
          await client.createConnector('aaa "quoted" \\ sink', FILE_SINK);
          await client.createConnector('zz-한국-🎉', FILE_SINK);
        },
      ],
      ['restart a failed task', () => emu.cluster.restartTask(names[1]!, 0)],
      [
        'pause many',
        async () => {
          for (const name of names.slice(10, 60)) await client.pauseConnector(name);
        },
      ],
      ['nothing', () => undefined],
    ];
    let prev = kept(first.snapshot, idle);
    for (const [what, step] of steps) {
      await step();
      emu.cluster.settle();
      const result = await source.next(prev, now);
      expectSameResult(result, whole(prev, rec.last), prev);
      const touched = result.diff.added.length + result.diff.changed.length;
      expect(touched + result.diff.removed.length > 0 || what === 'nothing', what).toBe(true);
      // Parsed: the rows that changed, and no more than a handful of others whose bytes moved.
      expect(source.lastWalk!.parsed, what).toBeGreaterThanOrEqual(touched);
      expect(source.lastWalk!.parsed, what).toBeLessThanOrEqual(touched + 2);
      prev = kept(prev, result);
    }
  });

  it('receives each body into the buffer of the last one, keeping no body between polls', async () => {
    const { emu, client, rec, source } = await emulated(200);
    emu.cluster.settle();
    const buffers: ArrayBufferLike[] = [];
    let prev: ClusterSnapshot | undefined;
    for (let poll = 0; poll < 5; poll++) {
      if (poll === 3) await client.pauseConnector([...emu.cluster.names()][0]!);
      emu.cluster.settle();
      const result = await source.next(prev, now);
      expectSameResult(result, whole(prev, rec.last), prev);
      buffers.push((rec.last as { bytes: Uint8Array }).bytes.buffer);
      prev = kept(prev, result);
    }
    // Nothing to recycle for the first; then one buffer receives every body.
    expect(rec.into[0]).toBeUndefined();
    expect(rec.into[1]?.buffer).toBe(buffers[0]);
    for (const buffer of buffers) expect(buffer).toBe(buffers[0]);
    // The pause was seen although its body went into the very buffer the last one was in.
    expect(source.lastWalk).toEqual({ entries: 200, parsed: 0 });
  });

  it('starts over (every value parsed) when handed a snapshot it did not make', async () => {
    const { emu, rec, source } = await emulated(40);
    emu.cluster.settle();
    const first = await source.next(undefined, now);
    const other = whole(undefined, rec.last).snapshot;
    const next = await source.next(other, now);
    expect(source.lastWalk).toEqual({ entries: 40, parsed: 40 });
    expectSameResult(next, whole(other, rec.last), other);
    // Rows are those of the snapshot it was given, never its own earlier ones.
    for (const row of next.snapshot.rows) {
      expect(row).toBe(other.byName.get(row.name));
      expect(row).not.toBe(first.snapshot.byName.get(row.name));
    }
  });

  it('reports an HTML page, a cut-off body and an error status as the client does, and carries on', async () => {
    const { emu, client, source } = await emulated(30);
    emu.cluster.settle();
    const first = await source.next(undefined, now);
    const fails = async (f: () => Promise<unknown>) => {
      try {
        await f();
      } catch (e) {
        return describeError(e);
      }
      throw new Error('expected a failure');
    };
    for (const fault of [
      { route: 'GET /connectors', kind: 'html', status: 200 },
      { route: 'GET /connectors', kind: 'truncate' },
      { route: 'GET /connectors', kind: 'status', status: 503 },
    ] as const) {
      emu.faults.add({ ...fault, times: 1 });
      const ours = await fails(() => source.next(first.snapshot, now));
      emu.faults.add({ ...fault, times: 1 });
      const clients = await fails(() => client.listConnectorsWithStatus());
      expect(ours, fault.kind).toBe(clients);
      expect(ours).toContain('inctest');
    }
    // The body kept from the last good poll still serves.
    const again = await source.next(first.snapshot, now);
    expect(again.diff).toEqual({ added: [], removed: [], changed: [] });
    expect(source.lastWalk?.parsed).toBe(0);
  });

  it('reads a cluster older than 2.3 connector by connector, as the client does', async () => {
    emu = await startEmulator({ port: 0, connectors: 12, seed: 4, version: '2.2.0' });
    client = new ConnectClient({ url: emu.url, context: 'old' });
    source = new IncrementalSnapshots(client);
    emu.cluster.settle();
    const result = await source.next(undefined, now);
    expect(result.snapshot.mode).toBe('fallback');
    expect(result.snapshot).toEqual(
      digestListing(undefined, await client.listConnectorsWithStatus(), NOW).snapshot,
    );
    expect(source.lastWalk).toBeUndefined();
  });

  it('once closed, a poll in flight ends with an error', async () => {
    const { source } = await emulated(5);
    const polling = source.next(undefined, now);
    source.close();
    await expect(polling).rejects.toThrow('snapshot source closed');
  });
});

// ---------------------------------------------------------------------------------------------
// Generated bodies.

interface Entry {
  status?: ConnectorStateInfo;
  info?: { name: string; config: Record<string, string>; tasks: unknown[]; type: string } | null;
}

const ODD_NAMES = [
  'plain-sink',
  'a "quoted" name',
  'back\\slash',
  'ends with backslash \\',
  'path/with/slashes',
  'café-é',
  '한국어-커넥터',
  '🎉 party',
  'tab\tand\nnewline',
  '123',
  '7',
  '__proto__',
  'sink-10',
  'sink-2',
  'SINK-2',
  '\u2028separator',
];

function makeEntry(name: string, random: () => number): Entry {
  const states = ['RUNNING', 'RUNNING', 'RUNNING', 'PAUSED', 'FAILED', 'STOPPED', 'UNASSIGNED'] as const;
  const state = states[Math.floor(random() * states.length)]!;
  const taskCount = Math.floor(random() * 4);
  return {
    status: {
      name,
      type: random() < 0.5 ? 'sink' : 'source',
      connector: { state, worker_id: `w${Math.floor(random() * 3)}:8083` },
      tasks: Array.from({ length: taskCount }, (_, id) => ({
        id,
        state: random() < 0.8 ? 'RUNNING' : 'FAILED',
        worker_id: `w${Math.floor(random() * 3)}:8083`,
        ...(random() < 0.3
          ? { trace: `org.Example: "bad" \\ thing ${Math.floor(random() * 5)}\n\tat x.y(Z.java:1)` }
          : {}),
      })),
    },
    info: {
      name,
      config: {
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
        file: `/tmp/${name}`,
      },
      tasks: [],
      type: 'sink',
    },
  };
}

/** A JSON text of the model as a worker might write it: any spacing, key order, escapes and repeats. */
function serialise(model: Map<string, Entry>, random: () => number, style: 'stable' | 'any'): Uint8Array {
  const any = style === 'any';
  const indent = any ? [undefined, 2, '\t'][Math.floor(random() * 3)] : undefined;
  const spaces = ['', ' ', '\n', '\r\n', '\t', ' \n  '];
  const gap = () => (any ? spaces[Math.floor(random() * spaces.length)]! : '');
  const escapeAll = any && random() < 0.4;
  const text = (value: unknown) => {
    const json = JSON.stringify(value, null, indent);
    // Non-ASCII as \u escapes (emoji as two) and / as \/: valid JSON that reads the same.
    return escapeAll
      ? json
          .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
          .replaceAll('/', '\\/')
      : json;
  };
  const entries = [...model.entries()];
  if (any && random() < 0.5) entries.reverse();
  const parts = entries.map(
    ([name, entry]) => `${gap()}${text(name)}${gap()}:${gap()}${text(entry)}${gap()}`,
  );
  // A key given twice: the earlier, stale value first; JSON.parse keeps the later one.
  if (any && entries.length > 0 && random() < 0.3) {
    const [name] = entries[Math.floor(random() * entries.length)]!;
    parts.unshift(`${text(name)}:${text({ status: { stale: true } })}`);
  }
  return new TextEncoder().encode(`${gap()}{${parts.join(',')}}${gap()}`);
}

/** A fake client serving whatever body is set. */
function serving(initial?: Uint8Array | string) {
  let body: Uint8Array =
    typeof initial === 'string' ? new TextEncoder().encode(initial) : (initial ?? new Uint8Array());
  let contentType: string | undefined = 'application/json';
  const fallbackCalls: string[][] = [];
  const fallback: ConnectorListing = { connectors: [], mode: 'fallback', skipped: [] };
  const fake: RawListingSource = {
    async listConnectorsRaw() {
      return {
        kind: 'raw',
        bytes: body,
        contentType,
        // A plain error saying what the client's error would be made of.
        badBody: (detail: string, snippet?: string) =>
          new Error(`bad body: ${detail} [${snippet ?? ''}]`) as ConnectError,
      };
    },
    async listFallback(names) {
      fallbackCalls.push(names);
      return fallback;
    },
  };
  return {
    fake,
    fallbackCalls,
    fallback,
    set(next: Uint8Array | string, type: string | undefined = 'application/json') {
      body = typeof next === 'string' ? new TextEncoder().encode(next) : next;
      contentType = type;
    },
    raw: (): RawListing => ({
      kind: 'raw',
      bytes: body,
      contentType,
      badBody: () => new Error('unused') as ConnectError,
    }),
  };
}

describe('IncrementalSnapshots on generated bodies', () => {
  it('matches the whole-body digest through random changes, names with escapes and reformatted bodies', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const random = mulberry32(seed);
      const model = new Map<string, Entry>();
      for (const name of ODD_NAMES) model.set(name, makeEntry(name, random));
      for (let i = 0; i < 60; i++) model.set(`conn-${i}`, makeEntry(`conn-${i}`, random));
      const server = serving();
      source = new IncrementalSnapshots(server.fake);
      let prev: ClusterSnapshot | undefined;
      for (let poll = 0; poll < 25; poll++) {
        const names = [...model.keys()];
        const some = () => names[Math.floor(random() * names.length)]!;
        const roll = random();
        if (roll < 0.25) {
          for (let k = Math.floor(random() * 4); k >= 0; k--) model.set(some(), makeEntry(some(), random));
        } else if (roll < 0.35) {
          model.delete(some());
        } else if (roll < 0.45) {
          const name = `new-${poll}-${['é', '"', '\\', '/', '한', '😀'][poll % 6]}`;
          model.set(name, makeEntry(name, random));
        } else if (roll < 0.5) {
          // Renamed: the same value under another name.
          const from = some();
          const entry = model.get(from)!;
          model.delete(from);
          model.set(`${from}-renamed`, entry);
        } else if (roll < 0.6) {
          // Config keys reordered: other bytes, the same row (kept by its signature).
          const entry = model.get(some())!;
          if (entry.info)
            entry.info = {
              ...entry.info,
              config: Object.fromEntries(Object.entries(entry.info.config).reverse()),
            };
        } else if (roll < 0.65) {
          // Listed without a status (just created or deleted): skipped.
          const name = some();
          model.set(name, random() < 0.5 ? {} : { info: model.get(name)?.info ?? null });
        } else if (roll < 0.7) {
          const entry = model.get(some())!;
          if (entry.status)
            entry.status.connector = { ...entry.status.connector, trace: `Trace ${poll} "x" \\ y` };
        }
        server.set(serialise(model, random, random() < 0.5 ? 'stable' : 'any'));
        const result = await source.next(prev, now);
        expectSameResult(result, whole(prev, server.raw()), prev);
        prev = kept(prev, result);
      }
      source.close();
    }
  });

  it('reuses the row of a value whose bytes did not change, and only that', async () => {
    const random = mulberry32(9);
    const model = new Map<string, Entry>();
    for (let i = 0; i < 50; i++) model.set(`c${i}`, makeEntry(`c${i}`, random));
    model.set('c7', {
      ...makeEntry('c7', random),
      status: { ...makeEntry('c7', random).status!, tasks: [] },
    });
    const server = serving(serialise(model, random, 'stable'));
    source = new IncrementalSnapshots(server.fake);
    const first = await source.next(undefined, now);
    expect(source.lastWalk).toEqual({ entries: 50, parsed: 50 });

    // c7 RUNNING → FAILED with a trace, same length of key order; every other byte as before.
    const c7 = model.get('c7')!;
    model.set('c7', {
      ...c7,
      status: { ...c7.status!, connector: { state: 'FAILED', worker_id: 'w9:8083', trace: 'boom' } },
    });
    server.set(serialise(model, random, 'stable'));
    const second = await source.next(first.snapshot, now);
    expect(source.lastWalk).toEqual({ entries: 50, parsed: 1 });
    expect(second.diff).toEqual({ added: [], removed: [], changed: ['c7'] });
    const row = second.snapshot.byName.get('c7')!;
    expect(row).not.toBe(first.snapshot.byName.get('c7'));
    expect(row.state).toBe('FAILED');
    expect(second.snapshot.countsByState.FAILED).toBe(
      first.snapshot.countsByState.FAILED + (c7.status!.connector.state === 'FAILED' ? 0 : 1),
    );
    for (const other of second.snapshot.rows) {
      if (other.name !== 'c7') expect(other).toBe(first.snapshot.byName.get(other.name));
    }
    expectSameResult(second, whole(first.snapshot, server.raw()), first.snapshot);

    // The same value bytes at other offsets (an entry removed before them): still reused.
    model.delete('c0');
    server.set(serialise(model, random, 'stable'));
    const third = await source.next(second.snapshot, now);
    expect(source.lastWalk).toEqual({ entries: 49, parsed: 0 });
    expect(third.diff.removed).toEqual(['c0']);
    expectSameResult(third, whole(second.snapshot, server.raw()), second.snapshot);
  });

  it('takes the later of two values given under one key, as JSON.parse does', async () => {
    const random = mulberry32(3);
    const a = makeEntry('a', random);
    const b = makeEntry('b', random);
    const server = serving(`{"a":${JSON.stringify(a)},"b":{},"b":${JSON.stringify(b)},"a":{}}`);
    source = new IncrementalSnapshots(server.fake);
    const result = await source.next(undefined, now);
    expect(result.snapshot.rows.map((r) => r.name)).toEqual(['b']);
    expect(result.snapshot.skipped).toEqual(['a']);
    expectSameResult(result, whole(undefined, server.raw()), undefined);
  });

  it('lists skipped connectors in the order the whole-body digest does (index-like names first)', async () => {
    const server = serving('{"zeta":{},"10":{},"alpha":{"info":null},"2":{},"__proto__":{}}');
    source = new IncrementalSnapshots(server.fake);
    const result = await source.next(undefined, now);
    expect(result.snapshot.skipped).toEqual(['2', '10', 'zeta', 'alpha', '__proto__']);
    expectSameResult(result, whole(undefined, server.raw()), undefined);
  });
});

describe('IncrementalSnapshots on bodies that are not a listing', () => {
  const failure = async (body: string, contentType?: string) => {
    const server = serving();
    server.set(body, contentType);
    source = new IncrementalSnapshots(server.fake);
    return source.next(undefined, now).then(
      () => 'no error',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
  };
  /** The error of today's whole-body path for the same body. */
  const today = (body: string, contentType?: string) => {
    try {
      const read = listingFromBody(new TextEncoder().encode(body), contentType);
      if (read.kind === 'bad') return `bad body: ${read.detail} [${read.snippet ?? ''}]`;
      if (read.kind === 'listing') digestListing(undefined, read.listing, NOW);
      return 'no error';
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };

  it.each([
    ['an HTML page', '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html'],
    ['an HTML page sent as JSON', '<!DOCTYPE html><html></html>', 'application/json'],
    ['truncated JSON', '{"a":{"status":{"name":"a","connector":{"state":"RUNN', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['a number', '42', undefined],
    ['an empty body', '', 'application/json'],
    ['a bad escape in a key', '{"a\\x":{}}', 'application/json'],
    ['a bad value', '{"a":{"status":tru}}', 'application/json'],
    ['a control character in a value', '{"a":{"status":"x\u0001"}}', 'application/json'],
    ['an entry that is null', '{"a":null}', 'application/json'],
    ['a status without tasks', '{"a":{"status":{"connector":{"state":"RUNNING"}}}}', 'application/json'],
  ])('%s: the error today gives', async (_what, body, contentType) => {
    const expected = today(body, contentType);
    expect(expected).not.toBe('no error');
    expect(await failure(body, contentType)).toBe(expected);
  });

  it('asks for each connector when a worker answers with plain names', async () => {
    const server = serving('["b","a"]');
    source = new IncrementalSnapshots(server.fake);
    const result = await source.next(undefined, now);
    expect(server.fallbackCalls).toEqual([['b', 'a']]);
    expect(result.snapshot).toEqual(digestListing(undefined, server.fallback, NOW).snapshot);
    expect(source.lastWalk).toBeUndefined();
  });

  it('reads a body with a byte-order mark the ordinary way, with the same result', async () => {
    const random = mulberry32(2);
    const body = `\ufeff${JSON.stringify({ a: makeEntry('a', random), b: makeEntry('b', random) })}`;
    const server = serving(body);
    source = new IncrementalSnapshots(server.fake);
    const result = await source.next(undefined, now);
    expect(source.lastWalk).toBeUndefined();
    expectSameResult(result, whole(undefined, server.raw()), undefined);
    // And the next poll parses everything again: nothing was kept from a body read whole.
    server.set(JSON.stringify({ a: makeEntry('a', random) }));
    await source.next(result.snapshot, now);
    expect(source.lastWalk).toEqual({ entries: 1, parsed: 1 });
  });
});

/** A body of `count` generated connectors. */
function bigBody(count: number): Uint8Array {
  const random = mulberry32(count);
  const model = new Map<string, Entry>();
  for (let i = 0; i < count; i++) model.set(`connector-${i}`, makeEntry(`connector-${i}`, random));
  return serialise(model, random, 'stable');
}

describe('IncrementalSnapshots and the event loop', () => {
  it('lets timers and other callbacks run while it digests a first poll of 5,000 connectors', async () => {
    const server = serving(bigBody(5_000));
    source = new IncrementalSnapshots(server.fake);
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    let timerFired = false;
    const polling = source.next(undefined, now);
    setImmediate(tick);
    setTimeout(() => {
      timerFired = true;
    }, 1);
    const result = await polling;
    ticking = false;
    expect(result.snapshot.rows).toHaveLength(5_000);
    expect(timerFired).toBe(true);
    expect(ticks).toBeGreaterThan(2);
  });

  it('checks the clock as it goes and yields whenever a slice is used up', async () => {
    const server = serving(bigBody(2_000));
    let clock = 0;
    let yields = 0;
    source = new IncrementalSnapshots(server.fake, {
      sliceMs: 4,
      // Every reading of the clock is a millisecond later: a yield at least every 4 readings.
      clock: () => clock++,
      yieldToLoop: async () => {
        yields++;
      },
    });
    const first = await source.next(undefined, now);
    // 2,000 values parsed, each followed by a look at the clock.
    expect(yields).toBeGreaterThanOrEqual(2_000 / 4);
    yields = 0;
    await source.next(first.snapshot, now);
    // Nothing to parse: the walk looks at the clock only every 256 entries.
    expect(yields).toBeGreaterThanOrEqual(2);
    expect(yields).toBeLessThan(20);
  });
});

describe('IncrementalSnapshots.close', () => {
  it('fails a poll whose fetch ends after close()', async () => {
    let answer!: (raw: RawListing) => void;
    const fake: RawListingSource = {
      listConnectorsRaw: () =>
        new Promise<RawListing>((resolve) => {
          answer = resolve;
        }),
      listFallback: vi.fn(),
    };
    source = new IncrementalSnapshots(fake);
    const polling = source.next(undefined, now);
    source.close();
    answer(serving('{}').raw());
    await expect(polling).rejects.toThrow('snapshot source closed');
  });

  it('fails a poll closed mid-digest, and every poll after', async () => {
    const server = serving(bigBody(300));
    let yields = 0;
    let clock = 0;
    const closing = new IncrementalSnapshots(server.fake, {
      clock: () => (clock += 5),
      yieldToLoop: async () => {
        if (++yields === 3) closing.close();
      },
    });
    source = closing;
    await expect(closing.next(undefined, now)).rejects.toThrow('snapshot source closed');
    expect(closing.lastWalk).toBeUndefined();
    await expect(closing.next(undefined, now)).rejects.toThrow('snapshot source closed');
  });
});
