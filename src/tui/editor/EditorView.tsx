// `e` / `E` (edit), `n` (new from a template), `C` (clone): loads what the editor starts from — the
// live config and the plugin's PASSWORD keys, so secrets are masked before the text is shown — then
// hands over to the edit session.
import { Text } from 'ink';
import { type ReactNode, useEffect, useState } from 'react';
import { describeError } from '../../connect/errors.js';
import type { ConnectorConfig } from '../../connect/types.js';
import type { SessionTarget } from '../../domain/editor/edit-checks.js';
import { passwordKeysOf, pluginDefinitions } from '../../domain/editor/plugin-definitions.js';
import { type SecretsRoundtrip, secretsRoundtrip } from '../../domain/editor/secrets-roundtrip.js';
import { cloneConfig, renderConfig } from '../../domain/editor/template.js';
import { useServices } from '../services.js';
import { useTheme } from '../theme-context.js';
import { EditorSession } from './EditorSession.js';

export type EditorStart =
  | { kind: 'edit'; name: string; external?: boolean }
  | { kind: 'clone'; from: string; name: string }
  | { kind: 'template'; config: ConnectorConfig };

export interface LoadedEditor {
  target: SessionTarget;
  live: ConnectorConfig;
  secrets: SecretsRoundtrip;
  text: string;
  title: string;
}

export function EditorView({
  start,
  width,
  height,
}: {
  start: EditorStart;
  width: number;
  height: number;
}): ReactNode {
  const theme = useTheme();
  const { client } = useServices();
  const [loaded, setLoaded] = useState<LoadedEditor | string | undefined>();
  useEffect(() => {
    let cancelled = false;
    load(start)
      .then((l) => !cancelled && setLoaded(l))
      .catch((e: unknown) => !cancelled && setLoaded(describeError(e)));
    return () => {
      cancelled = true;
    };

    async function load(s: EditorStart): Promise<LoadedEditor> {
      if (s.kind === 'template') {
        const secrets = secretsRoundtrip({});
        return {
          target: { kind: 'create' },
          live: {},
          secrets,
          text: renderConfig(s.config),
          title: 'New connector',
        };
      }
      const original = await client.connectorConfig(s.kind === 'edit' ? s.name : s.from);
      const source = s.kind === 'edit' ? original : cloneConfig(original, s.name);
      const cls = source['connector.class'];
      // Without the definitions a PASSWORD key with a harmless name would show in clear; a cluster
      // that cannot give them still gets the name-based masking.
      const passwordKeys = cls
        ? passwordKeysOf(await pluginDefinitions(client, cls).catch(() => []))
        : new Set<string>();
      const secrets = secretsRoundtrip(source, { passwordKeys });
      return s.kind === 'edit'
        ? {
            target: { kind: 'update', name: s.name },
            live: original,
            secrets,
            text: renderConfig(secrets.shown),
            title: `Edit ${s.name}`,
          }
        : {
            target: { kind: 'create' },
            live: {},
            secrets,
            text: renderConfig(secrets.shown),
            title: `Clone ${s.from} as ${s.name}`,
          };
    }
  }, [client, start]);

  if (loaded === undefined) return <Text color={theme.muted}>Loading the config…</Text>;
  if (typeof loaded === 'string')
    return <Text color={theme.error}>{`Cannot open the editor: ${loaded}`}</Text>;
  return (
    <EditorSession
      loaded={loaded}
      width={width}
      height={height}
      external={start.kind === 'edit' && start.external === true}
    />
  );
}
