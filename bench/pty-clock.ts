// Timestamps the kcx terminal's output chunk by chunk, and tells which chunk first put a given
// state on the screen: the time of a frame as the terminal received it, not as the harness got
// round to looking at it.
import type { KcxTerminal } from '../test/support/pty.js';

const BEGIN_SYNC = '\u001b[?2026h';

type Match = string | RegExp | ((screen: string) => boolean);

function tester(match: Match): (screen: string) => boolean {
  if (typeof match === 'function') return match;
  if (typeof match === 'string') return (s) => s.includes(match);
  return (s) => match.test(s);
}

export class PtyClock {
  private readonly arrivals: number[] = [];
  private bytes = 0;
  private frameCount = 0;
  private exit?: string;

  constructor(private readonly kcx: KcxTerminal) {
    kcx.pty.onData((data) => {
      this.arrivals.push(performance.now());
      this.bytes += Buffer.byteLength(data);
      this.frameCount += data.split(BEGIN_SYNC).length - 1;
    });
    void kcx.exited.then((e) => {
      this.exit = `kcx exited (code ${e.exitCode}${e.signal ? `, signal ${e.signal}` : ''}); screen:\n${kcx.screen()}`;
    });
  }

  /** Arrival time of the last output chunk (performance.now() clock), or -Infinity before any. */
  get lastArrival(): number {
    return this.arrivals.at(-1) ?? Number.NEGATIVE_INFINITY;
  }

  /** Bytes received so far (UTF-8, as the harness's bytesWritten() counts them). */
  get bytesReceived(): number {
    return this.bytes;
  }

  /**
   * Frames received so far. Ink wraps each frame in a synchronized update (`CSI ? 2026 h … l`) on a
   * terminal; a begin sequence split across two chunks would be missed, which Ink's single write per
   * frame makes unlikely.
   */
  get frames(): number {
    return this.frameCount;
  }

  /** Like the harness's waitFor(), but fails as soon as kcx exits. */
  waitFor(match: Match, timeoutMs = 10_000): Promise<string> {
    return this.raceExit(this.kcx.waitFor(match, timeoutMs));
  }

  /**
   * Resolves with the arrival time of the output chunk after which the screen first satisfies
   * `match`. The harness re-checks its waiters once per chunk, after the headless terminal has
   * parsed it, in arrival order; so the n-th check after registration belongs to the n-th chunk
   * received after it. Register before causing the change (before writing the key, right after
   * spawning) and while no output is pending (see quiet()). `exact` is false when the screen
   * already matched, or the chunk could not be told (the time is then that of the check).
   */
  arrivalOf(match: Match, timeoutMs = 10_000): Promise<{ at: number; exact: boolean; screen: string }> {
    const test = tester(match);
    const base = this.arrivals.length;
    let calls = 0;
    let at = Number.NaN;
    let exact = false;
    const counted = (screen: string) => {
      const call = calls++;
      if (!test(screen)) return false;
      const arrival = call === 0 ? undefined : this.arrivals[base + call - 1];
      exact = arrival !== undefined;
      at = arrival ?? performance.now();
      return true;
    };
    return this.raceExit(this.kcx.waitFor(counted, timeoutMs)).then((screen) => ({ at, exact, screen }));
  }

  /** Resolves once no output has arrived for `quietMs`, counted from now at the earliest. */
  async quiet(quietMs: number, timeoutMs = 10_000): Promise<void> {
    const started = performance.now();
    for (;;) {
      if (this.exit) throw new Error(this.exit);
      const now = performance.now();
      if (now - Math.max(this.lastArrival, started) >= quietMs) return;
      if (now - started > timeoutMs) throw new Error(`kcx still writing after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, Math.min(10, quietMs)));
    }
  }

  private raceExit<T>(p: Promise<T>): Promise<T> {
    const exited = this.kcx.exited.then(() => {
      // Let a final frame reach the screen (and `p`) first.
      return new Promise<never>((_, reject) => setTimeout(() => reject(new Error(this.exit)), 200));
    });
    return Promise.race([p, exited]);
  }
}
