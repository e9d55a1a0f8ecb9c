// The emulated Connect cluster: connectors, their target and observed states, task
// assignment over several workers, topics and offsets. It behaves as a distributed herder
// does (connect-rest-api.md §6): config writes return at once, statuses catch up after
// `startDelayMs`, failures that follow from a config come back after a restart.
import type {
  ConnectorConfig,
  ConnectorInfo,
  ConnectorOffset,
  ConnectorState,
  ConnectorStateInfo,
  ConnectorStatusEntry,
  ConnectorType,
  InitialState,
  TaskInfo,
  TaskState,
} from '../connect/types.js';
import { atLeast, type EmulatedVersion } from './emulated-version.js';
import { HttpError } from './http-error.js';
import { LoggerRegistry } from './logger-registry.js';
import { resolveConnectorPlugin } from './plugins/index.js';
import type { PluginDef } from './plugins/types.js';
import { Scheduler } from './scheduler.js';
import { genericTaskTrace } from './traces.js';

type TargetState = 'STARTED' | 'PAUSED' | 'STOPPED';

interface StatusRecord {
  state: ConnectorState;
  workerId: string;
  trace?: string;
}

interface TaskRecord extends StatusRecord {
  id: number;
  /** A failure injected from outside (fault API): cleared by a restart, unlike a config-derived one. */
  injected?: boolean;
  flapPeriodMs?: number;
  flapSince?: number;
}

interface ConnectorRecord {
  name: string;
  config: ConnectorConfig;
  plugin: PluginDef | undefined;
  target: TargetState;
  /** Undefined until a worker has started the connector: status answers 404 until then. */
  status: StatusRecord | undefined;
  injectedFailure?: boolean;
  taskConfigs: ConnectorConfig[];
  /** Statuses of the tasks that have started, by id. */
  tasks: Map<number, TaskRecord>;
  topics: Set<string>;
  offsets: ConnectorOffset[];
  hasRun: boolean;
  /** Bumped on every reconfiguration so that stale scheduled transitions are dropped. */
  generation: number;
}

export interface ClusterOptions {
  version: EmulatedVersion;
  workerIds: string[];
  startDelayMs: number;
  clock: () => number;
  random: () => number;
  commit: string;
  kafkaClusterId: string;
}

export interface RestartPlan {
  includeTasks: boolean;
  onlyFailed: boolean;
}

export class EmulatedCluster {
  readonly version: EmulatedVersion;
  readonly workerIds: string[];
  readonly commit: string;
  readonly kafkaClusterId: string;
  readonly loggers: LoggerRegistry;
  readonly clock: () => number;
  startDelayMs: number;
  private readonly random: () => number;
  private readonly connectors = new Map<string, ConnectorRecord>();
  private readonly scheduler: Scheduler;
  private rebalanceUntil = 0;
  private nextWorker = 0;

  constructor(options: ClusterOptions) {
    this.version = options.version;
    this.workerIds = options.workerIds;
    this.commit = options.commit;
    this.kafkaClusterId = options.kafkaClusterId;
    this.startDelayMs = options.startDelayMs;
    this.clock = options.clock;
    this.random = options.random;
    this.scheduler = new Scheduler(options.clock);
    this.loggers = new LoggerRegistry(options.clock, atLeast(options.version, '3.7'));
  }

  // ── time ────────────────────────────────────────────────────────────────────

  /** Applies the state transitions that are due. Every request calls this first. */
  tick(): void {
    this.scheduler.runDue();
  }

  /** Applies every pending transition now, as if the workers had caught up. */
  settle(): void {
    this.scheduler.runAll();
  }

  /** A rebalance window: forwarded and tick-thread requests answer 409 until it ends. */
  startRebalance(ms: number): void {
    this.rebalanceUntil = this.clock() + ms;
  }

  rebalancing(): boolean {
    return this.clock() < this.rebalanceUntil;
  }

  // ── reads ───────────────────────────────────────────────────────────────────

