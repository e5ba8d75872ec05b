import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** Whether an error means the disk (or the book's filesystem) has no room left. */
export function isDiskFull(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.code === 'ENOSPC' || e.code === 'EDQUOT' || e.code === 'SQLITE_FULL') return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Write a file whole or not at all: into a temporary name beside it, then renamed over. A
 * full disk or a crash part-way leaves no half file under the real name, nor a stray one.
 */
export function writeFileWhole(path: string, data: string | Uint8Array): void {
  const partial = `${path}.partial`;
  try {
    writeFileSync(partial, data);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
