// Worker-level endpoints: `/`, `/health`, `/connector-plugins`, validate, `/admin/loggers`.
import { atLeast } from './emulated-version.js';
import { HttpError } from './http-error.js';
import { asStringMap, parseJsonBody } from './jackson-errors.js';
import { listPlugins, pluginConfigResponse } from './plugins/index.js';
import type { Route } from './router.js';
import { checkValidatePath, validateConnectorConfig } from './validation.js';

export const workerRoutes: Route[] = [
  {
    method: 'GET',
    path: '/',
    handle: ({ cluster }) => ({
      status: 200,
      body: {
        version: cluster.version.reported,
        commit: cluster.commit,
        kafka_cluster_id: cluster.kafkaClusterId,
      },
    }),
  },
  {
    method: 'GET',
    path: '/health',
    since: '3.9',
    handle: () => ({
      status: 200,
      body: { status: 'healthy', message: 'Worker has completed startup and is ready to handle requests.' },
    }),
  },
  {
    method: 'GET',
    path: '/connector-plugins',
    handle: ({ cluster, query }) => {
      // Before 3.2 the parameter did not exist and only connectors were listed.
      const honoured = atLeast(cluster.version, '3.2');
      const connectorsOnly = !honoured || (query.get('connectorsOnly') ?? 'true').toLowerCase() === 'true';
      return { status: 200, body: listPlugins({ connectorsOnly, kafkaVersion: cluster.version.reported }) };
    },
  },
  {
    method: 'GET',
    path: '/connector-plugins/{p}/config',
    since: '3.2',
    handle: ({ cluster, params }) =>
      pluginConfigResponse(params.p!, { kafkaVersion: cluster.version.reported }),
  },
  {
    method: 'PUT',
    path: '/connector-plugins/{p}/config/validate',
    handle: ({ cluster, params, bodyText }) => {
      const config = asStringMap(parseJsonBody(bodyText));
      const mismatch = checkValidatePath(params.p!, config['connector.class'] ?? undefined);
      if (mismatch) throw new HttpError(400, mismatch);
      const result = validateConnectorConfig(config, { kafkaVersion: cluster.version.reported });
      if (!result.ok) throw new HttpError(result.status, result.message);
      return { status: 200, body: result.infos };
    },
  },
  {
    method: 'GET',
    path: '/admin/loggers',
    since: '2.4',
    handle: ({ cluster }) => ({ status: 200, body: cluster.loggers.all() }),
  },
  {
    method: 'GET',
    path: '/admin/loggers/{l}',
    since: '2.4',
    handle: ({ cluster, params }) => ({ status: 200, body: cluster.loggers.get(params.l!) }),
  },
  {
    method: 'PUT',
    path: '/admin/loggers/{l}',
    since: '2.4',
    handle: ({ cluster, params, query, bodyText }) => {
      const body = parseJsonBody(bodyText);
      const level =
        body !== null && typeof body === 'object' ? (body as { level?: unknown }).level : undefined;
      const affected = cluster.loggers.set(params.l!, level);
      // Scope arrived in 3.7; older workers ignore it. An unknown scope falls back to worker.
      const cluster_scope =
        atLeast(cluster.version, '3.7') && (query.get('scope') ?? '').toLowerCase() === 'cluster';
      return cluster_scope ? { status: 204 } : { status: 200, body: affected };
    },
  },
];
