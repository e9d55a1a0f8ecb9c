// The task trace (docs/product.md §2 Task trace): the full stack trace, scrollable, searchable, copyable,
// with the "Caused by" root cause pulled to the top; keys from the keymap that binds them.
import './force-color.js';
import { afterEach, describe, expect, it } from 'vitest';
import { bindingsFor } from '../../src/tui/keymap.js';
import {
  bytesFor,
  type Harness,
  KEY,
  lineWith,
  rawLineWith,
  startTui,
  styledChars,
  traceWithCause,
} from '../support/tui-harness.js';

/** The key the keymap binds to `command` in the trace view. */
const keyOf = (command: string) =>
  bytesFor(bindingsFor('trace').find((b) => b.command === command)!.keys[0]!);

/** A long trace: the match for a search sits far below the first screen. */
function longTrace(): string {
  const frames = Array.from(
    { length: 60 },
    (_, i) => `\tat com.example.pipeline.Stage${i}.process(Stage${i}.java:${100 + i})`,
  );
  return [
    `org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler ${'x'.repeat(150)} END-OF-LONG-LINE`,
    ...frames,
    'Caused by: org.apache.kafka.common.errors.SerializationException: Unknown magic byte!',
    '\tat io.confluent.kafka.serializers.AbstractKafkaSchemaSerDe.getByteBuffer(AbstractKafkaSchemaSerDe.java:600)',
    '\t... 20 more',
  ].join('\n');
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function openTrace(trace: string): Promise<Harness> {
  h = await startTui({
    connectors: [{ name: 'orders-sink', failTasks: [{ task: 1, trace }] }],
    columns: 120,
    rows: 30,
  });
  await h.waitFor('1 connectors');
  await h.press(KEY.enter);
  await h.waitFor(/1\s+FAILED/);
  await h.press('j');
  await h.press(KEY.enter);
  await h.waitFor('› orders-sink › task 1');
  await h.waitFor('root cause');
  return h;
}

describe('task trace view', () => {
  it('Enter on a failed task opens its trace with the Caused by root cause on top', async () => {
    const trace = traceWithCause('orders');
    const t = await openTrace(trace);
    const lines = t.lines();
    const pinned = lines.findIndex((l) => l.includes('root cause:'));
    const opening = lines.findIndex((l) => l.startsWith('org.apache.kafka.connect.errors.ConnectException'));
    expect(pinned).toBeGreaterThan(-1);
    expect(opening).toBeGreaterThan(pinned);
    // product.md: the first "Caused by" line is pulled to the top as the root cause.
    expect(lines[pinned]).toContain('DataException: Converting byte[] failed');
    expect(lines[pinned]).toContain('FAILED');
    // The whole trace follows, frames and causes included.
    for (const line of trace.split('\n')) expect(t.frame()).toContain(line.replace(/\t/g, '    ').trim());
  });

  it('y copies the whole trace', async () => {
    const trace = traceWithCause('copy-me');
    const t = await openTrace(trace);
    await t.press(keyOf('copy'));
    await t.waitFor('copied the trace');
    expect(t.copies).toEqual([trace]);
  });

  it('scrolls with j/k and G/g', async () => {
    const t = await openTrace(longTrace());
    expect(t.frame()).not.toContain('Stage59.process');
    await t.press('G');
    await t.waitFor('Stage59.process');
    expect(t.frame()).not.toContain('Stage0.process');
    await t.press('g');
    await t.waitFor('Stage0.process');
    await t.press('j');
    await t.waitFor((f) => !f.includes('Tolerance exceeded'));
  });

  it('/ searches: Enter jumps to the first match, n and N step through them', async () => {
    const t = await openTrace(longTrace());
    const search = keyOf('search');
    await t.press(search, 'stage45.');
    await t.waitFor('/stage45.');
    await t.press(KEY.enter);
    await t.waitFor(/1\/1/);
    // The match was below the screen; the view scrolled to it and marks it.
    expect(t.frame()).toContain('Stage45.process');
    const current = rawLineWith(t.raw(), 'Stage45.process')!;
    expect(styledChars(current).some((c) => c.inverse)).toBe(true);

    await t.press(search, 'magic', KEY.enter);
    await t.waitFor(/\/magic\s+1\/1/);
    await t.press(search, 'stage1', KEY.enter);
    // Stage1, Stage10–Stage19: 11 matches.
    await t.waitFor(/\/stage1\s+1\/11/);
    await t.press(keyOf('nextMatch'));
    await t.waitFor(/\/stage1\s+2\/11/);
    await t.press(keyOf('prevMatch'), keyOf('prevMatch'));
    await t.waitFor(/\/stage1\s+11\/11/);
    expect(t.frame()).toContain('Stage19.process');
    await t.press(search, 'no-such-text', KEY.enter);
    await t.waitFor('no match');
  });

  it('the wrap key shows long lines whole, without losing the lines after them, and again cuts them', async () => {
    const t = await openTrace(longTrace());
    expect(lineWith(t.frame(), 'Tolerance exceeded')).toMatch(/…$/);
    expect(t.frame()).not.toContain('END-OF-LONG-LINE');
    await t.press(keyOf('wrap'));
    await t.waitFor(/lines · wrap/);
    const frame = t.frame();
    expect(frame).toContain('END-OF-LONG-LINE');
    // The frames below the wrapped line follow it in order, none dropped from the middle.
    const stages = [...frame.matchAll(/Stage(\d+)\.process/g)].map((m) => Number(m[1]));
    expect(stages.length).toBeGreaterThan(5);
    expect(stages).toEqual(stages.map((_, i) => i));
    await t.press(keyOf('wrap'));
    await t.waitFor((f) => !f.includes('END-OF-LONG-LINE') && !f.includes('· wrap'));
  });

  it('R restarts that task; Esc goes back to the connector', async () => {
    const t = await openTrace(traceWithCause('restart'));
    await t.press('R');
    await t.waitFor('restarted task 1 of "orders-sink"');
    await t.until(() => t.status('orders-sink')?.tasks[1]?.state === 'RUNNING', 'task 1 RUNNING');
    await t.press(KEY.escape);
    await t.waitFor((f) => f.includes('› orders-sink') && !f.includes('› task 1'));
    await t.waitFor('tasks 2/2 running');
  });
});
