// Fault injection the tests and the demo drive: latency, errors per route, HTML pages from a
// "proxy", truncated bodies, hung requests, reset connections, outages and rebalance windows.

export type FaultKind = 'status' | 'html' | 'truncate' | 'hang' | 'reset';

export interface FaultRule {
  /** Glob over "METHOD /path" (no query), e.g. "GET /connectors", "* /connectors/*". Absent = every request. */
  route?: string;
  kind: FaultKind;
  /** HTTP status for 'status' (default 500) and 'html' (default 502). */
  status?: number;
  /** Connect error message for 'status'. */
  message?: string;
  /** How many matching requests it affects; unlimited when absent. */
  times?: number;
  /** Probability per matching request, 0..1 (default 1). */
  rate?: number;
}

interface ActiveRule {
  id: number;
  rule: FaultRule;
  pattern: RegExp;
  remaining: number;
}

export interface OutageControl {
  down(): Promise<void>;
  up(): Promise<void>;
}

export class Faults {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private latencyMs = 0;
  private latencyPattern: RegExp | undefined;
  private upTimer: NodeJS.Timeout | undefined;
  isDown = false;

  constructor(
    private readonly random: () => number,
    private readonly outage: OutageControl,
    private readonly onRebalance: (ms: number, unassign: boolean) => void,
  ) {}

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({
      id,
      rule,
      pattern: routePattern(rule.route),
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  /** Delay before every matching request is answered. */
  latency(ms: number, route?: string): void {
    this.latencyMs = ms;
    this.latencyPattern = route ? routePattern(route) : undefined;
  }

  /** 409s on forwarded requests for `ms`; with `unassign`, tasks show UNASSIGNED meanwhile. */
  rebalance(ms: number, unassign = false): void {
    this.onRebalance(ms, unassign);
  }

  /** Stops listening (connections refused) until up(), or for `ms` when given. */
  async down(ms?: number): Promise<void> {
    clearTimeout(this.upTimer);
    this.isDown = true;
    await this.outage.down();
    if (ms !== undefined) {
      this.upTimer = setTimeout(() => void this.up(), ms);
      this.upTimer.unref();
    }
  }

  async up(): Promise<void> {
    clearTimeout(this.upTimer);
    if (!this.isDown) return;
    this.isDown = false;
    await this.outage.up();
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
    this.latencyPattern = undefined;
  }

  latencyFor(method: string, path: string): number {
    if (!this.latencyMs) return 0;
    return !this.latencyPattern || this.latencyPattern.test(`${method} ${path}`) ? this.latencyMs : 0;
  }

  /** The fault to apply to this request, if any (consumes one of its `times`). */
  pick(method: string, path: string): FaultRule | undefined {
    const key = `${method} ${path}`;
    for (const active of this.rules) {
      if (active.remaining <= 0 || !active.pattern.test(key)) continue;
      if (active.rule.rate !== undefined && this.random() >= active.rule.rate) continue;
      active.remaining--;
      return active.rule;
    }
    return undefined;
  }

  describe(): { rules: FaultRule[]; latencyMs: number; down: boolean } {
    return {
      rules: this.rules.filter((r) => r.remaining > 0).map((r) => r.rule),
      latencyMs: this.latencyMs,
      down: this.isDown,
    };
  }

  dispose(): void {
    clearTimeout(this.upTimer);
  }
}

function routePattern(route: string | undefined): RegExp {
  if (!route) return /.*/;
  const withMethod = /^[A-Z*]+ /.test(route) ? route : `* ${route}`;
  const escaped = withMethod.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}
