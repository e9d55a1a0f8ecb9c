// The three checks every row of the fault matrix (test/e2e/fault-matrix-*.test.ts) makes besides
// its own message: kcx did not crash, still answers keys, and quits cleanly.
import { expect } from 'vitest';
import { WAIT } from '../e2e/helpers.js';
import type { KcxTerminal } from './pty.js';

/** The header's two lines: context, URL, version and data age; then counts and why data is stale. */
export const headerLine = (screen: string): string => screen.split('\n')[0] ?? '';
export const countsLine = (screen: string): string => screen.split('\n')[1] ?? '';

/** Text with escape sequences removed, so a word split by a colour change is found whole. */
export function plainText(raw: string): string {
  return raw
    .replace(/\u001b\[[0-9;?:<>=]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g, '')
    .replace(/\u001b[@-_]/g, '');
}

/**
 * What a crash of a Node program prints: an error class, or a JavaScript stack frame. A Java trace
 * kcx shows as data ("\tat org.apache…(WorkerSinkTask.java:101)") matches neither.
 */
const CRASH =
  /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|AggregateError|UnhandledPromiseRejection)\b|\bat [^\n]*\((?:file|node):|\.(?:js|mjs|ts|tsx):\d+:\d+\)?$/m;

/** kcx is still running (unless it was told to quit) and nothing it ever wrote looks like a crash. */
export async function expectNoCrash(kcx: KcxTerminal, running = true): Promise<void> {
  const text = plainText(kcx.output());
  const crash = CRASH.exec(text);
  const around = crash ? text.slice(Math.max(0, crash.index - 500), crash.index + 500) : '';
  expect(crash?.[0], `looks like a crash:\n${around}`).toBeUndefined();
  if (running) expect(await hasExited(kcx), 'kcx exited').toBe(false);
}

/** Whether the process has exited by now (its exit event, if any, has been delivered). */
async function hasExited(kcx: KcxTerminal): Promise<boolean> {
  const exited = kcx.exited.then(() => true);
  const notYet = new Promise<boolean>((resolve) => setImmediate(() => resolve(false)));
  return Promise.race([exited, notYet]);
}

/** kcx answers a key: `?` opens the help of the current view, `q` closes it again. */
export async function expectAnswersKeys(kcx: KcxTerminal): Promise<void> {
  kcx.write('?');
  await kcx.waitFor(/Keys in the \S+ view/, WAIT);
  kcx.write('q');
  await kcx.waitFor((s) => !/Keys in the \S+ view/.test(s), WAIT);
  await expectNoCrash(kcx);
}

/** `q` on the home view quits with exit code 0, and no crash was printed on the way out. */
export async function expectQuitsCleanly(kcx: KcxTerminal): Promise<void> {
  kcx.write('q');
  expect((await kcx.exited).exitCode).toBe(0);
  await expectNoCrash(kcx, false);
}
