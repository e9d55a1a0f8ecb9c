// `:plugins` — class, type, version; Enter shows the config definition with its docs.
import { Box, Text } from 'ink';
import { type ReactNode, useEffect, useState } from 'react';
import { describeError } from '../../connect/errors.js';
import type { ConfigKeyInfo, PluginInfo } from '../../connect/types.js';
import { useUiDispatch } from '../app-state.js';
import { ListWindow } from '../components/ListWindow.js';
import { TextPager } from '../components/TextPager.js';
import { useKeys } from '../input-stack.js';
import { commandFor } from '../keymap.js';
import { moveCursor } from '../list-cursor.js';
import { useServices } from '../services.js';
import { fitCells } from '../../domain/text-fit.js';
import { useTheme } from '../theme-context.js';
import { useCreateFlows } from '../editor/use-create-flows.js';

export function PluginsView({ height, width }: { height: number; width: number }): ReactNode {
  const theme = useTheme();
  const dispatch = useUiDispatch();
  const { client } = useServices();
  const [plugins, setPlugins] = useState<PluginInfo[] | string | undefined>();
  const [cursor, setCursor] = useState(0);
  const create = useCreateFlows();
  useEffect(() => {
    client
      .plugins()
      .then(setPlugins)
      .catch((e: unknown) => setPlugins(describeError(e)));
  }, [client]);
  const list = Array.isArray(plugins) ? plugins : [];
  useKeys((key) => {
    const binding = commandFor('plugins', key.name);
    if (!binding) return false;
    const moved = moveCursor(binding.command, cursor, list.length, height - 2);
    if (moved !== undefined) {
      setCursor(moved);
      return true;
    }
    if (binding.command === 'newConnector' && list[cursor]) {
      create.newConnector(list[cursor]!);
      return true;
    }
    if (binding.command === 'open' && list[cursor]) {
      dispatch({ type: 'push', route: { view: 'plugin', className: list[cursor]!.class } });
      return true;
    }
    return false;
  });
  if (!Array.isArray(plugins))
    return <Text color={plugins ? theme.error : theme.muted}>{plugins ?? 'Loading plugins…'}</Text>;
  const classW = Math.max(20, width - 24);
  return (
    <Box flexDirection="column">
      <Text
        color={theme.muted}
        wrap="truncate-end"
      >{`${fitCells('CLASS', classW)} ${fitCells('TYPE', 8)} VERSION`}</Text>
      <ListWindow
        count={list.length}
        cursor={cursor}
        height={height - 1}
        renderRow={(i, selected) => (
          <Text
            inverse={selected}
            wrap="truncate-end"
          >{`${fitCells(list[i]!.class, classW)} ${fitCells(list[i]!.type, 8)} ${list[i]!.version ?? ''}`}</Text>
        )}
      />
    </Box>
  );
}

export function pluginDefinitionLines(keys: ConfigKeyInfo[]): string[] {
  const lines: string[] = [];
  for (const k of keys) {
    const flags = [
      k.type,
      k.required
        ? 'required'
        : `default ${k.default_value === null ? 'null' : JSON.stringify(k.default_value)}`,
      k.importance.toLowerCase(),
    ];
    lines.push(`${k.name}  (${flags.join(', ')})${k.group ? `  [${k.group}]` : ''}`);
    if (k.documentation) lines.push(`    ${k.documentation}`);
  }
  return lines;
}

export function PluginView({ className, height }: { className: string; height: number }): ReactNode {
  const { client } = useServices();
  const [lines, setLines] = useState<string[]>(['Loading the config definition…']);
  useEffect(() => {
    const caps = client.knownCapabilities;
    if (caps && !caps.supports('plugin-config')) {
      setLines([caps.reason('plugin-config') ?? 'The config definition is not available on this cluster.']);
      return;
    }
    client
      .pluginConfig(className)
      .then((keys) =>
        setLines(
          keys.length === 0
            ? ['This plugin declares no configuration.']
            : [`${className}`, '', ...pluginDefinitionLines(keys)],
        ),
      )
      .catch((e: unknown) => setLines([describeError(e)]));
  }, [client, className]);
  return <TextPager view="plugin" lines={lines} height={height} />;
}