  names(): string[] {
    return [...this.connectors.keys()];
  }

  has(name: string): boolean {
    return this.connectors.has(name);
  }

  get size(): number {
    return this.connectors.size;
  }

  info(name: string): ConnectorInfo {
    return this.renderInfo(this.require(name));
  }

  infoOrNull(name: string): ConnectorInfo | null {
    const rec = this.connectors.get(name);
    return rec ? this.renderInfo(rec) : null;
  }

  config(name: string): ConnectorConfig {
    return { ...this.require(name).config };
  }

  /** Undefined when the connector has no status record (not started yet, or unknown). */
  status(name: string): ConnectorStateInfo | undefined {
    const rec = this.connectors.get(name);
    if (!rec?.status) return undefined;
    return this.renderStatus(rec);
  }

  taskStatus(name: string, task: number): TaskState | undefined {
    const rec = this.connectors.get(name);
    const t = rec?.tasks.get(task);
    return rec && t ? this.renderTask(rec, t) : undefined;
  }

  tasks(name: string): TaskInfo[] {
    const rec = this.require(name);
    return rec.taskConfigs.map((config, task) => ({ id: { connector: name, task }, config: { ...config } }));
  }

  topics(name: string): string[] {
    return [...(this.connectors.get(name)?.topics ?? [])];
  }

  offsets(name: string): ConnectorOffset[] {
    return structuredClone(this.require(name).offsets);
  }

  connectorType(name: string): ConnectorType {
    return typeOf(this.require(name));
  }

  /** Plugin's answer to Connector.alterOffsets(): only Apache's own connectors implement it. */
  managesOwnOffsets(name: string): boolean {
    return this.require(name).plugin?.className.startsWith('org.apache.kafka.') ?? false;
  }

  isStopped(name: string): boolean {
    const rec = this.require(name);
    return rec.target === 'STOPPED' && rec.taskConfigs.length === 0;
  }

  // ── writes ──────────────────────────────────────────────────────────────────

  /**
   * Stores a new connector (config already validated). With `immediate`, the connector is
   * started synchronously — used to seed large clusters without scheduling.
   */
  create(name: string, config: ConnectorConfig, initial: InitialState = 'RUNNING', immediate = false): void {
    if (this.connectors.has(name)) throw new HttpError(409, `Connector ${name} already exists`);
    const rec: ConnectorRecord = {
      name,
      config: { ...config, name },
      plugin: resolveConnectorPlugin(config['connector.class'] ?? '', {
        kafkaVersion: this.version.reported,
      }),
      target: initial === 'PAUSED' ? 'PAUSED' : initial === 'STOPPED' ? 'STOPPED' : 'STARTED',
      status: undefined,
      taskConfigs: [],
      tasks: new Map(),
      topics: new Set(),
      offsets: [],
      hasRun: false,
      generation: 0,
    };
    this.connectors.set(name, rec);
    this.startConnector(rec, immediate);
  }

  /** PUT config on an existing connector: replaces it and restarts it under the new config. */
  reconfigure(name: string, config: ConnectorConfig): void {
    const rec = this.require(name);
    rec.config = { ...config, name };
    rec.plugin = resolveConnectorPlugin(rec.config['connector.class'] ?? '', {
      kafkaVersion: this.version.reported,
    });
    rec.injectedFailure = false;
    if (rec.target === 'STOPPED') return;
    this.startConnector(rec, false);
  }

  delete(name: string): void {
    this.require(name);
    this.connectors.delete(name);
  }

  pause(name: string): void {
    const rec = this.require(name);
    rec.target = 'PAUSED';
    this.later(rec, () => {
      if (rec.status && rec.status.state !== 'FAILED')
        rec.status = { ...rec.status, state: 'PAUSED', trace: undefined };
      for (const t of rec.tasks.values()) if (t.state !== 'FAILED') t.state = 'PAUSED';
    });
  }

