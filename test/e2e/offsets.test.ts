// Offsets (product.md §1 job 6, README "Offsets, workers, loggers"): `o` shows a connector's
// offsets; reset (Ctrl-D) and alter (e) stop the connector first, wait for STOPPED, change the
// offsets, show Connect's message, and offer to resume and follow it back to RUNNING.
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { KcxTerminal } from '../support/pty.js';
import {
  CONTEXT,
  editorLineOf,
  eventually,
  openConnector,
  readAudit,
  Session,
  sinkConfig,
  sourceConfig,
  statusOf,
  TEST_TIMEOUT,
  WAIT,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

const SOURCE = 'clicks-source';
const SINK = 'orders-sink';
const STATE_DELAY_MS = 400;
const RESUME_CHOICE = /^│ 1\. resume it now and follow it to RUNNING/m;

/** kcx on the offsets view of `name`, its audit log in `stateDir`. */
async function onOffsets(name: string): Promise<{ kcx: KcxTerminal; emu: Emulator; stateDir: string }> {
  // Workers take a while to act on a stop or a resume, as real ones do: kcx has to wait for STOPPED.
  const emu = await session.cluster(
    { [SOURCE]: sourceConfig('clicks'), [SINK]: sinkConfig('orders', 2) },
    { startDelayMs: STATE_DELAY_MS },
  );
  const stateDir = session.tempDir('kcx-e2e-state-');
  const kcx = session.kcx(emu.url, { env: { KCX_STATE_DIR: stateDir } });
  await kcx.waitFor((s) => s.includes(SINK) && s.includes(SOURCE), WAIT);
  await openConnector(kcx, name);
  kcx.write('o');
  await kcx.waitFor((s) => s.includes(`› ${name} › offsets`) && /offset\(s\)/.test(s), WAIT);
  return { kcx, emu, stateDir };
}

/** The connector's `count` tasks reach RUNNING on the cluster (they start after the connector). */
async function tasksRun(emu: Emulator, name: string, count: number): Promise<void> {
  const running = Array.from({ length: count }, () => 'RUNNING');
  await eventually(`the tasks of ${name} run`, async () => {
    const tasks = (await statusOf(emu, name))?.tasks ?? [];
    return tasks.length === count && tasks.every((t, i) => t === running[i]);
  });
}

/** The one offset the emulator keeps for the FileStreamSource: how far it read its file. */
function positionOf(emu: Emulator): number {
  const offsets = emu.cluster.offsets(SOURCE);
  expect(offsets).toHaveLength(1);
  expect(offsets[0]!.partition).toEqual({ filename: '/tmp/clicks.in' });
  const position = offsets[0]!.offset?.position;
  expect(typeof position).toBe('number');
  return position as number;
}

/** The mutating requests kcx sent, as "METHOD path". */
const requests = (stateDir: string) => readAudit(stateDir).map((l) => `${l.method} ${l.path}`);

/** The confirm dialog → its danger button (Cancel is the default) → Enter. */
async function confirmWith(kcx: KcxTerminal, button: string): Promise<void> {
  expect(kcx.highlighted()).toContain('Cancel');
  kcx.press('right');
  await kcx.waitFor(() => kcx.highlighted().includes(button), WAIT);
  kcx.press('enter');
}

describe('offsets', { timeout: TEST_TIMEOUT }, () => {
  it("resets a source connector's offsets through stop → reset → resume and shows it RUNNING again", async () => {
    const { kcx, emu, stateDir } = await onOffsets(SOURCE);
    // The emulator seeds a FileStreamSource with the position it read up to in its file.
    const position = positionOf(emu);
    const table = kcx.screen();
    expect(table).toContain(`${SOURCE}  RUNNING  source connector · 1 offset(s)`);
    expect(table).toMatch(
      new RegExp(`^\\{"filename":"/tmp/clicks\\.in"\\}\\s+\\{"position":${position}\\}`, 'm'),
    );

    kcx.press('ctrlD');
    const confirm = await kcx.waitFor(`Reset all offsets of "${SOURCE}" on ${CONTEXT}?`, WAIT);
    expect(confirm).toContain(`"${SOURCE}" is RUNNING: kcx stops it first`);
    expect(confirm).toContain(`Then DELETE /connectors/${SOURCE}/offsets`);
    await confirmWith(kcx, 'Reset offsets');

    // Stopped, reset, Connect's message, and the choice.
    const choice = await kcx.waitFor(RESUME_CHOICE, WAIT);
    expect(choice).toContain('Connect says: The offsets for this connector have been reset successfully');
    expect(choice).toContain(`"${SOURCE}" is STOPPED (kcx stopped it for this).`);
    expect(choice).toMatch(/^│ 2\. leave it STOPPED/m);
    expect(emu.cluster.offsets(SOURCE)).toEqual([]);
    expect((await statusOf(emu, SOURCE))?.connector).toBe('STOPPED');

    // 1: resume, and follow it to RUNNING.
    kcx.write('1');
    const running = await kcx.waitFor(`"${SOURCE}" is RUNNING again on ${CONTEXT}`, WAIT);
    expect(running).toContain(`${SOURCE}  RUNNING  source connector · 0 offset(s)`);
    expect(running).toContain('(no offsets committed yet)');
    expect((await statusOf(emu, SOURCE))?.connector).toBe('RUNNING');
    await tasksRun(emu, SOURCE, 1);
    expect(emu.cluster.offsets(SOURCE)).toEqual([]);
    // In that order, and nothing else.
    expect(requests(stateDir)).toEqual([
      `PUT /connectors/${SOURCE}/stop`,
      `DELETE /connectors/${SOURCE}/offsets`,
      `PUT /connectors/${SOURCE}/resume`,
    ]);
    // The other connector was not touched.
    expect(emu.cluster.offsets(SINK)).toHaveLength(1);
    expect((await statusOf(emu, SINK))?.connector).toBe('RUNNING');
  });

  it("alters a source connector's offset in the JSON editor, then resumes it", async () => {
    const { kcx, emu, stateDir } = await onOffsets(SOURCE);
    const old = positionOf(emu);
    const altered = old === 42 ? 43 : 42;

    kcx.write('e');
    const editor = await kcx.waitFor(
      (s) => s.includes(`Alter offsets of ${SOURCE}`) && s.includes(`"position": ${old}`),
      WAIT,
    );
    // Cursor from line 1 to the end of the position line; the old number out, the new one in.
    kcx.press('down', editorLineOf(editor, `"position": ${old}`) - 1);
    kcx.press('end');
    kcx.press('backspace', String(old).length);
    kcx.write(String(altered));
    await kcx.waitFor(`"position": ${altered}`, WAIT);
    expect(emu.cluster.offsets(SOURCE)[0]?.offset).toEqual({ position: old });

    // Ctrl-S checks the shape, then the confirm.
    kcx.press('ctrlS');
    const confirm = await kcx.waitFor(`Alter 1 offset(s) of "${SOURCE}" on ${CONTEXT}?`, WAIT);
    expect(confirm).toContain(`Then PATCH /connectors/${SOURCE}/offsets`);
    await confirmWith(kcx, 'Alter offsets');

    const choice = await kcx.waitFor(RESUME_CHOICE, WAIT);
    expect(choice).toMatch(/Connect says: .*offsets/i);
    expect(emu.cluster.offsets(SOURCE)).toEqual([
      { partition: { filename: '/tmp/clicks.in' }, offset: { position: altered } },
    ]);
    expect((await statusOf(emu, SOURCE))?.connector).toBe('STOPPED');

    kcx.write('1');
    const running = await kcx.waitFor(`"${SOURCE}" is RUNNING again on ${CONTEXT}`, WAIT);
    expect(running).toMatch(
      new RegExp(`^\\{"filename":"/tmp/clicks\\.in"\\}\\s+\\{"position":${altered}\\}`, 'm'),
    );
    expect(running).toContain(`${SOURCE}  RUNNING  source connector · 1 offset(s)`);
    expect((await statusOf(emu, SOURCE))?.connector).toBe('RUNNING');
    await tasksRun(emu, SOURCE, 1);
    expect(emu.cluster.offsets(SOURCE)).toEqual([
      { partition: { filename: '/tmp/clicks.in' }, offset: { position: altered } },
    ]);
    expect(requests(stateDir)).toEqual([
      `PUT /connectors/${SOURCE}/stop`,
      `PATCH /connectors/${SOURCE}/offsets`,
      `PUT /connectors/${SOURCE}/resume`,
    ]);
  });

  it('resets a sink and leaves it STOPPED when asked; r resumes it later', async () => {
    const { kcx, emu, stateDir } = await onOffsets(SINK);
    const screen = kcx.screen();
    expect(screen).toContain(`${SINK}  RUNNING  sink connector · 1 offset(s)`);
    expect(screen).toMatch(/^TOPIC\s+PARTITION\s+OFFSET/m);
    const seeded = emu.cluster.offsets(SINK)[0]!;
    expect(screen).toMatch(new RegExp(`^orders\\s+0\\s+${String(seeded.offset?.kafka_offset)}\\b`, 'm'));

    kcx.press('ctrlD');
    await kcx.waitFor(`Reset all offsets of "${SINK}" on ${CONTEXT}?`, WAIT);
    await confirmWith(kcx, 'Reset offsets');
    await kcx.waitFor(RESUME_CHOICE, WAIT);

    // 2: leave it stopped.
    kcx.write('2');
    const stopped = await kcx.waitFor(
      (s) => s.includes(`${SINK}  STOPPED  sink connector · 0 offset(s)`) && !s.includes('leave it STOPPED'),
      WAIT,
    );
    expect(stopped).toContain('(no offsets committed yet)');
    expect(await statusOf(emu, SINK)).toEqual({ connector: 'STOPPED', tasks: [] });
    expect(emu.cluster.offsets(SINK)).toEqual([]);
    expect(requests(stateDir)).toEqual([
      `PUT /connectors/${SINK}/stop`,
      `DELETE /connectors/${SINK}/offsets`,
    ]);

    // `r` in the offsets view resumes it and follows it to RUNNING.
    kcx.write('r');
    await kcx.waitFor(`"${SINK}" is RUNNING again on ${CONTEXT}`, WAIT);
    await kcx.waitFor(`${SINK}  RUNNING  sink connector`, WAIT);
    expect((await statusOf(emu, SINK))?.connector).toBe('RUNNING');
    await tasksRun(emu, SINK, 2);
    expect(requests(stateDir).at(-1)).toBe(`PUT /connectors/${SINK}/resume`);
  });

  it('after the resume, a task that fails again is reported, not "RUNNING again"', async () => {
    // A sink whose tasks fail on every start (it writes under a missing directory): resetting its
    // offsets does not cure it, and the operator who chose "resume and follow it to RUNNING" must be
    // told, not reassured by the connector object alone being RUNNING.
    const broken = 'broken-sink';
    const emu = await session.cluster(
      { [broken]: { ...sinkConfig('broken'), file: '/nonexistent/broken.out' } },
      { startDelayMs: STATE_DELAY_MS },
    );
    const kcx = session.kcx(emu.url);
    await kcx.waitFor((s) => s.includes(broken) && s.includes('FAILED'), WAIT);
    await openConnector(kcx, broken);
    kcx.write('o');
    await kcx.waitFor((s) => s.includes(`› ${broken} › offsets`) && /offset\(s\)/.test(s), WAIT);

    kcx.press('ctrlD');
    await kcx.waitFor(`Reset all offsets of "${broken}" on ${CONTEXT}?`, WAIT);
    await confirmWith(kcx, 'Reset offsets');
    await kcx.waitFor(RESUME_CHOICE, WAIT);
    kcx.write('1');

    // The follow ends with a notice about the connector: RUNNING again, or what went wrong.
    const notice = (s: string) =>
      s.split('\n').find((l) => l.includes(`"${broken}"`) && /RUNNING again|FAILED|failed/.test(l));
    const screen = await kcx.waitFor((s) => notice(s) !== undefined, WAIT);
    await eventually(`the task of ${broken} has failed again`, async () =>
      ((await statusOf(emu, broken))?.tasks ?? []).includes('FAILED'),
    );
    expect(await statusOf(emu, broken)).toEqual({ connector: 'RUNNING', tasks: ['FAILED'] });
    expect(notice(screen)).not.toContain('RUNNING again');
    expect(notice(screen)).toMatch(/FAILED|failed/);
  });
});
