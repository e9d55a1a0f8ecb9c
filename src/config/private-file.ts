// Files that may hold secrets (the contexts file, exported connector configs) are written atomically
// (temp file + rename, so a crash never leaves half a file) and readable by their owner only.
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Atomic write with mode 0600 (the directory is created 0700). */
export function writePrivateFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, { mode: 0o600 });
    // The mode given to writeFileSync is filtered by the umask and ignored for an existing file.
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
