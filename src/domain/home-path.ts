// Paths shown on a screen: under the home directory they read `~/…`, as a shell user would type
// them, so the state directory in a confirm dialog still fits an 80-column terminal.
import { homedir } from 'node:os';
import { sep } from 'node:path';

export function tildePath(path: string, home: string = homedir()): string {
  const root = home.replace(/[\\/]+$/, '');
  if (root === '') return path;
  if (path === root) return '~';
  return path.startsWith(root + sep) ? `~${path.slice(root.length)}` : path;
}
