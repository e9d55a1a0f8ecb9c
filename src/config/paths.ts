// Where kcx keeps its files: contexts in the XDG config directory, delete backups and the audit
// log in the XDG state directory. KCX_CONFIG_DIR / KCX_STATE_DIR override both (tests, sandboxes).
import envPaths from 'env-paths';

const xdg = envPaths('kcx', { suffix: '' });

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KCX_CONFIG_DIR || xdg.config;
}

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  // env-paths has no state dir on every platform; XDG_STATE_HOME is the Linux answer.
  if (env.KCX_STATE_DIR) return env.KCX_STATE_DIR;
  if (env.XDG_STATE_HOME) return `${env.XDG_STATE_HOME}/kcx`;
  return process.platform === 'linux' || process.platform === 'freebsd'
    ? `${env.HOME ?? xdg.data}/.local/state/kcx`
    : xdg.data;
}
