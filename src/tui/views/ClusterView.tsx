// `:cluster` — worker version, commit, Kafka cluster id, counts, workers, and what this Connect
// version supports (and what not, with the version that brings it).
import { Box } from 'ink';
import { type ReactNode, useEffect, useState } from 'react';
import type { ServerInfo } from '../../connect/types.js';
import { describeError } from '../../connect/errors.js';
import { TextPager } from '../components/TextPager.js';
import { usePollerState, useServices } from '../services.js';
import { fitCells } from '../../domain/text-fit.js';

export function ClusterView({ height }: { height: number; width: number }): ReactNode {
  const { client, context } = useServices();
  const { snapshot } = usePollerState();
  const [info, setInfo] = useState<ServerInfo | string | undefined>();
  useEffect(() => {
    client
      .serverInfo()
      .then(setInfo)
      .catch((e: unknown) => setInfo(describeError(e)));
  }, [client]);

  const lines: string[] = [];
  if (typeof info === 'string') lines.push(`GET / failed: ${info}`);
  else if (info) {
    const caps = client.knownCapabilities;
    lines.push(
      `context        ${context.name}${context.production ? ' (production)' : ''}${context.readonly ? ', read-only' : ''}`,
      `url            ${context.url}`,
      `version        ${info.version}${caps?.version?.confluent ? ` (Confluent Platform ${caps.version.confluent} = Apache Kafka ${caps.version.major}.${caps.version.minor})` : ''}`,
      `commit         ${info.commit}`,
      `kafka cluster  ${info.kafka_cluster_id ?? '(not reported)'}`,
    );
  } else lines.push('Loading…');
  if (snapshot) {
    const states = Object.entries(snapshot.countsByState)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    const tasks = Object.entries(snapshot.taskCountsByState)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    lines.push(
      '',
      `connectors     ${snapshot.rows.length}: ${states.join(', ') || 'none'}`,
      `tasks          ${tasks.join(', ') || 'none'}`,
      `listing        ${snapshot.mode === 'expand' ? 'one request per refresh (?expand=status&expand=info)' : 'one request per connector (Connect < 2.3)'}`,
      '',
      `${fitCells('WORKER', 26)} ${fitCells('CONNECTORS', 10, 'right')} ${fitCells('TASKS', 6, 'right')} ${fitCells('FAILED', 6, 'right')}`,
      ...snapshot.workers.map(
        (w) =>
          `${fitCells(w.id, 26)} ${fitCells(String(w.connectors), 10, 'right')} ${fitCells(String(w.tasks), 6, 'right')} ${fitCells(String(w.failed), 6, 'right')}`,
      ),
    );
  }
  const caps = client.knownCapabilities;
  if (caps) {
    lines.push('', 'CAPABILITIES');
    for (const row of caps.table()) {
      const mark = row.supported === undefined ? '?' : row.supported ? '✓' : '✗';
      lines.push(
        `${mark} ${fitCells(row.label, 46)} ${row.supported === false ? (row.reason ?? `needs ${row.since}`) : `since ${row.since}${row.removedIn ? `, removed in ${row.removedIn}` : ''}`}`,
      );
    }
  }
  return (
    <Box flexDirection="column">
      <TextPager view="cluster" lines={lines} height={height} />
    </Box>
  );
}
