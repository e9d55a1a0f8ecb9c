// A connector's live config for the views that show it. Rows of the snapshot keep only a hash of
// the config (memory), so the config is read when a view opens and again when the hash changes.
import { useEffect, useState } from 'react';
import { describeError } from '../connect/errors.js';
import type { ConnectorConfig } from '../connect/types.js';
import { usePollerState, useServices } from './services.js';

export interface LiveConfig {
  /** The last config read; kept while a newer one is being read, so the view does not flicker. */
  config?: ConnectorConfig;
  /** Why the last read failed; with `config` set, that config may be out of date. */
  error?: string;
}

/** After a failed read: tried again this much later, the hash being unchanged. */
const RETRY_MS = 3_000;

/** Per client, the last config read of each connector with its hash: `c` after the connector view reads nothing again. */
const lastRead = new WeakMap<object, Map<string, { hash: string; config: ConnectorConfig }>>();

function readsOf(client: object): Map<string, { hash: string; config: ConnectorConfig }> {
  let known = lastRead.get(client);
  if (!known) {
    known = new Map();
    lastRead.set(client, known);
  }
  return known;
}

export function useConnectorConfig(name: string): LiveConfig {
  const { client } = useServices();
  const { snapshot } = usePollerState();
  // '' (config unknown to the listing) is read too: the read says why.
  const hash = snapshot?.byName.get(name)?.configHash;
  const [live, setLive] = useState<LiveConfig>(() => {
    const known = lastRead.get(client)?.get(name);
    return known ? { config: known.config } : {};
  });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` changes only to read again after a failure
  useEffect(() => {
    if (hash === undefined) return;
    const known = readsOf(client);
    const cached = known.get(name);
    if (cached?.hash === hash) {
      setLive({ config: cached.config });
      return;
    }
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    client
      .connectorConfig(name)
      .then((config) => {
        if (cancelled) return;
        known.set(name, { hash, config });
        setLive({ config });
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        setLive((prev) => ({ ...prev, error: describeError(e) }));
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      });
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [client, name, hash, attempt]);

  return live;
}
