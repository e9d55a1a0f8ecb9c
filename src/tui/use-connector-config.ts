// A connector's live config for the views that show it. Rows of the snapshot keep only a hash of
// the config (memory), so the config is read when a view opens and again when the hash changes.
import { useEffect, useState } from 'react';
import { describeError } from '../connect/errors.js';
import type { ConnectorConfig } from '../connect/types.js';
import { usePollerState, useServices } from './services.js';

export interface LiveConfig {
  /** The last config read; kept while a newer one is being read, so the view does not flicker. */
  config?: ConnectorConfig;
  error?: string;
}

/** Per client, the last config read of each connector with its hash: `c` after the connector view reads nothing again. */
const lastRead = new WeakMap<object, Map<string, { hash: string; config: ConnectorConfig }>>();

export function useConnectorConfig(name: string): LiveConfig {
  const { client } = useServices();
  const { snapshot } = usePollerState();
  const hash = snapshot?.byName.get(name)?.configHash;
  const [live, setLive] = useState<LiveConfig>(() => {
    const known = lastRead.get(client)?.get(name);
    return known ? { config: known.config } : {};
  });

  useEffect(() => {
    if (hash === undefined || hash === '') return;
    let known = lastRead.get(client);
    if (!known) {
      known = new Map();
      lastRead.set(client, known);
    }
    const cached = known.get(name);
    if (cached?.hash === hash) {
      setLive({ config: cached.config });
      return;
    }
    let cancelled = false;
    client
      .connectorConfig(name)
      .then((config) => {
        known.set(name, { hash, config });
        if (!cancelled) setLive({ config });
      })
      .catch((e: unknown) => {
        if (!cancelled) setLive((prev) => ({ ...prev, error: describeError(e) }));
      });
    return () => {
      cancelled = true;
    };
  }, [client, name, hash]);

  return live;
}
