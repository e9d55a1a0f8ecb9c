// Layout (docs/product.md §1 and §7): an 80×24 terminal, a 40×12 one, a resize, NO_COLOR, and names
// with wide characters that must keep the table's columns aligned.
import './force-color.js';
import { afterEach, describe, expect, it } from 'vitest';
import { pickTheme } from '../../src/tui/theme.js';
import {
  cells,
  colourCodes,
  columnsOf,
  type ConnectorSpec,
  type Harness,
  inverseRuns,
  KEY,
  lineWith,
  rawLineWith,
  selectedLine,
  startTui,
  styledChars,
  traceWithCause,
} from '../support/tui-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ODD: ConnectorSpec[] = [
  { name: '한글-커넥터-sink' },
  { name: '🚀-launch-events', failTasks: [{ task: 0 }] },
  { name: 'orders sink (eu)', pause: true },
  { name: 'legacy/crm-sync', initial: 'STOPPED' },
  { name: '50%-sample-source' },
  { name: 'what?-source' },
  { name: '#alerts-sink' },
  { name: '데이터베이스-변경-데이터-캡처-커넥터-프로덕션-환경' },
  { name: 'plain-ascii-sink', failTasks: [{ task: 1, trace: traceWithCause('plain') }] },
];

/** Every line fits the width in display cells, and the frame fits the rows. */
function expectFits(t: Harness, columns: number, rows: number, where: string): void {
  const lines = t.frame().split('\n');
  expect(lines.length, `${where}: ${lines.length} lines on a ${rows}-row terminal`).toBeLessThanOrEqual(rows);
  for (const line of lines)
    expect(cells(line), `${where}: "${line}" is wider than ${columns}`).toBeLessThanOrEqual(columns);
}

/** The dialog box is whole: both borders, and every line between them closed on both sides. */
function expectIntactDialog(frame: string): void {
  const lines = frame.split('\n');
  const top = lines.findIndex((l) => l.startsWith('╭'));
  const bottom = lines.findIndex((l) => l.startsWith('╰'));
  expect(top, 'the dialog top border').toBeGreaterThan(-1);
  expect(bottom, 'the dialog bottom border').toBeGreaterThan(top);
  expect(lines[top]).toMatch(/^╭─+╮$/);
  expect(lines[bottom]).toMatch(/^╰─+╯$/);
  for (const line of lines.slice(top + 1, bottom)) expect(line).toMatch(/^│.*│$/);
}

/** The list is on screen with every connector of ODD (the header's total may be cut on a narrow screen). */
async function loaded(t: Harness): Promise<void> {
  await t.until(() => t.poller.state.snapshot?.rows.length === ODD.length, 'the first snapshot');
  await t.waitFor((f) => f.includes('NAME') && f.includes('#alerts-sink'));
}

/** Walks through the main screens, checking that each fits. */
async function tour(t: Harness, columns: number, rows: number): Promise<void> {
  const check = (where: string) => expectFits(t, columns, rows, where);
  await loaded(t);
  await t.waitFor(/Connect 4\.0\.0/);
  check('home');
  expect(t.lines()[0]).toContain('test-ctx');
  expect(t.lines().at(-1)).toMatch(/^\? help/);
  await t.press('G');
  check('home, bottom');
  await t.press('/', 'sink');
  await t.waitFor('/sink');
  check('filter');
  await t.press(KEY.escape);
  await t.waitFor((f) => !f.includes('/sink'));
  await t.press(':');
  await t.waitFor(/^:/m);
  check('command line');
  await t.press(KEY.escape);
  await t.waitFor((f) => !/^:/m.test(f));
  await t.press(KEY.ctrlD);
  await t.waitFor('Cancel');
  check('delete confirm');
  await t.press(KEY.escape);
  await t.press('R');
  await t.waitFor('Esc cancels');
  check('restart choice');
  await t.press(KEY.escape);
  await t.waitFor((f) => !f.includes('Esc cancels'));
  await t.press('g', '/plain', KEY.enter, KEY.enter);
  await t.waitFor('› plain-ascii-sink');
  await t.waitFor('config (');
  check('connector');
  expect(t.lines().at(-1)).toMatch(/^\? help/);
  await t.press('j', KEY.enter);
  await t.waitFor('root cause');
  check('trace');
  await t.press('?');
  await t.waitFor('Keys in the trace view');
  check('help');
  await t.press('q', 'q', 't');
  await t.waitFor('active topic');
  check('topics');
  await t.press(':cluster', KEY.enter);
  await t.waitFor('version ');
  check('cluster');
  await t.press(':plugins', KEY.enter);
  await t.waitFor(/^CLASS/m);
  await t.waitFor('org.apache');
  check('plugins');
}

