// The connector's config as JSON, secrets masked; `y` copies it (masked).
import type { ReactNode } from 'react';
import { maskConfig } from '../../domain/masking.js';
import { useActions } from '../actions-context.js';
import { useUiDispatch } from '../app-state.js';
import { TextPager } from '../components/TextPager.js';
import { useTheme } from '../theme-context.js';
import { useConnectorConfig } from '../use-connector-config.js';
import { useCopy } from '../use-copy.js';

export function ConfigView({ name, height }: { name: string; height: number }): ReactNode {
  const theme = useTheme();
  const copyText = useCopy();
  const actions = useActions();
  const dispatch = useUiDispatch();
  const { config, error } = useConnectorConfig(name);
  const masked = config ? maskConfig(config) : undefined;
  const sorted = masked
    ? Object.fromEntries(Object.entries(masked).sort(([a], [b]) => a.localeCompare(b)))
    : undefined;
  const text = sorted
    ? JSON.stringify(sorted, null, 2)
    : error
      ? `Could not read the config of "${name}": ${error}`
      : `Reading the config of "${name}"…`;
  return (
    <TextPager
      view="config"
      lines={text.split('\n')}
      height={height}
      lineColour={(line) => (line.includes('••••') ? theme.warn : undefined)}
      onKey={(key) => {
        if (key === 'e') {
          if (actions.allowed('editing the config'))
            dispatch({ type: 'push', route: { view: 'editor', start: { kind: 'edit', name } } });
          return true;
        }
        if (key !== 'y' || !sorted) return false;
        copyText(text, 'the config, secrets masked');
        return true;
      }}
    />
  );
}
