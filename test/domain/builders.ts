// Small builders for connector statuses and listings, so each test states only what it is about.
import type { ConnectorListing, ConnectorOverview } from '../../src/connect/client.js';
import type {
  ConnectorConfig,
  ConnectorState,
  ConnectorStateInfo,
  ConnectorType,
} from '../../src/connect/types.js';

export interface ConnectorSpec {
  state?: ConnectorState;
  tasks?: (ConnectorState | { state: ConnectorState; worker?: string; trace?: string })[];
  worker?: string;
  type?: ConnectorType;
  config?: ConnectorConfig | null;
  trace?: string;
}

export function status(name: string, spec: ConnectorSpec = {}): ConnectorStateInfo {
  return {
    name,
    type: spec.type ?? 'sink',
    connector: {
      state: spec.state ?? 'RUNNING',
      worker_id: spec.worker ?? 'w1:8083',
      ...(spec.trace === undefined ? {} : { trace: spec.trace }),
    },
    tasks: (spec.tasks ?? ['RUNNING']).map((t, id) => {
      const task = typeof t === 'string' ? { state: t } : t;
      return {
        id,
        state: task.state,
        worker_id: task.worker ?? spec.worker ?? 'w1:8083',
        ...(task.trace === undefined ? {} : { trace: task.trace }),
      };
    }),
  };
}

export function overview(name: string, spec: ConnectorSpec = {}): ConnectorOverview {
  const config =
    spec.config === undefined
      ? { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', 'tasks.max': '1' }
      : spec.config;
  const s = status(name, spec);
  return {
    name,
    status: s,
    info:
      config === null
        ? null
        : { name, config, type: s.type, tasks: s.tasks.map((t) => ({ connector: name, task: t.id })) },
  };
}

export function listing(specs: Record<string, ConnectorSpec>, skipped: string[] = []): ConnectorListing {
  return {
    connectors: Object.entries(specs).map(([name, spec]) => overview(name, spec)),
    mode: 'expand',
    skipped,
  };
}
