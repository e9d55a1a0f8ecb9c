// `/__emulator/*`: fault injection and demo controls for tests that drive a separate process
// (the built `kcx demo` / `kcx emulator`). Never part of the Connect API surface.
import type { FaultRule } from './faults.js';
import { HttpError } from './http-error.js';
import { parseJsonBody } from './jackson-errors.js';
import type { Reply, Route } from './router.js';
import type { EmulatorServer } from './server.js';
import { seedDemoConnectors } from './seed.js';

function body(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const value = parseJsonBody(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, 'expected a JSON object');
  return value as Record<string, unknown>;
}

function num(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new HttpError(400, `${what} must be a number ≥ 0`);
  return value;
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '')
    throw new HttpError(400, `${what} must be a non-empty string`);
  return value;
}

const ok = (extra: Record<string, unknown> = {}): Reply => ({ status: 200, body: { ok: true, ...extra } });

export function controlRoutes(server: EmulatorServer): Route[] {
  const cluster = () => server.state;
  return [
    {
      method: 'GET',
      path: '/__emulator/state',
      handle: () => ({
        status: 200,
        body: {
          connectors: cluster().size,
          version: cluster().version.reported,
          workers: cluster().workerIds,
          faults: server.faults.describe(),
        },
      }),
    },
    {
      method: 'POST',
      path: '/__emulator/faults',
      handle: ({ bodyText }) => ok({ id: server.faults.add(body(bodyText) as unknown as FaultRule) }),
    },
    {
      method: 'DELETE',
      path: '/__emulator/faults',
      handle: () => {
        server.faults.clear();
        return ok();
      },
    },
    {
      method: 'POST',
      path: '/__emulator/latency',
      handle: ({ bodyText }) => {
        const b = body(bodyText);
        server.faults.latency(num(b.ms, 'ms'), typeof b.route === 'string' ? b.route : undefined);
        return ok();
      },
    },
    {
      method: 'POST',
      path: '/__emulator/rebalance',
      handle: ({ bodyText }) => {
        const b = body(bodyText);
        server.faults.rebalance(num(b.ms, 'ms'), b.unassign === true);
        return ok();
      },
    },
    {
      method: 'POST',
      path: '/__emulator/down',
      handle: ({ bodyText }) => {
        // Over HTTP an outage must end by itself: nobody could reach this API to end it.
        const ms = num(body(bodyText).ms, 'ms');
        setImmediate(() => void server.faults.down(ms));
        return ok({ downForMs: ms });
      },
    },
    {
      method: 'POST',
      path: '/__emulator/fail-task',
      handle: ({ bodyText }) => {
        const b = body(bodyText);
        cluster().failTask(
          str(b.connector, 'connector'),
          num(b.task ?? 0, 'task'),
          typeof b.trace === 'string' ? b.trace : undefined,
        );
        return ok();
      },
    },
    {
      method: 'POST',
      path: '/__emulator/fail-connector',
      handle: ({ bodyText }) => {
        const b = body(bodyText);
        cluster().failConnector(
          str(b.connector, 'connector'),
          typeof b.trace === 'string' ? b.trace : undefined,
        );
        return ok();
      },
    },
    {
      method: 'POST',
      path: '/__emulator/flap',
      handle: ({ bodyText }) => {
        const b = body(bodyText);
        cluster().setFlapping(
          str(b.connector, 'connector'),
          num(b.task ?? 0, 'task'),
          num(b.periodMs ?? 5000, 'periodMs'),
        );
        return ok();
      },
    },
    {
      method: 'POST',
      path: '/__emulator/seed',
      handle: ({ bodyText }) =>
        ok({ added: seedDemoConnectors(cluster(), { count: num(body(bodyText).count, 'count') }) }),
    },
    {
      method: 'POST',
      path: '/__emulator/settle',
      handle: () => {
        cluster().settle();
        return ok();
      },
    },
  ];
}
