// The config editor's bad-input story (product.md §5, issue "config editing"): each fault gives a clear
// message in the editor, the text is never lost, and nothing half-applied.
import './force-color.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, KEY, startTui } from '../support/tui-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function openEditor(): Promise<Harness> {
  h = await startTui({
    connectors: [
      { name: 'orders-sink', config: { 'tasks.max': '2', 'connection.password': 's3cr3t-value' } },
    ],
    rows: 30,
    columns: 120,
  });
  await h.waitFor('1 connectors');
  await h.press(KEY.enter);
  await h.waitFor('› orders-sink');
  await h.waitFor('config (');
  await h.press('e');
  await h.waitFor('Edit orders-sink');
  await h.waitFor('"tasks.max": "2"');
  return h;
}

/** Moves the cursor to the end of the line holding `needle` (the editor starts on line 1). */
async function toLineEnd(t: Harness, needle: string): Promise<void> {
  const lines = t.frame().split('\n');
  const first = lines.findIndex((l) => /^\s*1 \{/.test(l));
  const target = lines.findIndex((l) => l.includes(needle));
  await t.press(KEY.down.repeat(target - first), KEY.end);
}

describe('config editor', () => {
  it('shows secrets masked and a JSON error at its line, keeping the text', async () => {
    const t = await openEditor();
    expect(t.frame()).not.toContain('s3cr3t-value');
    await toLineEnd(t, '"tasks.max"');
    await t.press(KEY.backspace); // drops the comma: invalid JSON
    await t.press('\u0013');
    await t.waitFor(/JSON error at line \d+, column \d+/);
    expect(t.frame()).toContain('"tasks.max": "2"');
  });

  it('puts the plugin’s validation error beside its key and sends nothing', async () => {
    const t = await openEditor();
    await toLineEnd(t, '"tasks.max"');
    await t.press(KEY.left, KEY.left, KEY.backspace, '0');
    await t.press('\u0013');
    const frame = await t.waitFor(/error/);
    expect(frame).toMatch(/"tasks\.max": "0",\s+← .+/);
    expect(t.emulator.cluster.config('orders-sink')['tasks.max']).toBe('2');
  });

  it('refuses to apply when the connector was deleted meanwhile, keeping the text', async () => {
    const t = await openEditor();
    await toLineEnd(t, '"tasks.max"');
    await t.press(KEY.left, KEY.left, KEY.backspace, '3');
    await t.press('\u0013');
    await t.waitFor('Enter applies');
    t.emulator.cluster.delete('orders-sink');
    await t.press(KEY.enter);
    await t.waitFor('was deleted on the cluster while you edited it');
    // Nothing re-created behind the user's back, and the edit is still there.
    expect(t.status('orders-sink')).toBeUndefined();
    expect(t.frame()).toContain('"tasks.max": "3"');
  });

  it('says so when the plugin class is unknown (Connect answers 500) and offers nothing silently', async () => {
    const t = await openEditor();
    await toLineEnd(t, '"connector.class"');
    await t.press(KEY.left, KEY.left, 'X');
    await t.press('\u0013');
    await t.waitFor('Could not validate');
    expect(t.frame()).toMatch(/500/);
    expect(t.emulator.cluster.config('orders-sink')['connector.class']).not.toMatch(/X$/);
  });
});
