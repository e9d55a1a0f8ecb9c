// The one table that binds keys to commands (docs/product.md §3). The dispatcher, the footer
// hints and the help view all read it, so what `?` shows is what the keys do.
import type { Feature } from '../connect/version.js';

export type ViewId =
  | 'connectors'
  | 'connector'
  | 'trace'
  | 'config'
  | 'cluster'
  | 'plugins'
  | 'plugin'
  | 'topics'
  | 'topicMap'
  | 'workers'
  | 'worker'
  | 'loggers'
  | 'offsets'
  | 'editor'
  | 'help';

export type Command =
  | 'help'
  | 'commandLine'
  | 'filter'
  | 'back'
  | 'quit'
  | 'open'
  | 'refresh'
  | 'problems'
  | 'sort'
  | 'mark'
  | 'markAll'
  | 'pause'
  | 'resume'
  | 'restart'
  | 'restartFailed'
  | 'stop'
  | 'delete'
  | 'config'
  | 'topics'
  | 'resetTopics'
  | 'offsets'
  | 'undo'
  | 'edit'
  | 'editExternal'
  | 'newConnector'
  | 'clone'
  | 'alterOffsets'
  | 'resetOffsets'
  | 'copy'
  | 'up'
  | 'down'
  | 'top'
  | 'bottom'
  | 'pageUp'
  | 'pageDown'
  | 'search'
  | 'nextMatch'
  | 'prevMatch'
  | 'wrap';

export interface Binding {
  command: Command;
  keys: string[];
  /** Where the binding applies; 'all' = every view. */
  views: ViewId[] | 'all';
  description: string;
  /** Shown in the footer of these views. */
  footer?: ViewId[];
  /** Changes the cluster: disabled in read-only mode. */
  mutating?: boolean;
  /** Needs this capability of the cluster's version. */
  feature?: Feature;
}

const LISTS: ViewId[] = [
  'connectors',
  'connector',
  'plugins',
  'topics',
  'topicMap',
  'cluster',
  'help',
  'trace',
  'plugin',
  'config',
  'workers',
  'worker',
  'loggers',
  'offsets',
];

