// The README's tour shows screens of kcx; this test keeps them true. It walks the tour in a real
// 80×24 PTY against a cluster built the same way every time, and compares each screen with its
// block in README.md (fenced `text` between `<!-- capture:NAME -->` and `<!-- /capture -->`).
// With UPDATE_CAPTURES=1 it writes the screens into the README instead.
//
// What varies from run to run is replaced before comparing: the emulator's ephemeral URL (shown as
// the default http://localhost:8083), the backup batch id and its time. The data age is the
// refresh cadence (`↻ 2s`) while the cluster answers, so it needs nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertBuilt, KCX_BIN, type KcxTerminal, REPO_ROOT } from '../support/pty.js';
import {
  captureDiff,
  type Normalise,
  normaliseScreen,
  readCaptures,
  writeCaptures,
} from '../support/readme-captures.js';
import { editorLineOf, selectRow, Session, typeQuery, WAIT } from './helpers.js';
import { FAILED_TASK, TOUR_CONNECTORS } from './readme-cluster.js';

const README = join(REPO_ROOT, 'README.md');
const UPDATE = process.env.UPDATE_CAPTURES === '1';
const CONTEXT = 'prod';
const SHOWN_URL = 'http://localhost:8083';
/** In update mode, a screen is taken once nothing has been drawn for this long. */
const QUIET_MS = 1000;

const session = new Session();
afterEach(() => session.cleanup());

type Ready = (screen: string) => boolean;

/** Takes the named screens: checks each against the README, or collects it for the update. */
class Captures {
  readonly taken = new Map<string, string>();

  constructor(
    private readonly kcx: KcxTerminal,
    private readonly readme: ReadonlyMap<string, string>,
    private readonly normalise: Normalise,
  ) {}

  private now(): string {
    return normaliseScreen(this.kcx.lines(), this.normalise);
  }

  /** `ready` says the step has landed (the screen to capture, not a frame on the way to it). */
  async take(name: string, ready: Ready): Promise<void> {
    if (this.taken.has(name)) throw new Error(`capture "${name}" taken twice`);
    if (UPDATE) {
      await this.kcx.waitFor(ready, WAIT);
      await this.kcx.settle(QUIET_MS, WAIT);
      const screen = this.kcx.screen();
      if (!ready(screen))
        throw new Error(`capture "${name}": the screen moved on while settling:\n${screen}`);
      this.taken.set(name, this.now());
      return;
    }
    const want = this.readme.get(name);
    if (want === undefined) {
      throw new Error(
        `README.md has no block for capture "${name}" (add its markers, then run with UPDATE_CAPTURES=1)`,
      );
    }
    // The screen may pass through other frames first (a refresh, a progress line): wait for the
    // README's, and show how the last one differs when it never comes.
    await this.kcx
      .waitFor((s) => ready(s) && this.now() === want, WAIT)
      .catch(() => {
        throw new Error(
          `the README's "${name}" capture is not what kcx shows; if the change is intended, run\n` +
            `  UPDATE_CAPTURES=1 npx vitest run test/e2e/readme-captures.test.ts\n` +
            captureDiff(name, want, this.now()),
        );
      });
    this.taken.set(name, want);
  }
}

/** kcx on context "prod" (production) of a contexts file, as an operator would start it. */
function startKcx(url: string): KcxTerminal {
  const home = session.tempDir('kcx-readme-home-');
  const configHome = join(home, '.config');
  mkdirSync(join(configHome, 'kcx'), { recursive: true });
  writeFileSync(
    join(configHome, 'kcx', 'contexts.yaml'),
    `current-context: ${CONTEXT}\ncontexts:\n  ${CONTEXT}:\n    url: ${url}\n    production: true\n`,
  );
  // HOME is the throw-away directory, so the backups dir shows as ~/.local/state/kcx/backups.
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: configHome,
    XDG_STATE_HOME: undefined,
    KCX_STATE_DIR: undefined,
    KCX_CONFIG_DIR: undefined,
    NO_COLOR: undefined,
  };
  assertBuilt();
  return session.terminal(process.execPath, [KCX_BIN, '--refresh', '2s'], { cols: 80, rows: 24, env });
}

const has =
  (...parts: (string | RegExp)[]): Ready =>
  (s) =>
    parts.every((p) => (typeof p === 'string' ? s.includes(p) : p.test(s)));

