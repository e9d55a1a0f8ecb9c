// Writes that survive a crash or power loss right after they return: the data is written to a
// temporary file, synced, renamed into place, and the directory entry synced too. A delete is only
// sent once its backup has gone through here.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Owner-only: backups hold full connector configs, passwords included. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export async function writeFileDurably(file: string, data: string): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const handle = await open(tmp, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDirectory(dir);
}

/** Creates the directory (and parents) owner-only, and makes its entry in the parent durable. */
export async function makeDirDurably(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await syncDirectory(dirname(dir));
}

/**
 * A rename is only durable once the directory itself is synced. Windows cannot open a directory
 * for syncing (EPERM/EISDIR); there NTFS journals the metadata and this step is skipped.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (process.platform === 'win32' && (code === 'EPERM' || code === 'EISDIR')) return;
    throw e;
  } finally {
    await handle?.close();
  }
}