  resume(name: string): void {
    const rec = this.require(name);
    const wasStopped = rec.target === 'STOPPED' || rec.taskConfigs.length === 0;
    rec.target = 'STARTED';
    if (wasStopped) {
      this.startConnector(rec, false);
      return;
    }
    this.later(rec, () => {
      if (rec.status?.state === 'PAUSED') rec.status = { ...rec.status, state: 'RUNNING' };
      for (const t of rec.tasks.values()) if (t.state === 'PAUSED') t.state = 'RUNNING';
    });
  }

  stop(name: string): void {
    const rec = this.require(name);
    rec.target = 'STOPPED';
    rec.generation++;
    // The empty task-config set is written before the 204, so info and /tasks show [] at once.
    rec.taskConfigs = [];
    this.later(rec, () => {
      rec.tasks.clear();
      rec.status = { state: 'STOPPED', workerId: rec.status?.workerId ?? this.assignWorker() };
    });
  }

  /** Legacy restart (204): the Connector object only. */
  restartConnector(name: string): void {
    const rec = this.require(name);
    if (!rec.status) throw new HttpError(404, `Status for connector ${name} not found`);
    rec.injectedFailure = false;
    this.later(rec, () => this.applyConnectorOutcome(rec));
  }

  /** Restart with includeTasks/onlyFailed (202): returns the plan with RESTARTING marks. */
  restartWithPlan(name: string, plan: RestartPlan): ConnectorStateInfo {
    const rec = this.require(name);
    if (!rec.status) throw new HttpError(404, `Status for connector ${name} not found`);
    const restartConnector = !plan.onlyFailed || rec.status.state === 'FAILED';
    const restartTasks = [...rec.tasks.values()].filter(
      (t) => plan.includeTasks && (!plan.onlyFailed || this.effectiveTaskState(t) === 'FAILED'),
    );
    if (restartConnector) {
      rec.status = { ...rec.status, state: 'RESTARTING' };
      rec.injectedFailure = false;
    }
    for (const t of restartTasks) {
      t.state = 'RESTARTING';
      t.injected = false;
      t.flapPeriodMs = undefined;
    }
    const body = this.renderStatus(rec);
    this.later(rec, () => {
      if (restartConnector) this.applyConnectorOutcome(rec);
      for (const t of restartTasks) if (rec.tasks.get(t.id) === t) this.applyTaskOutcome(rec, t);
    });
    return body;
  }

  restartTask(name: string, task: number): void {
    const rec = this.connectors.get(name);
    if (!rec) throw new HttpError(404, `Unknown connector: ${name}`);
    const t = rec.tasks.get(task);
    if (!t || task >= rec.taskConfigs.length) throw new HttpError(404, `Unknown task: ${name}-${task}`);
    t.injected = false;
    t.flapPeriodMs = undefined;
    this.later(rec, () => {
      if (rec.tasks.get(task) === t) this.applyTaskOutcome(rec, t);
    });
  }

  resetTopics(name: string): void {
    const rec = this.connectors.get(name);
    if (!rec) return;
    rec.topics.clear();
    // Topics are recorded again as records flow; a running connector shows them after a while.
    this.later(rec, () => this.recordTopics(rec), Math.max(this.startDelayMs * 10, 3000));
  }

  alterOffsets(name: string, entries: ConnectorOffset[]): void {
    const rec = this.require(name);
    for (const entry of entries) {
      const key = canonical(entry.partition);
      const i = rec.offsets.findIndex((o) => canonical(o.partition) === key);
      if (entry.offset === null) {
        if (i >= 0) rec.offsets.splice(i, 1);
      } else if (i >= 0) rec.offsets[i] = structuredClone(entry);
      else rec.offsets.push(structuredClone(entry));
    }
  }

  resetOffsets(name: string): void {
    this.require(name).offsets = [];
  }

  // ── fault injection ─────────────────────────────────────────────────────────

