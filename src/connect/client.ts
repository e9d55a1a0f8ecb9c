// One typed method per Kafka Connect REST endpoint (connect-rest-api.md §3.0), plus the two things
// every screen needs: what this cluster can do, and the whole connector list in one request.
//
// Gating: once the cluster's capabilities are known (after `capabilities()` or `serverInfo()`), a
// call that the version lacks fails fast with kind 'unsupported' and the reason, before any request.
// This matters most where an old worker would NOT fail but do something else: restart params are
// silently ignored before 3.0 (only the connector restarts), `scope=cluster` is ignored before 3.7
// (only one worker changes level), `initial_state` gives a 500 before 3.7. While capabilities are
// unknown nothing is gated and the worker's own 404/405 comes back as a ConnectError; the client
// never issues a hidden `GET /` just to gate. Callers that want to grey out actions ahead of time use
// `capabilities().supports(...)` / `.reason(...)` themselves.

import { mapWithConcurrency } from './concurrency.js';
import { type ConnectorListing, type ConnectorOverview, listingFromExpanded } from './listing.js';
import { ConnectError, describeError, isConnectError, isNotFound } from './errors.js';
import {
  type HttpMethod,
  type HttpResponse,
  type RequestOptions,
  Transport,
  type TransportOptions,
  type TransportStats,
} from './http.js';
import { path, type Query, queryString } from './paths.js';
import type { ProxyChoice } from './proxy.js';
import type {
  ActiveTopics,
  ConfigInfos,
  ConfigKeyInfo,
  ConnectorConfig,
  ConnectorInfo,
  ConnectorOffset,
  ConnectorOffsets,
  ConnectorStateInfo,
  CreateConnectorRequest,
  ExpandedConnectors,
  InitialState,
  LoggerLevel,
  LoggerLevels,
  LoggerScope,
  Message,
  PluginInfo,
  ServerInfo,
  TaskInfo,
  TasksConfig,
  TaskState,
  WorkerStatus,
} from './types.js';
import { type Capabilities, capabilitiesFor, type Feature } from './version.js';

export interface ConnectClientOptions extends Omit<TransportOptions, 'url' | 'context'> {
  url: string;
  /** Context name shown in every error. Default 'default'. */
  context?: string;
  /** Refuse every mutating call (kind 'read-only') before anything is sent. */
  readonly?: boolean;
  /** Fail fast with kind 'unsupported' when known capabilities lack a feature. Default true. */
  gateByVersion?: boolean;
  /** Requests in flight for the listing fallback on Connect < 2.3. Default 8. */
  fallbackConcurrency?: number;
  /** Told about every mutating request once it has completed or failed: the audit log's hook. */
  onMutation?: MutationObserver;
}

/**
 * One mutating request, reported once after it completed or failed (409 retries included, so a
 * retried delete is one event). Calls refused before anything was sent (read-only, unsupported by
 * the version) are not reported: the cluster never saw them. Validate is not a mutation.
 */
export interface MutationEvent {
  method: HttpMethod;
  /** Path and query as sent, relative to the base URL. */
  path: string;
  /** The full request URL, without credentials. */
  url: string;
  status?: number;
  error?: ConnectError;
}

export type MutationObserver = (event: MutationEvent) => void;

export type ExpandKey = 'status' | 'info';

export type RestartResult = { kind: 'restarted' } | { kind: 'accepted'; status: ConnectorStateInfo };

export type { ConnectorListing, ConnectorOverview } from './listing.js';

type Mutation = { method: HttpMethod; path: string; query?: Query };

const EXPAND_ALL: Query = { expand: ['status', 'info'] };

export type RawListing =
  | {
      kind: 'raw';
      bytes: Uint8Array;
      contentType: string | undefined;
      /** The error to report when the bytes turn out not to be a listing. */
      badBody: (detail: string, snippet?: string) => ConnectError;
    }
  | { kind: 'listing'; listing: ConnectorListing };

export class ConnectClient {
  readonly context: string;
  readonly readonly: boolean;
  private readonly transport: Transport;
  private readonly gateByVersion: boolean;
  private readonly fallbackConcurrency: number;
  private caps?: Capabilities;
  private capsInFlight?: Promise<Capabilities>;
  private readonly mutationObservers = new Set<MutationObserver>();

