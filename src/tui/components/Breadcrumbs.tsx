import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Route } from '../app-state.js';
import { useTheme } from '../theme-context.js';

export function crumb(route: Route): string {
  switch (route.view) {
    case 'connectors':
      return 'connectors';
    case 'connector':
      return route.name;
    case 'trace':
      return route.task === null ? 'connector trace' : `task ${route.task}`;
    case 'topics':
      return 'topics';
    case 'topicMap':
      return 'topics (cluster)';
    case 'plugin':
      return route.className.split('.').at(-1) ?? route.className;
    case 'worker':
      return route.id;
    case 'offsets':
      return 'offsets';
    case 'editor':
      return route.start.kind === 'edit'
        ? 'edit'
        : route.start.kind === 'clone'
          ? `clone as ${route.start.name}`
          : 'new';
    case 'help':
      return 'help';
    default:
      return route.view;
  }
}

export function Breadcrumbs({ context, stack }: { context: string; stack: Route[] }): ReactNode {
  const theme = useTheme();
  return (
    <Text color={theme.accent} wrap="truncate-start">
      {[context, ...stack.map(crumb)].join(' › ')}
    </Text>
  );
}