  /** Fails a running task with a trace, as if it had thrown; a restart brings it back. */
  failTask(name: string, task: number, trace?: string): void {
    const rec = this.require(name);
    const t = rec.tasks.get(task);
    if (!t) throw new HttpError(404, `Unknown task: ${name}-${task}`);
    t.state = 'FAILED';
    t.trace = trace ?? genericTaskTrace(rec.plugin?.className ?? rec.config['connector.class'] ?? '', task);
    t.injected = true;
  }

  /** Fails the Connector object itself; a restart brings it back. */
  failConnector(name: string, trace?: string): void {
    const rec = this.require(name);
    rec.injectedFailure = true;
    rec.status = {
      state: 'FAILED',
      workerId: rec.status?.workerId ?? this.assignWorker(),
      trace: trace ?? genericTaskTrace(rec.plugin?.className ?? '', -1),
    };
  }

  /** A task that keeps failing and coming back (an external auto-restarter), period by period. */
  setFlapping(name: string, task: number, periodMs: number): void {
    const t = this.require(name).tasks.get(task);
    if (!t) throw new HttpError(404, `Unknown task: ${name}-${task}`);
    t.flapPeriodMs = periodMs;
    t.flapSince = this.clock();
  }

  /** Marks every task UNASSIGNED for a while, as during a real rebalance. */
  unassignAll(ms: number): void {
    for (const rec of this.connectors.values()) {
      const previous = new Map([...rec.tasks].map(([id, t]) => [id, t.state]));
      for (const t of rec.tasks.values()) if (t.state === 'RUNNING') t.state = 'UNASSIGNED';
      this.later(
        rec,
        () => {
          for (const [id, state] of previous) {
            const t = rec.tasks.get(id);
            if (t?.state === 'UNASSIGNED') t.state = state;
          }
        },
        ms,
      );
    }
  }

  // ── lifecycle internals ─────────────────────────────────────────────────────

  private startConnector(rec: ConnectorRecord, immediate: boolean): void {
    rec.generation++;
    if (rec.target === 'STOPPED') {
      rec.taskConfigs = [];
      const apply = () => {
        rec.tasks.clear();
        rec.status = { state: 'STOPPED', workerId: rec.status?.workerId ?? this.assignWorker() };
      };
      immediate ? apply() : this.later(rec, apply);
      return;
    }
    const startConnectorObject = () => {
      this.applyConnectorOutcome(rec);
      if (rec.status?.state === 'FAILED') {
        rec.taskConfigs = [];
        rec.tasks.clear();
        return;
      }
      rec.taskConfigs = this.generateTaskConfigs(rec);
      // Paused at creation: task configs exist only once resumed (no tasks until then).
      if (rec.target === 'PAUSED' && !rec.hasRun) rec.taskConfigs = [];
    };
    const startTasks = () => {
      rec.tasks.clear();
      rec.taskConfigs.forEach((_, id) => {
        const t: TaskRecord = { id, state: 'RUNNING', workerId: this.assignWorker() };
        rec.tasks.set(id, t);
        this.applyTaskOutcome(rec, t);
      });
    };
    if (immediate) {
      startConnectorObject();
      startTasks();
      return;
    }
    this.later(rec, startConnectorObject);
    this.later(rec, startTasks, this.startDelayMs * 1.5);
  }

  private applyConnectorOutcome(rec: ConnectorRecord): void {
    const workerId = rec.status?.workerId ?? this.assignWorker();
    const failure = rec.plugin?.failure?.(rec.config);
    if (failure?.connectorTrace) {
      rec.status = { state: 'FAILED', workerId, trace: failure.connectorTrace };
      return;
    }
    const state: ConnectorState =
      rec.target === 'PAUSED' ? 'PAUSED' : rec.target === 'STOPPED' ? 'STOPPED' : 'RUNNING';
    rec.status = { state, workerId };
  }