describe('README captures', { timeout: 240_000 }, () => {
  it("walks the README's tour at 80×24 and finds every capture on screen as the README shows it", async () => {
    const emu = await session.cluster(TOUR_CONNECTORS);
    emu.cluster.failTask(FAILED_TASK.connector, FAILED_TASK.task, FAILED_TASK.trace);
    emu.cluster.pause('s3-archive');
    emu.cluster.stop('mirror-dc1');
    emu.cluster.settle();

    const markdown = readFileSync(README, 'utf8');
    const kcx = startKcx(emu.url);
    const shot = new Captures(kcx, readCaptures(markdown), {
      replace: [
        { from: emu.url, as: SHOWN_URL },
        // A batch id is the UTC time to the millisecond and a random tail; the same width keeps
        // the dialog's layout.
        { from: /\b\d{8}-\d{6}-\d{3}-[0-9a-z]{4}\b/, as: '20260312-091502-417-q7x2' },
        { from: /\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\b/, as: '2026-03-12 10:15:02' },
      ],
    });
    const editorLine = (text: string) => editorLineOf(kcx.screen(), text);

    // Open: the home view, with a degraded connector among healthy, paused and stopped ones.
    await shot.take('home', has('payments-jdbc-source', '1 degraded', '1 stopped', 'Connect 4.0.0'));

    // Filter.
    await typeQuery(kcx, '/orders');
    await shot.take('filter', has('/orders', '4 matches'));

    // Drill into the degraded connector.
    kcx.press('enter');
    await selectRow(kcx, 'orders-sink');
    kcx.press('enter');
    await shot.take('connector', has(`${CONTEXT} › connectors › orders-sink`, /^1\s+FAILED/m, 'tasks 2/3'));

    // Its failed task's trace.
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => /^1 FAILED/.test(l)), WAIT);
    kcx.press('enter');
    await shot.take('trace', has('› orders-sink › task 1', 'root cause', 'of 39 lines'));

    // Restart the failed task, from the connector view.
    kcx.write('q');
    await kcx.waitFor((s) => s.includes('tasks 2/3') && !s.includes('› task 1'), WAIT);
    kcx.write('R');
    await shot.take('restart', has(`Restart "orders-sink" on ${CONTEXT}`, 'failed tasks only'));
    kcx.write('3');
    await kcx.waitFor(has('tasks 3/3 running', `restarted "orders-sink" on ${CONTEXT}`), WAIT);

    // Edit the config: a typo in errors.tolerance, caught by the plugin's validation.
    kcx.write('e');
    await kcx.waitFor(has('› orders-sink › edit', '"errors.tolerance": "none"', /^unchanged$/m), WAIT);
    kcx.press('down', editorLine('"errors.tolerance"') - 1);
    kcx.press('end');
    kcx.press('left', 2);
    kcx.press('backspace', 4);
    await kcx.waitFor(has('"errors.tolerance": ""'), WAIT);
    kcx.write('al');
    await kcx.waitFor(has('"errors.tolerance": "al"'), WAIT);
    kcx.press('ctrlS');
    await shot.take('editor', has(/^1 error\b/m, '"errors.tolerance": "al"'));
    kcx.write('l');
    await kcx.waitFor(has('"errors.tolerance": "all"'), WAIT);
    kcx.press('ctrlS');
    await shot.take('diff', has('valid — review the changes, Enter applies', 'errors.tolerance'));
    kcx.press('enter');
    await kcx.waitFor(has(`updated "orders-sink" on ${CONTEXT}`, 'errors.tolerance = all'), WAIT);

    // The workers, before the delete below re-creates connectors in a racy order.
    kcx.write('q');
    await kcx.waitFor(has('/orders', 'orders-backfill-1'), WAIT);
    kcx.press('escape');
    await kcx.waitFor((s) => s.includes('payments-jdbc-source') && !s.includes('/orders'), WAIT);
    kcx.write(':');
    await kcx.waitFor((s) => s.split('\n').some((l) => l.startsWith(':')), WAIT);
    kcx.write('workers');
    await kcx.waitFor((s) => s.split('\n').some((l) => l.startsWith(':workers')), WAIT);
    kcx.press('enter');
    await shot.take('workers', has('› workers', 'mean', /^connect-3:8083/m));

    // Bulk delete the leftover backfills, then undo it.
    kcx.write('q');
    await kcx.waitFor(has('payments-jdbc-source'), WAIT);
    await typeQuery(kcx, '/backfill');
    kcx.press('enter');
    await kcx.waitFor(has('3 matches'), WAIT);
    kcx.write('a');
    await kcx.waitFor(has('3 marked'), WAIT);
    kcx.press('ctrlD');
    await kcx.waitFor(has(`Delete 3 connectors on ${CONTEXT}?`), WAIT);
    for (let i = 1; i <= CONTEXT.length; i++) {
      kcx.write(CONTEXT[i - 1] as string);
      await kcx.waitFor(has(`to enable Delete: ${CONTEXT.slice(0, i)}`), WAIT);
    }
    await shot.take('delete', has(`type "${CONTEXT}" to enable Delete: ${CONTEXT}`));
    kcx.press('tab');
    await kcx.waitFor(() => kcx.highlighted().includes('Delete'), WAIT);
    kcx.press('enter');
    await kcx.waitFor(has(`deleted 3/3 — ${CONTEXT}`), WAIT);
    kcx.press('enter');
    await kcx.waitFor(has('u undoes (batch', '0 matches'), WAIT);
    kcx.write('u');
    await shot.take('undo', has('Re-create 3 connector(s) deleted'));
    kcx.press('right');
    await kcx.waitFor(() => kcx.highlighted().includes('Re-create'), WAIT);
    kcx.press('enter');
    await kcx.waitFor(has('re-created 3/3'), WAIT);
    kcx.press('enter');
    await kcx.waitFor((s) => !s.includes('Enter or Esc closes') && s.includes('3 matches'), WAIT);

    // `?` on the home view.
    kcx.press('escape');
    await kcx.waitFor((s) => s.includes('payments-jdbc-source') && !s.includes('/backfill'), WAIT);
    kcx.write('?');
    await shot.take('help', has('› help', 'Keys in the connectors view'));

    // A block for a screen the tour no longer visits would go stale unnoticed.
    expect([...readCaptures(markdown).keys()].filter((name) => !shot.taken.has(name))).toEqual([]);
    if (UPDATE) writeFileSync(README, writeCaptures(markdown, shot.taken));
  });
});
