// Deferred state transitions, applied lazily when a request arrives (or on settle()).
// No timers: the emulator stays deterministic under an injected clock and never keeps
// the process alive.

interface Job {
  at: number;
  seq: number;
  run: () => void;
}

export class Scheduler {
  private jobs: Job[] = [];
  private seq = 0;

  constructor(private readonly clock: () => number) {}

  at(time: number, run: () => void): void {
    const job = { at: time, seq: this.seq++, run };
    // Keep jobs ordered by time, FIFO among equal times.
    let lo = 0;
    let hi = this.jobs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.jobs[mid]!.at <= time) lo = mid + 1;
      else hi = mid;
    }
    this.jobs.splice(lo, 0, job);
  }

  runDue(): void {
    const now = this.clock();
    while (this.jobs.length > 0 && this.jobs[0]!.at <= now) this.jobs.shift()!.run();
  }

  runAll(): void {
    // Jobs may schedule further jobs; run until quiet, with a bound against self-rescheduling loops.
    for (let guard = 0; this.jobs.length > 0 && guard < 100_000; guard++) this.jobs.shift()!.run();
  }

  get pending(): number {
    return this.jobs.length;
  }
}
