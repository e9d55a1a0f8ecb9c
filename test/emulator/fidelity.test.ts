// Replays every transcript recorded from a real Kafka Connect 4.0 worker, in order, against a
// fresh emulator, and compares status codes and bodies. The transcripts tell one story (create,
// pause, stop, offsets, restart, failures, delete), so replaying them in order builds the same state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { listTranscripts, readTranscript, shapeOf, type Transcript } from '../support/fixtures.js';

/** Compared by JSON shape only, with the reason. */
const SHAPE_ONLY: Record<string, string> = {
  '01-root.txt': 'commit and cluster id are per cluster',
  '20-validate-unknown-plugin.txt': 'the PluginDesc list names the emulator plugin locations',
  '22-create-bad-json.txt': "Jackson's wording is matched in its first line only",
  '27-offsets-running.txt': 'how far the file was read is the worker’s own',
  '32-offsets-stopped.txt': 'how far the file was read is the worker’s own',
  '45-sink-offsets.txt': 'the consumer position is the worker’s own',
  '57-loggers.txt': 'the logger set depends on the classes loaded',
  '58-logger-set.txt': 'the logger set depends on the classes loaded',
  '59-logger-get.txt': 'last_modified is a time',
};

/** Plugin listings: the emulator ships extra third-party plugins; the Apache ones must match exactly. */
const APACHE_SUBSET = new Set(['02-connector-plugins.txt', '03-connector-plugins-all.txt']);

/** Worker ids, traces and times differ by nature; everything else must be equal. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      if (k === 'worker_id' && typeof v === 'string') return [k, '<worker>'];
      if (k === 'trace' && typeof v === 'string') return [k, firstLine(v)];
      if (k === 'last_modified' && typeof v === 'number') return [k, '<time>'];
      return [k, normalise(v)];
    }),
  );
}

const firstLine = (trace: string) => trace.split('\n')[0]!.replace(/'[^']*'/g, "'<path>'");

function parse(text: string): unknown {
  return text === '' ? undefined : JSON.parse(text);
}

describe('emulator fidelity against a real Connect 4.0 worker', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ version: '4.0.0', workers: 1, connectors: 0, startDelayMs: 0 });
  });
  afterAll(async () => {
    await emu.close();
  });

  const files = listTranscripts();
  it('has all 64 transcripts to replay', () => {
    expect(files).toHaveLength(64);
  });

  for (const file of files) {
    it(`replays ${file}`, async () => {
      const t: Transcript = readTranscript(file);
      const headers: Record<string, string> = {};
      if (t.requestHeaders['content-type']) headers['content-type'] = t.requestHeaders['content-type'];
      const res = await fetch(emu.url + t.path, {
        method: t.method,
        headers,
        body: t.requestBody === '' ? undefined : t.requestBody,
      });
      const text = await res.text();
      expect(res.status, `${file}: status`).toBe(t.status);

      const expected = parse(t.body);
      const actual = parse(text);
      if (expected === undefined) {
        expect(text, `${file}: no body`).toBe('');
        return;
      }
      expect(res.headers.get('content-type'), `${file}: content type`).toContain('application/json');
      if (t.headers.location) {
        expect(res.headers.get('location')).toBe(
          t.headers.location.replace('http://127.0.0.1:8083', emu.url),
        );
      }

      if (APACHE_SUBSET.has(file)) {
        const apache = (actual as { class: string }[]).filter((p) => p.class.startsWith('org.apache.kafka.'));
        expect(apache).toEqual(expected);
      } else if (SHAPE_ONLY[file]) {
        expect(shapeOf(actual, file === '57-loggers.txt'), `${file}: shape`).toEqual(
          shapeOf(expected, file === '57-loggers.txt'),
        );
        const message = (expected as { message?: unknown }).message;
        if (typeof message === 'string') {
          expect((actual as { message: string }).message.split(/[:\n]/)[0]).toBe(message.split(/[:\n]/)[0]);
        }
      } else {
        expect(normalise(actual), `${file}: body`).toEqual(normalise(expected));
      }
    });
  }

  it('matches the level the real worker reported after the change (59)', async () => {
    const res = await fetch(`${emu.url}/admin/loggers/org.apache.kafka.connect.file`);
    expect(await res.json()).toMatchObject({ level: 'DEBUG', last_modified: expect.any(Number) });
  });
});