describe('layout', () => {
  it('80×24: every screen fits', async () => {
    h = await startTui({ connectors: ODD, columns: 80, rows: 24 });
    await tour(h, 80, 24);
  });

  it('40×12: every screen fits', async () => {
    h = await startTui({ connectors: ODD, columns: 40, rows: 12 });
    await tour(h, 40, 12);
  });

  it('40×12: a confirm dialog still shows its targets and both buttons inside an intact box', async () => {
    h = await startTui({ connectors: [{ name: 'orders-sink' }], columns: 40, rows: 12 });
    const t = h;
    await t.waitFor('1 connectors');
    await t.press(KEY.ctrlD);
    await t.waitFor('Delete "orders-sink"');
    const frame = t.frame();
    expectIntactDialog(frame);
    // The target with its state, as the confirm must list it.
    expect(frame).toMatch(/│\s+orders-sink\s+RUNNING/);
    expect(frame).toMatch(/Cancel\s+Delete/);
    expect(inverseRuns(rawLineWith(t.raw(), 'Cancel')!)[0]?.trim()).toBe('Cancel');
  });

  it('40×12: the restart choice shows all three options inside an intact box', async () => {
    // A name long enough for the title to take two lines.
    h = await startTui({ connectors: [{ name: 'payments-cdc-source' }], columns: 40, rows: 12 });
    const t = h;
    await t.waitFor('1 connectors');
    await t.press('R');
    await t.waitFor('Restart "payments-cdc-source"');
    const frame = t.frame();
    expectIntactDialog(frame);
    expect(frame).toContain('1. connector only');
    expect(frame).toContain('2. connector and all tasks');
    expect(frame).toContain('3. failed tasks only');
  });

  it('a resize re-lays the screen out to the new size', async () => {
    h = await startTui({ connectors: ODD, columns: 120, rows: 30 });
    const t = h;
    await t.waitFor(`${ODD.length} connectors`);
    expect(lineWith(t.frame(), 'NAME')).toContain('PLUGIN');
    t.resize(40, 12);
    await t.waitFor((f) => f.split('\n').length <= 12 && !f.includes('PLUGIN'));
    expectFits(t, 40, 12, 'after shrinking');
    t.resize(80, 24);
    await t.waitFor((f) => f.split('\n').length > 12);
    expectFits(t, 80, 24, 'after growing');
    expect(t.frame().split('\n')).toHaveLength(24);
  });

  for (const [columns, rows] of [
    [100, 30],
    [80, 24],
    [40, 12],
  ] as const) {
    it(`${columns}×${rows}: Hangul and emoji names keep the columns aligned`, async () => {
      h = await startTui({ connectors: ODD, columns, rows });
      const t = h;
      await loaded(t);
      const seen = new Set<string>();
      // Page through the whole list: every row is checked against the column header.
      for (let i = 0; i < ODD.length; i++) {
        const frame = t.frame();
        const header = lineWith(frame, 'NAME')!;
        const titles = header.trim().split(/\s+/);
        expect(titles).toEqual(expect.arrayContaining(['NAME', 'STATE', 'TASKS']));
        for (const spec of ODD) {
          const line = frame.split('\n').find((l) => l.includes(spec.name.slice(0, 6)));
          if (!line) continue;
          const row = columnsOf(header, line, titles);
          expect(row.STATE, `STATE of ${spec.name} at ${columns} columns: "${line}"`).toMatch(
            /^(RUNNING|PAUSED|STOPPED|FAILED)$/,
          );
          expect(row.TASKS).toMatch(/^\d+\/\d+( \d+F)?$/);
          expect(cells(line)).toBeLessThanOrEqual(columns);
          seen.add(spec.name);
        }
        await t.press('j');
      }
      expect([...seen].sort()).toEqual(ODD.map((c) => c.name).sort());
    });
  }
});

describe('NO_COLOR', () => {
  it('renders every screen without a colour escape, the cursor in inverse video and matches underlined', async () => {
    h = await startTui({ connectors: ODD, columns: 100, rows: 30, theme: pickTheme({ NO_COLOR: '1' }) });
    const t = h;
    const noColour = (where: string) => expect(colourCodes(t.raw()), where).toEqual([]);
    await t.waitFor(`${ODD.length} connectors`);
    await t.waitFor(/Connect 4\.0\.0/);
    noColour('home');
    expect(selectedLine(t.raw())).toBeDefined();
    await t.press('/', 'plain');
    await t.waitFor('/plain');
    noColour('filter');
    const matched = styledChars(rawLineWith(t.raw(), 'plain-ascii-sink')!)
      .filter((c) => c.underline)
      .map((c) => c.ch)
      .join('');
    expect(matched).toBe('plain');
    await t.press(KEY.enter, KEY.ctrlD);
    await t.waitFor('Cancel');
    noColour('confirm');
    expect(inverseRuns(rawLineWith(t.raw(), 'Cancel')!)[0]?.trim()).toBe('Cancel');
    await t.press(KEY.escape, KEY.enter);
    await t.waitFor('config (');
    noColour('connector');
    await t.press('j', KEY.enter);
    await t.waitFor('root cause');
    noColour('trace');
    await t.press('?');
    await t.waitFor('Keys in the trace view');
    noColour('help');
  });

  it('the colour theme does colour (so the check above can fail)', async () => {
    h = await startTui({ connectors: ODD, columns: 100, rows: 30, theme: pickTheme({}) });
    await h.waitFor(`${ODD.length} connectors`);
    expect(colourCodes(h.raw()).length).toBeGreaterThan(0);
  });
});
