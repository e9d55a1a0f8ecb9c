// `/connectors/...` handlers, in the order of checks the real ConnectorsResource and
// DistributedHerder apply (connect-rest-api.md §3.3–§3.18).
import type { ConnectorConfig, ExpandedConnectors, InitialState } from '../connect/types.js';
import type { EmulatedCluster } from './cluster.js';
import { atLeast } from './emulated-version.js';
import { HttpError } from './http-error.js';
import {
  asStringMap,
  cannotDeserialize,
  describeToken,
  parseJsonBody,
  unrecognizedField,
} from './jackson-errors.js';
import { parseOffsetsBody, validateSinkOffsets } from './offsets-body.js';
import type { Reply, RequestContext, Route } from './router.js';
import { configErrorsMessage, validateConnectorConfig } from './validation.js';

const CREATE_REQUEST = 'org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest';

/** The herder's "rebalance expected" answer (checkRebalanceNeeded). */
const STALE_CONFIG =
  'Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)';
/** Forwarded leader-only writes during a rebalance. */
const NO_LEADER =
  'Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway.';

function checkRebalance(cluster: EmulatedCluster, message: string): void {
  if (cluster.rebalancing()) throw new HttpError(409, message);
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  headers,
});
const empty = (status: number): Reply => ({ status });

function location(ctx: RequestContext, name: string): Record<string, string> {
  return { Location: `${ctx.baseUrl}/connectors/${encodeURIComponent(name)}` };
}

function bool(ctx: RequestContext, key: string): boolean {
  return (ctx.query.get(key) ?? '').toLowerCase() === 'true';
}

/** Runs the validate step of create/update; throws the 400/500 a worker would. */
function validateOrThrow(cluster: EmulatedCluster, config: Record<string, string | null>): ConnectorConfig {
  const result = validateConnectorConfig(config, { kafkaVersion: cluster.version.reported });
  if (!result.ok) throw new HttpError(result.status, result.message);
  if (result.infos.error_count > 0) throw new HttpError(400, configErrorsMessage(result.infos));
  return config as ConnectorConfig;
}

function listConnectors(ctx: RequestContext): Reply {
  const { cluster } = ctx;
  const expand = ctx.query.getAll('expand');
  if (expand.length === 0 || !atLeast(cluster.version, '2.3')) return json(200, cluster.names());
  const out: ExpandedConnectors = {};
  for (const name of cluster.names()) {
    const entry: Record<string, unknown> = {};
    let dropped = false;
    for (const kind of expand) {
      if (kind === 'status') {
        const status = cluster.status(name);
        // A connector with no status yet is left out of the whole map, as the real worker does.
        if (!status) dropped = true;
        else entry.status = status;
      } else if (kind === 'info') entry.info = cluster.infoOrNull(name);
    }
    if (!dropped) out[name] = entry;
  }
  return json(200, out);
}

function createConnector(ctx: RequestContext): Reply {
  const { cluster } = ctx;
  const body = parseJsonBody(ctx.bodyText);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw cannotDeserialize(CREATE_REQUEST, describeToken(body));
  }
  const known = atLeast(cluster.version, '3.7') ? ['initial_state', 'config', 'name'] : ['config', 'name'];
  for (const field of Object.keys(body)) {
    if (!known.includes(field)) throw unrecognizedField(field, CREATE_REQUEST, known);
  }
  const request = body as Record<string, unknown>;
  const name = typeof request.name === 'string' ? request.name.trim() : '';
  if (request.config === undefined || request.config === null) throw new HttpError(500, null);
  const config = asStringMap(request.config);
  const initial = parseInitialState(request.initial_state);
  if (config.name !== undefined && config.name !== name) {
    throw new HttpError(
      400,
      `Connector name configuration (${config.name}) doesn't match connector name in the URL (${name})`,
    );
  }
  config.name = name;
  const valid = validateOrThrow(cluster, config);
  checkRebalance(cluster, NO_LEADER);
  cluster.create(name, valid, initial);
  return json(201, cluster.info(name), location(ctx, name));
}

