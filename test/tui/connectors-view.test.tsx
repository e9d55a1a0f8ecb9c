// The home view (docs/product.md §2 Connectors, §3 list keys, §4 filter and marks): keys in, frames out,
// against the emulator through the real client and poller.
import './force-color.js';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/tui/keymap.js';
import {
  bytesFor,
  type ConnectorSpec,
  columnsOf,
  type Harness,
  KEY,
  lineWith,
  rawLineWith,
  selectedLine,
  startTui,
  styledChars,
} from '../support/tui-harness.js';

const FOUR: ConnectorSpec[] = [
  { name: 'alpha-sink' },
  { name: 'beta-sink', failTasks: [{ task: 1 }] },
  { name: 'gamma-sink', pause: true },
  { name: 'delta-sink', initial: 'STOPPED' },
];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The connector names in the list, top to bottom. */
function listedNames(frame: string, names: string[]): string[] {
  return frame
    .split('\n')
    .map((line) => names.find((n) => line.includes(` ${n} `)))
    .filter((n): n is string => n !== undefined);
}

const NAMES = FOUR.map((c) => c.name);
const keyOf = (command: string) => bytesFor(KEYMAP.find((b) => b.command === command)!.keys[0]!);

async function home(options: Parameters<typeof startTui>[0] = {}): Promise<Harness> {
  h = await startTui({ connectors: FOUR, ...options });
  await h.waitFor('4 connectors');
  await h.waitFor(/Connect 4\.0\.0/);
  return h;
}

