// `n` (new connector: pick a plugin, name it, edit its template) and `C` (clone: name the copy, edit
// it), both ending in the editor, which validates and creates.
import { useCallback } from 'react';
import { describeError } from '../../connect/errors.js';
import type { PluginInfo } from '../../connect/types.js';
import { pluginDefinitions } from '../../domain/editor/plugin-definitions.js';
import { connectorTemplate } from '../../domain/editor/template.js';
import { useActions } from '../actions-context.js';
import { useUiDispatch } from '../app-state.js';
import { useServices } from '../services.js';

export interface CreateFlows {
  /** Without a plugin, asks which one first. */
  newConnector(plugin?: PluginInfo): void;
  clone(from: string): void;
}

export function useCreateFlows(): CreateFlows {
  const actions = useActions();
  const dispatch = useUiDispatch();
  const { client, poller } = useServices();

  const checkName = useCallback(
    (name: string): string | undefined => {
      if (name.trim() === '') return 'a connector needs a name';
      if (name !== name.trim()) return 'no leading or trailing spaces (Connect would keep them)';
      if (poller.state.snapshot?.byName.has(name)) return `"${name}" already exists on this cluster`;
      return undefined;
    },
    [poller],
  );

  const nameThen = useCallback(
    (title: string, initial: string, then: (name: string) => void) =>
      actions.openDialog({ kind: 'prompt', title, lines: [], initial, check: checkName, onSubmit: then }),
    [actions, checkName],
  );

  const fromPlugin = useCallback(
    (plugin: PluginInfo) =>
      nameThen(`Name for the new ${plugin.class.split('.').at(-1)} connector`, '', (name) => {
        dispatch({
          type: 'notice',
          notice: { tone: 'info', text: `reading the config definition of ${plugin.class}…` },
        });
        void pluginDefinitions(client, plugin.class)
          .then((defs) => {
            dispatch({ type: 'notice', notice: undefined });
            const config = connectorTemplate(
              { class: plugin.class, type: plugin.type === 'sink' ? 'sink' : 'source' },
              defs,
              { name },
            );
            dispatch({ type: 'push', route: { view: 'editor', start: { kind: 'template', config } } });
          })
          .catch((e: unknown) =>
            dispatch({
              type: 'notice',
              notice: { tone: 'error', text: `cannot read ${plugin.class}: ${describeError(e)}` },
            }),
          );
      }),
    [client, dispatch, nameThen],
  );

  const newConnector = useCallback(
    (plugin?: PluginInfo) => {
      if (!actions.allowed('creating a connector')) return;
      if (plugin) {
        fromPlugin(plugin);
        return;
      }
      void client
        .plugins()
        .then((plugins) => {
          const choices = plugins.filter((p) => p.type === 'source' || p.type === 'sink');
          actions.openDialog({
            kind: 'choice',
            title: 'New connector: which plugin?',
            lines: [],
            options: choices.map((p) => ({
              value: p.class,
              label: `${p.type.padEnd(6)} ${p.class} ${p.version ?? ''}`,
            })),
            onChoose: (cls) => fromPlugin(choices.find((p) => p.class === cls)!),
          });
        })
        .catch((e: unknown) =>
          dispatch({
            type: 'notice',
            notice: { tone: 'error', text: `cannot list plugins: ${describeError(e)}` },
          }),
        );
    },
    [actions, client, dispatch, fromPlugin],
  );

  const clone = useCallback(
    (from: string) => {
      if (!actions.allowed('cloning a connector')) return;
      nameThen(`Clone "${from}" as`, `${from}-copy`, (name) =>
        dispatch({ type: 'push', route: { view: 'editor', start: { kind: 'clone', from, name } } }),
      );
    },
    [actions, dispatch, nameThen],
  );

  return { newConnector, clone };
}