  private applyTaskOutcome(rec: ConnectorRecord, t: TaskRecord): void {
    const failure = rec.plugin?.failure?.(rec.config);
    t.injected = false;
    if (failure?.taskTrace) {
      t.state = 'FAILED';
      t.trace = failure.taskTrace;
      return;
    }
    t.state = rec.target === 'PAUSED' ? 'PAUSED' : 'RUNNING';
    t.trace = undefined;
    if (t.state === 'RUNNING') this.recordTopics(rec);
    if (!rec.hasRun) {
      rec.hasRun = true;
      rec.offsets = structuredClone(rec.plugin?.initialOffsets?.(rec.config) ?? []);
    }
  }

  private recordTopics(rec: ConnectorRecord): void {
    if (rec.target !== 'STARTED') return;
    for (const topic of rec.plugin?.topics?.(rec.config) ?? []) rec.topics.add(topic);
  }

  private generateTaskConfigs(rec: ConnectorRecord): ConnectorConfig[] {
    const max = Math.max(1, Number.parseInt(rec.config['tasks.max'] ?? '1', 10) || 1);
    const count = Math.min(max, Math.max(1, rec.plugin?.taskCount?.(rec.config) ?? 1));
    const taskClass = rec.plugin?.taskClass;
    return Array.from({ length: count }, () => ({
      ...rec.config,
      ...(taskClass ? { 'task.class': taskClass } : {}),
    }));
  }

  private later(rec: ConnectorRecord, fn: () => void, delayMs = this.startDelayMs): void {
    const generation = rec.generation;
    this.scheduler.at(this.clock() + delayMs, () => {
      // Dropped when the connector was deleted or reconfigured since.
      if (this.connectors.get(rec.name) === rec && rec.generation === generation) fn();
    });
  }

  private assignWorker(): string {
    const id = this.workerIds[this.nextWorker % this.workerIds.length]!;
    this.nextWorker++;
    return id;
  }

  private require(name: string): ConnectorRecord {
    const rec = this.connectors.get(name);
    if (!rec) throw new HttpError(404, `Connector ${name} not found`);
    return rec;
  }

  // ── rendering ───────────────────────────────────────────────────────────────

  private renderInfo(rec: ConnectorRecord): ConnectorInfo {
    return {
      name: rec.name,
      config: { ...rec.config },
      tasks: rec.taskConfigs.map((_, task) => ({ connector: rec.name, task })),
      type: typeOf(rec),
    };
  }

  private renderStatus(rec: ConnectorRecord): ConnectorStateInfo {
    const status = rec.status!;
    return {
      name: rec.name,
      connector: this.renderEntry(rec, status),
      tasks: [...rec.tasks.values()].sort((a, b) => a.id - b.id).map((t) => this.renderTask(rec, t)),
      type: typeOf(rec),
    };
  }

  private renderTask(rec: ConnectorRecord, t: TaskRecord): TaskState {
    const state = this.effectiveTaskState(t);
    const trace =
      state === 'FAILED' && t.state !== 'FAILED'
        ? genericTaskTrace(rec.plugin?.className ?? '', t.id)
        : t.trace;
    return { id: t.id, ...this.renderEntry(rec, { state, workerId: t.workerId, trace }) };
  }

  private renderEntry(rec: ConnectorRecord, s: StatusRecord): ConnectorStatusEntry {
    const entry: ConnectorStatusEntry = { state: s.state, worker_id: s.workerId };
    if (s.trace) entry.trace = s.trace;
    if (atLeast(this.version, '4.1') && rec.plugin) entry.version = rec.plugin.version;
    return entry;
  }

  private effectiveTaskState(t: TaskRecord): ConnectorState {
    if (!t.flapPeriodMs || t.state !== 'RUNNING') return t.state;
    const phase = Math.floor((this.clock() - (t.flapSince ?? 0)) / t.flapPeriodMs) % 2;
    return phase === 1 ? 'FAILED' : 'RUNNING';
  }

  /** A random number in [0, 1) from the cluster's seeded generator. */
  roll(): number {
    return this.random();
  }
}

function typeOf(rec: ConnectorRecord): ConnectorType {
  const t = rec.plugin?.type;
  return t === 'source' || t === 'sink' ? t : 'unknown';
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