describe('connectors view', () => {
  it('shows the header (context, URL, version, age, counts) and one row per connector under its column', async () => {
    const t = await home();
    const [top, counts] = t.lines();
    expect(top).toContain('test-ctx');
    expect(top).toContain(t.emulator.url);
    expect(top).toContain('Connect 4.0.0');
    expect(top).toMatch(/↻ \d/);
    for (const c of ['1 healthy', '1 degraded', '1 paused', '1 stopped', '4 connectors'])
      expect(counts).toContain(c);
    expect(t.lines()[2]).toContain('test-ctx › connectors');

    const frame = t.frame();
    const header = lineWith(frame, 'NAME')!;
    for (const title of ['NAME', 'TYPE', 'STATE', 'TASKS', 'HEALTH', 'WORKER', 'PLUGIN'])
      expect(header).toContain(title);
    expect(listedNames(frame, NAMES)).toEqual(['alpha-sink', 'beta-sink', 'delta-sink', 'gamma-sink']);

    const titles = ['NAME', 'TYPE', 'STATE', 'TASKS', 'HEALTH', 'WORKER', 'PLUGIN'];
    const row = (name: string) => columnsOf(header, lineWith(frame, ` ${name} `)!, titles);
    expect(row('beta-sink')).toMatchObject({
      NAME: 'beta-sink',
      TYPE: 'sink',
      STATE: 'RUNNING',
      TASKS: '1/2 1F',
      HEALTH: 'DEGRADED',
      PLUGIN: 'FileStreamSink',
    });
    expect(row('beta-sink').WORKER).toMatch(/^connect-\d:8083$/);
    expect(row('gamma-sink')).toMatchObject({ STATE: 'PAUSED', TASKS: '0/2', HEALTH: 'PAUSED' });
    expect(row('delta-sink')).toMatchObject({ STATE: 'STOPPED', TASKS: '0/0', HEALTH: 'STOPPED' });
    expect(row('alpha-sink')).toMatchObject({ STATE: 'RUNNING', TASKS: '2/2', HEALTH: 'HEALTHY' });
  });

  it('moves the selection with j/k, arrows, g/G, Home/End and PgUp/PgDn', async () => {
    const t = await home();
    const at = async (name: string) => {
      await t.waitFor(() => selectedLine(t.raw())?.includes(` ${name} `) === true);
    };
    await at('alpha-sink');
    const steps: [string, string][] = [
      ['j', 'beta-sink'],
      [KEY.down, 'delta-sink'],
      ['G', 'gamma-sink'],
      ['j', 'gamma-sink'],
      ['k', 'delta-sink'],
      [KEY.up, 'beta-sink'],
      ['g', 'alpha-sink'],
      ['k', 'alpha-sink'],
      [KEY.end, 'gamma-sink'],
      [KEY.home, 'alpha-sink'],
      [KEY.pageDown, 'gamma-sink'],
      [KEY.pageUp, 'alpha-sink'],
    ];
    for (const [key, name] of steps) {
      await t.press(key);
      await at(name);
    }
    // A fast chunk ("jj" over SSH) moves once per character.
    await t.press('jj');
    await at('delta-sink');
  });

  it('opens the selected connector with Enter, and q goes back to the same row', async () => {
    const t = await home();
    await t.press('j', KEY.enter);
    await t.waitFor('test-ctx › connectors › beta-sink');
    await t.waitFor('tasks 1/2 running, 1 failed');
    await t.press('q');
    await t.waitFor((f) => f.includes('4 connectors') && !f.includes('› beta-sink'));
    await t.waitFor(() => selectedLine(t.raw())?.includes(' beta-sink ') === true);
  });

  it('/ narrows the list as you type, Enter keeps the filter, Esc clears it', async () => {
    const t = await home();
    await t.press('/', 'g');
    // "g" alone still matches the names with a g in them.
    await t.waitFor((f) => listedNames(f, NAMES).join() === 'gamma-sink');
    await t.press('am');
    await t.waitFor('/gam');
    expect(t.frame()).toContain('1 match');
    // While typing, letters are text, not commands: q does not quit, a does not mark.
    await t.press('q');
    await t.waitFor('/gamq');
    await t.waitFor('No connector matches.');
    await t.press(KEY.backspace);
    await t.waitFor((f) => listedNames(f, NAMES).join() === 'gamma-sink' && f.includes('/gam'));
    await t.press(KEY.enter);
    // Kept: the query stays and the list stays narrowed; keys are commands again.
    await t.waitFor((f) => f.includes('/gam') && f.includes('1 match'));
    await t.press('j');
    expect(listedNames(t.frame(), NAMES)).toEqual(['gamma-sink']);
    await t.press(KEY.escape);
    await t.waitFor((f) => listedNames(f, NAMES).length === 4 && !f.includes('/gam'));

    // Esc while still typing clears it too.
    await t.press('/', 'del');
    await t.waitFor((f) => listedNames(f, NAMES).join() === 'delta-sink');
    await t.press(KEY.escape);
    await t.waitFor((f) => listedNames(f, NAMES).length === 4 && !f.includes('/del'));
  });

  it('highlights the matched characters of the name, wide characters included', async () => {
    h = await startTui({
      connectors: [{ name: '🚀-launch-events' }, { name: '한글-커넥터-sink' }, { name: 'orders-sink' }],
    });
    const t = h;
    await t.waitFor('3 connectors');
    const highlighted = (name: string) => {
      return styledChars(rawLineWith(t.raw(), name)!)
        .filter((c) => c.fg === '93')
        .map((c) => c.ch)
        .join('');
    };
    await t.press('/launch');
    await t.waitFor((f) => f.includes('/launch') && !f.includes('orders-sink'));
    expect(highlighted('🚀-launch-events')).toBe('launch');
    await t.press(KEY.escape);
    await t.waitFor((f) => f.includes('orders-sink'));
    await t.press('/커넥터');
    await t.waitFor((f) => f.includes('/커넥터') && !f.includes('orders-sink'));
    expect(highlighted('한글-커넥터-sink')).toBe('커넥터');
  });

  it('z shows only the problems (not RUNNING, or a failed task), and again shows all', async () => {
    const t = await home();
    await t.press(keyOf('problems'));
    await t.waitFor((f) => f.includes('problems only') && !f.includes('alpha-sink'));
    expect(listedNames(t.frame(), NAMES)).toEqual(['beta-sink', 'delta-sink', 'gamma-sink']);
    await t.press(keyOf('problems'));
    await t.waitFor((f) => listedNames(f, NAMES).length === 4);
  });

  it('the sort key cycles the order (name → state), the selection staying on its connector', async () => {
    const t = await home();
    const sortKey = keyOf('sort');
    await t.waitFor(() => selectedLine(t.raw())?.includes(' alpha-sink ') === true);
    await t.press(sortKey);
    await t.waitFor('sorted by state');
    // Problems first: DEGRADED, then PAUSED, STOPPED, and the healthy one last.
    await t.waitFor(
      (f) => listedNames(f, NAMES).join() === 'beta-sink,gamma-sink,delta-sink,alpha-sink',
      2000,
    );
    expect(selectedLine(t.raw())).toContain(' alpha-sink ');
    for (const next of ['type', 'failed', 'name']) {
      await t.press(sortKey);
      await t.waitFor(`sorted by ${next}`);
    }
    await t.waitFor((f) => listedNames(f, NAMES).join() === 'alpha-sink,beta-sink,delta-sink,gamma-sink');
  });

  it('Space marks and unmarks the row and moves down; a marks all shown rows, again unmarks them', async () => {
    const t = await home();
    const marked = () =>
      NAMES.filter((n) => lineWith(t.frame(), ` ${n} `)?.trimStart().startsWith('✓')).sort();
    await t.press(KEY.space);
    await t.waitFor(() => marked().join() === 'alpha-sink');
    await t.waitFor(() => selectedLine(t.raw())?.includes(' beta-sink ') === true);
    await t.press(KEY.space);
    await t.waitFor(() => marked().join() === 'alpha-sink,beta-sink');
    await t.press('k', KEY.space);
    await t.waitFor(() => marked().join() === 'alpha-sink');

    // `a` marks the rows shown: with a filter, only the filtered ones.
    await t.press('/', 'ta', KEY.enter);
    await t.waitFor((f) => f.includes('/ta') && !f.includes('gamma-sink'));
    const shown = listedNames(t.frame(), NAMES);
    expect(shown).toEqual(expect.arrayContaining(['beta-sink', 'delta-sink']));
    await t.press('a');
    await t.waitFor(() => shown.every((n) => marked().includes(n)));
    await t.press('a');
    await t.waitFor(() => shown.every((n) => !marked().includes(n)));
  });

  it('Esc clears the filter first, then the marks', async () => {
    const t = await home();
    await t.press(KEY.space);
    await t.press('/', 'alp', KEY.enter);
    await t.waitFor((f) => f.includes('/alp') && f.includes('1 marked'));
    await t.press(KEY.escape);
    await t.waitFor((f) => !f.includes('/alp') && listedNames(f, NAMES).length === 4);
    expect(lineWith(t.frame(), ' alpha-sink ')?.trimStart().startsWith('✓')).toBe(true);
    await t.press(KEY.escape);
    await t.waitFor((f) => !lineWith(f, ' alpha-sink ')?.trimStart().startsWith('✓'));
    // Nothing more to clear on the home view: still there.
    expect(t.frame()).toContain('4 connectors');
  });

  it('a production context is named so in red; another context in its own colour', async () => {
    h = await startTui({ connectors: FOUR, context: { name: 'prod-eu', production: true } });
    await h.waitFor('4 connectors');
    const chip = (raw: string) => styledChars(raw.split('\n')[0]!).filter((c) => c.inverse);
    expect(
      chip(h.raw())
        .map((c) => c.ch)
        .join(''),
    ).toContain('prod-eu (production)');
    expect(chip(h.raw()).every((c) => c.fg === '31')).toBe(true);
    await h.close();
    h = await startTui({ connectors: FOUR, context: { name: 'staging', colour: 'green' } });
    await h.waitFor('4 connectors');
    expect(chip(h.raw()).every((c) => c.fg === '32')).toBe(true);
    expect(h.lines()[0]).not.toContain('production');
  });

  it('follows the cluster: a row that changed is highlighted, and the selection stays on its connector', async () => {
    const t = await home();
    await t.press('j', 'j');
    await t.waitFor(() => selectedLine(t.raw())?.includes(' delta-sink ') === true);
    t.emulator.cluster.create('aaa-sink', {
      'connector.class': 'FileStreamSink',
      topics: 'x',
      file: '/tmp/x',
    });
    t.emulator.cluster.failTask('alpha-sink', 0);
    await t.waitFor('5 connectors');
    await t.waitFor((f) => /alpha-sink\s+sink\s+RUNNING\s+1\/2 1F/.test(f));
    expect(selectedLine(t.raw())).toContain(' delta-sink ');
    // What changed since I looked: the row is drawn in the "changed" colour for a while.
    const alpha = styledChars(rawLineWith(t.raw(), ' alpha-sink ')!).filter((c) => c.ch.trim() !== '');
    expect(alpha.some((c) => c.fg === '35')).toBe(true);
    const gamma = styledChars(rawLineWith(t.raw(), ' gamma-sink ')!).filter((c) => c.ch.trim() !== '');
    expect(gamma.some((c) => c.fg === '35')).toBe(false);
  });

  it('Ctrl-R refreshes now', async () => {
    h = await startTui({ connectors: FOUR, refreshMs: 60_000 });
    const t = h;
    await t.waitFor('4 connectors');
    t.emulator.cluster.create('aaa-sink', {
      'connector.class': 'FileStreamSink',
      topics: 'x',
      file: '/tmp/x',
    });
    t.emulator.cluster.settle();
    await t.press(KEY.ctrlR);
    await t.waitFor('5 connectors');
    expect(t.frame()).toContain(' aaa-sink ');
  });

  it('PgDn and PgUp move the cursor by a page of a long list', async () => {
    h = await startTui({ emulator: { connectors: 30 }, columns: 80, rows: 24 });
    const t = h;
    await t.waitFor('30 connectors');
    const names = [...t.poller.state.snapshot!.rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b));
    // The rows on screen: the lines between the column header and the footer that name a connector.
    const onScreen = () => t.lines().filter((l) => names.some((n) => l.includes(n.slice(0, 12))));
    const page = onScreen().length;
    expect(page).toBeGreaterThan(10);
    const first = onScreen()[0]!;
    await t.waitFor(() => selectedLine(t.raw()) === first);
    await t.press(KEY.pageDown);
    await t.waitFor(() => selectedLine(t.raw()) !== first);
    // One page down: the row that was just below the screen, now at the bottom of it.
    expect(onScreen().at(-1)).toBe(selectedLine(t.raw()));
    expect(onScreen()[0]).not.toBe(first);
    await t.press(KEY.pageUp);
    await t.waitFor(() => selectedLine(t.raw()) === first);
  });
});
