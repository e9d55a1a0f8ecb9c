// `Ctrl-E` / `E`: the text goes to $VISUAL / $EDITOR (else vi) in a private temp file while Ink
// hands the terminal over; an editor that fails or leaves the file as it was changes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ExternalEdit =
  | { kind: 'changed'; text: string }
  | { kind: 'unchanged' }
  | { kind: 'failed'; message: string };

export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VISUAL || env.EDITOR || 'vi';
}

/** Runs the editor synchronously on `text`; call it while the terminal is suspended. */
export function editExternally(
  text: string,
  fileName: string,
  env: NodeJS.ProcessEnv = process.env,
): ExternalEdit {
  const dir = mkdtempSync(join(tmpdir(), 'kcx-edit-'));
  const file = join(dir, fileName.replace(/[^\w.-]+/g, '_') || 'config.json');
  try {
    writeFileSync(file, text, { mode: 0o600 });
    const command = editorCommand(env);
    // Through the shell, as git does: EDITOR may carry arguments ("code --wait").
    const result = spawnSync(`${command} "$KCX_EDIT_FILE"`, {
      shell: true,
      stdio: 'inherit',
      env: { ...env, KCX_EDIT_FILE: file },
    });
    if (result.error) return { kind: 'failed', message: `${command}: ${result.error.message}` };
    if (result.status !== 0)
      return {
        kind: 'failed',
        message: `${command} exited with ${result.status ?? result.signal}; nothing changed`,
      };
    const edited = readFileSync(file, 'utf8');
    return edited === text ? { kind: 'unchanged' } : { kind: 'changed', text: edited };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
