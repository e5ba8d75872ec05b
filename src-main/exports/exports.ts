import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from 'ulid';

/**
 * Files Daftar writes for the user to save (a CSV of a million rows is written here row by row,
 * never held in memory): `<data folder>/exports/<id>/<file name>`. The host hands one to the user
 * (Electron: a save dialog; the Node host: a download from /exports/<id>). Each is removed a day on.
 */
const folder = (dataFolder: string) => join(dataFolder, 'exports');
const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const KEEP_MS = 86_400_000;

/** A new, empty place for a file named `fileName`. */
export function newExport(dataFolder: string, fileName: string): { id: string; path: string } {
  const id = ulid();
  mkdirSync(join(folder(dataFolder), id), { recursive: true });
  return { id, path: join(folder(dataFolder), id, fileName) };
}

/** The file of an export, or null for an id that is malformed, unknown or removed. */
export function findExport(dataFolder: string, id: string): { path: string; fileName: string } | null {
  if (!ID.test(id)) return null;
  const dir = join(folder(dataFolder), id);
  if (!existsSync(dir)) return null;
  const [fileName] = readdirSync(dir);
  return fileName ? { path: join(dir, fileName), fileName } : null;
}

/** Removes exports older than a day (at start: a saved file is the user's copy, not ours). */
export function pruneExports(dataFolder: string, now = Date.now()): void {
  if (!existsSync(folder(dataFolder))) return;
  for (const id of readdirSync(folder(dataFolder))) {
    const dir = join(folder(dataFolder), id);
    if (now - statSync(dir).mtimeMs > KEEP_MS) rmSync(dir, { recursive: true, force: true });
  }
}