function parseInitialState(value: unknown): InitialState | undefined {
  if (value === undefined || value === null) return undefined;
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (upper === 'RUNNING' || upper === 'PAUSED' || upper === 'STOPPED') return upper;
  throw new HttpError(
    500,
    `Cannot deserialize value of type \`${CREATE_REQUEST}$InitialState\` from String ${JSON.stringify(String(value))}: not one of the values accepted for Enum class: [STOPPED, RUNNING, PAUSED]`,
  );
}

function putConfig(ctx: RequestContext): Reply {
  const { cluster } = ctx;
  const name = ctx.params.c!;
  const config = asStringMap(parseJsonBody(ctx.bodyText));
  if (config.name !== undefined && config.name !== name) {
    throw new HttpError(
      400,
      `Connector name configuration (${config.name}) doesn't match connector name in the URL (${name})`,
    );
  }
  config.name = name;
  const valid = validateOrThrow(cluster, config);
  checkRebalance(cluster, NO_LEADER);
  if (cluster.has(name)) {
    cluster.reconfigure(name, valid);
    return json(200, cluster.info(name));
  }
  cluster.create(name, valid);
  return json(201, cluster.info(name), location(ctx, name));
}

function patchConfig(ctx: RequestContext): Reply {
  const { cluster } = ctx;
  const name = ctx.params.c!;
  const patch = asStringMap(parseJsonBody(ctx.bodyText));
  checkRebalance(cluster, NO_LEADER);
  const merged: Record<string, string | null> = cluster.config(name);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  const valid = validateOrThrow(cluster, merged);
  cluster.reconfigure(name, valid);
  return json(200, cluster.info(name));
}

function restartConnector(ctx: RequestContext): Reply {
  const { cluster } = ctx;
  const name = ctx.params.c!;
  const withParams = atLeast(cluster.version, '3.0');
  const includeTasks = withParams && bool(ctx, 'includeTasks');
  const onlyFailed = withParams && bool(ctx, 'onlyFailed');
  checkRebalance(cluster, STALE_CONFIG);
  if (!cluster.has(name)) throw new HttpError(404, `Unknown connector: ${name}`);
  if (!includeTasks && !onlyFailed) {
    cluster.restartConnector(name);
    return empty(204);
  }
  return json(202, cluster.restartWithPlan(name, { includeTasks, onlyFailed }));
}

function alterOffsets(ctx: RequestContext): Reply {
  const { cluster } = ctx;
  const name = ctx.params.c!;
  const entries = parseOffsetsBody(ctx.bodyText);
  if (entries.length === 0)
    throw new HttpError(400, 'Partitions / offsets need to be provided for an alter offsets request');
  checkRebalance(cluster, STALE_CONFIG);
  requireStopped(cluster, name);
  if (cluster.connectorType(name) === 'sink') validateSinkOffsets(entries);
  cluster.alterOffsets(name, entries);
  return json(200, { message: offsetsMessage(cluster, name, 'altered') });
}

function resetOffsets(ctx: RequestContext): Reply {
  const { cluster } = ctx;
  const name = ctx.params.c!;
  checkRebalance(cluster, STALE_CONFIG);
  requireStopped(cluster, name);
  cluster.resetOffsets(name);
  return json(200, { message: offsetsMessage(cluster, name, 'reset') });
}

function requireStopped(cluster: EmulatedCluster, name: string): void {
  if (!cluster.isStopped(name)) {
    throw new HttpError(
      400,
      `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`,
    );
  }
}

function offsetsMessage(cluster: EmulatedCluster, name: string, verb: 'altered' | 'reset'): string {
  if (cluster.managesOwnOffsets(name)) return `The offsets for this connector have been ${verb} successfully`;
  return `The Connect framework-managed offsets for this connector have been ${verb} successfully. However, if this connector manages offsets externally, they will need to be manually ${verb} in the system that the connector uses.`;
}

function unknownConnector(cluster: EmulatedCluster, name: string): void {
  if (!cluster.has(name)) throw new HttpError(404, `Unknown connector ${name}`);
}

/** Pause and resume: any worker writes the target state; 202, never forwarded, never 409. */
function targetStateRoute(action: 'pause' | 'resume'): Route {
  return {
    method: 'PUT',
    path: `/connectors/{c}/${action}`,
    handle: (ctx) => {
      unknownConnector(ctx.cluster, ctx.params.c!);
      ctx.cluster[action](ctx.params.c!);
      return empty(202);
    },
  };
}