  constructor(options: ConnectClientOptions) {
    this.context = options.context ?? 'default';
    this.readonly = options.readonly ?? false;
    this.gateByVersion = options.gateByVersion ?? true;
    this.fallbackConcurrency = Math.max(1, options.fallbackConcurrency ?? 8);
    this.transport = new Transport({ ...options, context: this.context });
    if (options.onMutation) this.mutationObservers.add(options.onMutation);
  }

  /**
   * Adds a mutation observer to a client built elsewhere (e.g. by the context resolver);
   * returns the function that removes it.
   */
  observeMutations(observer: MutationObserver): () => void {
    this.mutationObservers.add(observer);
    return () => this.mutationObservers.delete(observer);
  }

  /** The worker URL without credentials. */
  get url(): string {
    return this.transport.baseUrl;
  }

  /** The HTTP proxy requests go through, if any (HTTPS_PROXY…, or the context's proxy). */
  get proxy(): ProxyChoice | undefined {
    return this.transport.proxy;
  }

  /** HTTP attempts so far (409 retries included): for tests and the request-count benchmark. */
  get stats(): Readonly<TransportStats> {
    return this.transport.stats;
  }

  /** Capabilities if already fetched, without a request. */
  get knownCapabilities(): Capabilities | undefined {
    return this.caps;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  // --- Cluster -----------------------------------------------------------------------------------

  /** `GET /`. Also refreshes the cached capabilities, since they derive from its version. */
  async serverInfo(): Promise<ServerInfo> {
    const info = await this.get<ServerInfo>('/');
    this.caps = capabilitiesFor(info.version);
    return info;
  }

  /** Cached after the first call; `{ refresh: true }` asks the worker again (e.g. after an upgrade). */
  async capabilities(options: { refresh?: boolean } = {}): Promise<Capabilities> {
    if (this.caps && !options.refresh) return this.caps;
    if (!this.capsInFlight) {
      this.capsInFlight = this.serverInfo()
        .then(() => this.caps as Capabilities)
        .finally(() => {
          this.capsInFlight = undefined;
        });
    }
    return this.capsInFlight;
  }

  /** `GET /health` (3.9+). A starting (503) or unhealthy (500) worker is an answer, not an error. */
  async health(): Promise<{ httpStatus: number; status: WorkerStatus }> {
    const p = '/health';
    this.gate('health', 'GET', p);
    const res = await this.transport.request<WorkerStatus>('GET', p, { okStatuses: [500, 503] });
    return { httpStatus: res.status, status: res.body };
  }

  // --- Connectors: reading -----------------------------------------------------------------------

  async listConnectors(): Promise<string[]> {
    return this.get<string[]>('/connectors');
  }

  /** `GET /connectors?expand=…` (2.3+). Connectors without a status yet are left out by the worker. */
  async listConnectorsExpanded(
    expand: readonly ExpandKey[] = ['status', 'info'],
  ): Promise<ExpandedConnectors> {
    const query = { expand };
    this.gate('expand', 'GET', '/connectors', query);
    return this.get<ExpandedConnectors>('/connectors', query);
  }

  /**
   * Every connector with its status and info. On Connect ≥ 2.3 exactly one request; below that (or if
   * the worker ignores `expand`) the names, then status and info per connector with bounded
   * concurrency, skipping connectors that vanish or have no status yet. The first call also fetches
   * `GET /` once to learn the version.
   */
  async listConnectorsWithStatus(): Promise<ConnectorListing> {
    const caps = await this.capabilities();
    if (!caps.supports('expand')) return this.listFallback(await this.listConnectors());
    const body = await this.get<ExpandedConnectors | string[]>('/connectors', EXPAND_ALL);
    // A worker older than its reported version (or an unparseable version) answers with plain names.
    return Array.isArray(body) ? this.listFallback(body) : listingFromExpanded(body);
  }

  /**
   * listConnectorsWithStatus() for a reader that parses the body itself (the incremental snapshot
   * source): on Connect ≥ 2.3 the one response's bytes, unparsed (see listingFromBody); before, the
   * listing itself (many small requests). `into`: a buffer to receive the bytes into (see
   * RequestOptions.into).
   */
  async listConnectorsRaw(options: { into?: Uint8Array } = {}): Promise<RawListing> {
    const caps = await this.capabilities();
    if (!caps.supports('expand'))
      return { kind: 'listing', listing: await this.listFallback(await this.listConnectors()) };
    const res = await this.transport.request<Uint8Array>('GET', '/connectors', {
      query: EXPAND_ALL,
      expect: 'raw',
      ...(options.into ? { into: options.into } : {}),
    });
    const contentType = res.headers['content-type'];
    return {
      kind: 'raw',
      bytes: res.body,
      contentType: Array.isArray(contentType) ? contentType[0] : contentType,
      badBody: (detail, snippet) =>
        this.transport.badBody('GET', '/connectors', EXPAND_ALL, res.status, detail, snippet),
    };
  }

  /** The listing from per-connector requests, for a worker that answered `?expand` with plain names. */
  async listFallback(names: string[]): Promise<ConnectorListing> {
    const jobs = names.flatMap((name) => [
      { name, what: 'status' as const },
      { name, what: 'info' as const },
    ]);
    const results = await mapWithConcurrency(jobs, this.fallbackConcurrency, async (job) => {
      try {
        return job.what === 'status' ? await this.connectorStatus(job.name) : await this.connector(job.name);
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    });
    const connectors: ConnectorOverview[] = [];
    const skipped: string[] = [];
    names.forEach((name, i) => {
      const status = results[2 * i] as ConnectorStateInfo | undefined;
      const info = results[2 * i + 1] as ConnectorInfo | undefined;
      if (status && info) connectors.push({ name, status, info });
      else skipped.push(name);
    });
    return { connectors, mode: 'fallback', skipped };
  }

  async connector(name: string): Promise<ConnectorInfo> {
    return this.get<ConnectorInfo>(path`/connectors/${name}`);
  }

  async connectorConfig(name: string): Promise<ConnectorConfig> {
    return this.get<ConnectorConfig>(path`/connectors/${name}/config`);
  }

  async connectorStatus(name: string): Promise<ConnectorStateInfo> {
    return this.get<ConnectorStateInfo>(path`/connectors/${name}/status`);
  }

  async connectorTasks(name: string): Promise<TaskInfo[]> {
    return this.get<TaskInfo[]>(path`/connectors/${name}/tasks`);
  }

  async taskStatus(name: string, task: number): Promise<TaskState> {
    return this.get<TaskState>(path`/connectors/${name}/tasks/${task}/status`);
  }

  /** `GET …/tasks-config` (2.8 – 3.9; removed in 4.0 — use `connectorTasks`). */
  async tasksConfig(name: string): Promise<TasksConfig> {
    const p = path`/connectors/${name}/tasks-config`;
    this.gate('tasks-config', 'GET', p);
    return this.get<TasksConfig>(p);
  }

  /** Active topics (2.5+). The worker answers `[]` for an unknown connector rather than 404. */
  async connectorTopics(name: string): Promise<string[]> {
    const p = path`/connectors/${name}/topics`;
    this.gate('topics', 'GET', p);
    const body = await this.get<ActiveTopics>(p);
    return body[name]?.topics ?? [];
  }

  /** `GET …/offsets` (3.5+), in any connector state. */
  async offsets(name: string): Promise<ConnectorOffsets> {
    const p = path`/connectors/${name}/offsets`;
    this.gate('offsets', 'GET', p);
    return this.get<ConnectorOffsets>(p);
  }

  // --- Connectors: changing ----------------------------------------------------------------------

  /**
   * `POST /connectors` → 201. `initialState` needs 3.7; on older clusters RUNNING is simply left out
   * (it is the default there) and PAUSED/STOPPED fail as unsupported.
   */
  async createConnector(
    name: string,
    config: ConnectorConfig,
    options: { initialState?: InitialState } = {},
  ): Promise<ConnectorInfo> {
    const p = '/connectors';
    this.guardWrite({ method: 'POST', path: p });
    const body: CreateConnectorRequest = { name, config };
    if (options.initialState !== undefined) {
      const olderThan37 =
        this.gateByVersion && this.caps !== undefined && !this.caps.supports('initial-state');
      if (!olderThan37) body.initial_state = options.initialState;
      else if (options.initialState !== 'RUNNING') this.gate('initial-state', 'POST', p);
    }
    return (await this.send<ConnectorInfo>('POST', p, { body })).body;
  }

  /** `PUT …/config`: creates (201, `created: true`) or replaces (200). The body is the flat config. */
  async putConnectorConfig(
    name: string,
    config: ConnectorConfig,
  ): Promise<{ created: boolean; info: ConnectorInfo }> {
    const p = path`/connectors/${name}/config`;
    this.guardWrite({ method: 'PUT', path: p });
    const res = await this.send<ConnectorInfo>('PUT', p, { body: config });
    return { created: res.status === 201, info: res.body };
  }

  /** `PATCH …/config` (3.8+): `null` removes a key. */
  async patchConnectorConfig(name: string, patch: Record<string, string | null>): Promise<ConnectorInfo> {
    const p = path`/connectors/${name}/config`;
    this.guardWrite({ method: 'PATCH', path: p });
    this.gate('patch-config', 'PATCH', p);
    return (await this.send<ConnectorInfo>('PATCH', p, { body: patch })).body;
  }

  async pauseConnector(name: string): Promise<void> {
    await this.mutateEmpty({ method: 'PUT', path: path`/connectors/${name}/pause` });
  }

  /** Resumes a paused or (3.5+) stopped connector. */
  async resumeConnector(name: string): Promise<void> {
    await this.mutateEmpty({ method: 'PUT', path: path`/connectors/${name}/resume` });
  }

  /** `PUT …/stop` (3.5+) → 204. */
  async stopConnector(name: string): Promise<void> {
    await this.mutateEmpty({ method: 'PUT', path: path`/connectors/${name}/stop` }, 'stop');
  }

  /**
   * `POST …/restart`. Without options: the connector object only, 204. With `includeTasks` and/or
   * `onlyFailed` (3.0+): 202 with the restart plan (instances to restart shown as RESTARTING). A 204
   * to a request with options means the worker ignored them.
   */
  async restartConnector(
    name: string,
    options: { includeTasks?: boolean; onlyFailed?: boolean } = {},
  ): Promise<RestartResult> {
    const p = path`/connectors/${name}/restart`;
    const withParams = options.includeTasks === true || options.onlyFailed === true;
    const query = withParams
      ? { includeTasks: options.includeTasks === true, onlyFailed: options.onlyFailed === true }
      : undefined;
    this.guardWrite({ method: 'POST', path: p, query });
    if (withParams) this.gate('restart-tasks', 'POST', p, query);
    const res = await this.send<ConnectorStateInfo | undefined>('POST', p, {
      query,
      expect: 'any',
    });
    if (res.status === 202 && res.body) return { kind: 'accepted', status: res.body };
    return { kind: 'restarted' };
  }

  async restartTask(name: string, task: number): Promise<void> {
    await this.mutateEmpty({ method: 'POST', path: path`/connectors/${name}/tasks/${task}/restart` });
  }

  async deleteConnector(name: string): Promise<void> {
    await this.mutateEmpty({ method: 'DELETE', path: path`/connectors/${name}` });
  }

  /** `PUT …/topics/reset` (2.5+) → 202. */
  async resetConnectorTopics(name: string): Promise<void> {
    await this.mutateEmpty({ method: 'PUT', path: path`/connectors/${name}/topics/reset` }, 'topics-reset');
  }

  /** `PATCH …/offsets` (3.6+); the connector must be STOPPED. `offset: null` resets one partition. */
  async alterOffsets(name: string, offsets: ConnectorOffset[]): Promise<Message> {
    const p = path`/connectors/${name}/offsets`;
    this.guardWrite({ method: 'PATCH', path: p });
    this.gate('offsets-alter', 'PATCH', p);
    const body: ConnectorOffsets = { offsets };
    return (await this.send<Message>('PATCH', p, { body })).body;
  }

  /** `DELETE …/offsets` (3.6+); the connector must be STOPPED. */
  async resetOffsets(name: string): Promise<Message> {
    const p = path`/connectors/${name}/offsets`;
    this.guardWrite({ method: 'DELETE', path: p });
    this.gate('offsets-reset', 'DELETE', p);
    return (await this.send<Message>('DELETE', p)).body;
  }

  // --- Plugins -----------------------------------------------------------------------------------

  /** `GET /connector-plugins`. The worker lists connectors only unless `connectorsOnly: false` (3.2+). */
  async plugins(options: { connectorsOnly?: boolean } = {}): Promise<PluginInfo[]> {
    const p = '/connector-plugins';
    if (options.connectorsOnly !== false) return this.get<PluginInfo[]>(p);
    const query = { connectorsOnly: false };
    this.gate('plugins-all', 'GET', p, query);
    return this.get<PluginInfo[]>(p, query);
  }

  /** `GET /connector-plugins/{plugin}/config` (3.2+; `version` 4.1+). */
  async pluginConfig(plugin: string, options: { version?: string } = {}): Promise<ConfigKeyInfo[]> {
    const p = path`/connector-plugins/${plugin}/config`;
    const query = options.version === undefined ? undefined : { version: options.version };
    this.gate('plugin-config', 'GET', p, query);
    if (query) this.gate('plugin-config-version', 'GET', p, query);
    return this.get<ConfigKeyInfo[]>(p, query);
  }

  /**
   * `PUT /connector-plugins/{class}/config/validate` → 200 even when invalid: check `error_count`.
   * Not a mutation (nothing is stored), so it works on a read-only client.
   */
  async validateConfig(pluginClass: string, config: ConnectorConfig): Promise<ConfigInfos> {
    const p = path`/connector-plugins/${pluginClass}/config/validate`;
    return (await this.transport.request<ConfigInfos>('PUT', p, { body: config })).body;
  }

  // --- Loggers (2.4+) ----------------------------------------------------------------------------

  async loggers(): Promise<LoggerLevels> {
    const p = '/admin/loggers';
    this.gate('loggers', 'GET', p);
    return this.get<LoggerLevels>(p);
  }

  async logger(name: string): Promise<LoggerLevel> {
    const p = path`/admin/loggers/${name}`;
    this.gate('loggers', 'GET', p);
    return this.get<LoggerLevel>(p);
  }

  /**
   * `PUT /admin/loggers/{name}`. Worker scope (the default) → the affected logger names;
   * `scope: 'cluster'` (3.7+) → `null` (204, applied by every worker asynchronously).
   */
  async setLoggerLevel(name: string, level: string, scope?: LoggerScope): Promise<string[] | null> {
    const p = path`/admin/loggers/${name}`;
    const query = scope === undefined ? undefined : { scope };
    this.guardWrite({ method: 'PUT', path: p, query });
    this.gate('loggers', 'PUT', p, query);
    if (scope === 'cluster') this.gate('logger-scope', 'PUT', p, query);
    const res = await this.send<string[] | undefined>('PUT', p, {
      query,
      body: { level },
      expect: 'any',
    });
    return res.status === 204 ? null : (res.body ?? []);
  }

  // --- Internals ---------------------------------------------------------------------------------

  private async get<T>(p: string, query?: Query): Promise<T> {
    const options: RequestOptions = query ? { query } : {};
    return (await this.transport.request<T>('GET', p, options)).body;
  }

  /** A mutating request: sent like any other, then reported to the mutation observers. */
  private async send<T>(
    method: HttpMethod,
    p: string,
    options: RequestOptions = {},
  ): Promise<HttpResponse<T>> {
    if (this.mutationObservers.size === 0) return this.transport.request<T>(method, p, options);
    const base = {
      method,
      path: p + queryString(options.query),
      url: this.transport.urlFor(p, options.query),
    };
    try {
      const res = await this.transport.request<T>(method, p, options);
      this.notifyMutation({ ...base, status: res.status });
      return res;
    } catch (e) {
      // The transport only throws ConnectErrors; anything else still gets reported, as one line.
      const error = isConnectError(e)
        ? e
        : new ConnectError({
            kind: 'network',
            context: this.context,
            method,
            url: base.url,
            detail: describeError(e),
          });
      this.notifyMutation({
        ...base,
        ...(error.status === undefined ? {} : { status: error.status }),
        error,
      });
      throw e;
    }
  }

  private notifyMutation(event: MutationEvent): void {
    for (const observer of this.mutationObservers) {
      // An observer (the audit log) must never turn a completed request into a failed one.
      try {
        observer(event);
      } catch {}
    }
  }

  private async mutateEmpty(m: Mutation, feature?: Feature): Promise<void> {
    this.guardWrite(m);
    if (feature) this.gate(feature, m.method, m.path, m.query);
    await this.send(m.method, m.path, {
      expect: 'empty',
      ...(m.query ? { query: m.query } : {}),
    });
  }

  private guardWrite(m: Mutation): void {
    if (!this.readonly) return;
    throw new ConnectError({
      kind: 'read-only',
      context: this.context,
      method: m.method,
      url: this.transport.urlFor(m.path, m.query),
      detail: `refused: context ${this.context} is read-only`,
    });
  }

  private gate(feature: Feature, method: HttpMethod, p: string, query?: Query): void {
    if (!this.gateByVersion || !this.caps) return;
    const reason = this.caps.reason(feature);
    if (reason === undefined) return;
    throw new ConnectError({
      kind: 'unsupported',
      context: this.context,
      method,
      url: this.transport.urlFor(p, query),
      detail: reason,
    });
  }
}