export const KEYMAP: Binding[] = [
  {
    command: 'help',
    keys: ['?'],
    views: 'all',
    description: 'help for this view',
    footer: ['connectors', 'connector', 'trace'],
  },
  {
    command: 'commandLine',
    keys: [':'],
    views: 'all',
    description: 'command line: connectors, cluster, workers, plugins, topics, loggers, quit',
    footer: ['connectors'],
  },
  {
    command: 'filter',
    keys: ['/'],
    views: ['connectors', 'plugins', 'topicMap', 'loggers'],
    description: 'fuzzy filter as you type; Enter keeps it, Esc clears it',
    footer: ['connectors'],
  },
  { command: 'search', keys: ['/'], views: ['trace'], description: 'search the trace', footer: ['trace'] },
  { command: 'nextMatch', keys: ['n'], views: ['trace'], description: 'next match' },
  { command: 'prevMatch', keys: ['N'], views: ['trace'], description: 'previous match' },
  {
    command: 'wrap',
    keys: ['w'],
    views: ['trace'],
    description: 'wrap long lines on/off',
    footer: ['trace'],
  },
  {
    command: 'back',
    keys: ['escape'],
    views: 'all',
    description: 'close dialog → clear filter → clear marks → back',
  },
  {
    command: 'quit',
    keys: ['q'],
    views: 'all',
    description: 'back; quits from the home view (Ctrl-C always quits)',
    footer: ['connectors'],
  },
  {
    command: 'open',
    keys: ['enter'],
    views: ['connectors', 'connector', 'plugins', 'topicMap', 'workers', 'worker', 'loggers'],
    description: 'open the row (loggers: change the level)',
    footer: ['connectors'],
  },
  { command: 'refresh', keys: ['ctrl+r'], views: 'all', description: 'refresh now' },
  {
    command: 'problems',
    keys: ['z'],
    views: ['connectors'],
    description: 'problems only (not RUNNING, or a failed task)',
    footer: ['connectors'],
  },
  {
    command: 'sort',
    keys: ['s'],
    views: ['connectors'],
    description: 'sort by name → state → type → failed tasks',
  },
  { command: 'mark', keys: ['space'], views: ['connectors'], description: 'mark / unmark the row' },
  {
    command: 'markAll',
    keys: ['a'],
    views: ['connectors'],
    description: 'mark all rows shown; again to unmark',
  },
  {
    command: 'pause',
    keys: ['p'],
    views: ['connectors', 'connector'],
    description: 'pause (marked, else current)',
    footer: ['connectors', 'connector'],
    mutating: true,
  },
  {
    command: 'resume',
    keys: ['r'],
    views: ['connectors', 'connector', 'offsets'],
    description: 'resume (marked, else current)',
    footer: ['connectors', 'connector', 'offsets'],
    mutating: true,
  },
  {
    command: 'restart',
    keys: ['R'],
    views: ['connectors', 'connector', 'trace'],
    description: 'restart: connector only / with all tasks / failed tasks only; on a task, that task',
    footer: ['connectors', 'connector', 'trace'],
    mutating: true,
  },
  {
    command: 'restartFailed',
    keys: ['F'],
    views: ['connectors'],
    description: 'restart everything that failed, cluster-wide, after a preview',
    mutating: true,
  },
  {
    command: 'stop',
    keys: ['S'],
    views: ['connectors', 'connector'],
    description: 'stop (confirm)',
    mutating: true,
    feature: 'stop',
  },
  {
    command: 'delete',
    keys: ['ctrl+d'],
    views: ['connectors', 'connector'],
    description: 'delete (marked, else current), confirm',
    footer: ['connectors'],
    mutating: true,
  },
  {
    command: 'config',
    keys: ['c'],
    views: ['connector'],
    description: 'view the config (secrets masked)',
    footer: ['connector'],
  },
  {
    command: 'topics',
    keys: ['t'],
    views: ['connector'],
    description: "the connector's active topics",
    footer: ['connector'],
    feature: 'topics',
  },
  {
    command: 'resetTopics',
    keys: ['T'],
    views: ['topics'],
    description: "reset the connector's active topics, confirm",
    footer: ['topics'],
    mutating: true,
    feature: 'topics-reset',
  },
  {
    command: 'undo',
    keys: ['u'],
    views: ['connectors'],
    description: 'undo the last delete: re-create the saved configs, confirm',
    mutating: true,
  },
  {
    command: 'edit',
    keys: ['e'],
    views: ['connector', 'config'],
    description: 'edit the config inline: Ctrl-S validates, shows the diff, applies',
    footer: ['connector', 'config'],
    mutating: true,
  },
  {
    command: 'editExternal',
    keys: ['E'],
    views: ['connector'],
    description: 'edit the config in $VISUAL / $EDITOR, then validate → diff → apply',
    mutating: true,
  },
  {
    command: 'newConnector',
    keys: ['n'],
    views: ['connectors', 'plugins'],
    description: "new connector from a plugin's config definition",
    mutating: true,
  },
  {
    command: 'clone',
    keys: ['C'],
    views: ['connectors', 'connector'],
    description: 'clone the current connector under a new name',
    mutating: true,
  },
  {
    command: 'offsets',
    keys: ['o'],
    views: ['connector'],
    description: "the connector's offsets: view, alter, reset (stop → change → resume)",
    footer: ['connector'],
    feature: 'offsets',
  },
  {
    command: 'alterOffsets',
    keys: ['e'],
    views: ['offsets'],
    description: 'alter the offsets in a JSON editor (stops the connector first, confirm)',
    footer: ['offsets'],
    mutating: true,
    feature: 'offsets-alter',
  },
  {
    command: 'resetOffsets',
    keys: ['ctrl+d'],
    views: ['offsets'],
    description: 'reset (delete) all offsets (stops the connector first, confirm)',
    footer: ['offsets'],
    mutating: true,
    feature: 'offsets-reset',
  },
  {
    command: 'copy',
    keys: ['y'],
    views: 'all',
    description: 'copy what is in focus (name, config masked, trace, offsets)',
    footer: ['trace', 'offsets'],
  },
  { command: 'up', keys: ['up', 'k'], views: LISTS, description: 'move up' },
  { command: 'down', keys: ['down', 'j'], views: LISTS, description: 'move down' },
  { command: 'top', keys: ['g', 'home'], views: LISTS, description: 'first row' },
  { command: 'bottom', keys: ['G', 'end'], views: LISTS, description: 'last row' },
  { command: 'pageUp', keys: ['pageup'], views: LISTS, description: 'page up' },
  { command: 'pageDown', keys: ['pagedown'], views: LISTS, description: 'page down' },
];

export function bindingsFor(view: ViewId): Binding[] {
  return KEYMAP.filter((b) => b.views === 'all' || b.views.includes(view));
}

export function commandFor(view: ViewId, keyName: string): Binding | undefined {
  return bindingsFor(view).find((b) => b.keys.includes(keyName));
}