export const connectorRoutes: Route[] = [
  { method: 'GET', path: '/connectors', handle: listConnectors },
  { method: 'POST', path: '/connectors', handle: createConnector },
  {
    method: 'GET',
    path: '/connectors/{c}',
    handle: (ctx) => {
      checkRebalance(ctx.cluster, STALE_CONFIG);
      return json(200, ctx.cluster.info(ctx.params.c!));
    },
  },
  {
    method: 'DELETE',
    path: '/connectors/{c}',
    handle: (ctx) => {
      checkRebalance(ctx.cluster, NO_LEADER);
      ctx.cluster.delete(ctx.params.c!);
      return empty(204);
    },
  },
  {
    method: 'GET',
    path: '/connectors/{c}/config',
    handle: (ctx) => {
      checkRebalance(ctx.cluster, STALE_CONFIG);
      return json(200, ctx.cluster.config(ctx.params.c!));
    },
  },
  { method: 'PUT', path: '/connectors/{c}/config', handle: putConfig },
  { method: 'PATCH', path: '/connectors/{c}/config', since: '3.8', handle: patchConfig },
  {
    method: 'GET',
    path: '/connectors/{c}/status',
    handle: (ctx) => {
      const name = ctx.params.c!;
      const status = ctx.cluster.status(name);
      if (!status) throw new HttpError(404, `No status found for connector ${name}`);
      return json(200, status);
    },
  },
  {
    method: 'GET',
    path: '/connectors/{c}/tasks',
    handle: (ctx) => {
      checkRebalance(ctx.cluster, STALE_CONFIG);
      return json(200, ctx.cluster.tasks(ctx.params.c!));
    },
  },
  {
    method: 'GET',
    path: '/connectors/{c}/tasks-config',
    since: '2.8',
    removedIn: '4.0',
    handle: (ctx) => {
      checkRebalance(ctx.cluster, STALE_CONFIG);
      const name = ctx.params.c!;
      const out: Record<string, ConnectorConfig> = {};
      for (const task of ctx.cluster.tasks(name)) out[`${name}-${task.id.task}`] = task.config;
      return json(200, out);
    },
  },
  {
    method: 'GET',
    path: '/connectors/{c}/tasks/{t:int}/status',
    handle: (ctx) => {
      const name = ctx.params.c!;
      const task = Number(ctx.params.t);
      const status = ctx.cluster.taskStatus(name, task);
      if (!status) throw new HttpError(404, `No status found for task ${name}-${task}`);
      return json(200, status);
    },
  },
  { method: 'POST', path: '/connectors/{c}/restart', handle: restartConnector },
  {
    method: 'POST',
    path: '/connectors/{c}/tasks/{t:int}/restart',
    handle: (ctx) => {
      checkRebalance(ctx.cluster, STALE_CONFIG);
      ctx.cluster.restartTask(ctx.params.c!, Number(ctx.params.t));
      return empty(204);
    },
  },
  targetStateRoute('pause'),
  targetStateRoute('resume'),
  {
    method: 'PUT',
    path: '/connectors/{c}/stop',
    since: '3.5',
    handle: (ctx) => {
      checkRebalance(ctx.cluster, NO_LEADER);
      unknownConnector(ctx.cluster, ctx.params.c!);
      ctx.cluster.stop(ctx.params.c!);
      return empty(204);
    },
  },
  {
    method: 'GET',
    path: '/connectors/{c}/topics',
    since: '2.5',
    handle: (ctx) => json(200, { [ctx.params.c!]: { topics: ctx.cluster.topics(ctx.params.c!) } }),
  },
  {
    method: 'PUT',
    path: '/connectors/{c}/topics/reset',
    since: '2.5',
    handle: (ctx) => {
      ctx.cluster.resetTopics(ctx.params.c!);
      return empty(202);
    },
  },
  {
    method: 'GET',
    path: '/connectors/{c}/offsets',
    since: '3.5',
    handle: (ctx) => json(200, { offsets: ctx.cluster.offsets(ctx.params.c!) }),
  },
  { method: 'PATCH', path: '/connectors/{c}/offsets', since: '3.6', handle: alterOffsets },
  { method: 'DELETE', path: '/connectors/{c}/offsets', since: '3.6', handle: resetOffsets },
];
