import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AppError } from '../../src-shared/errors';
import { isDebianLike } from './os-release';

/** Where a Chromium may be: DAFTAR_CHROMIUM first, then Debian's and Ubuntu's, then Chrome. */
export const chromiumCandidates = (env: NodeJS.ProcessEnv = process.env): string[] =>
  [env.DAFTAR_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
    (p): p is string => !!p,
  );

/** The first Chromium here that starts (answers `--version`): an installed file whose program is gone does not count. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const path of chromiumCandidates(env)) {
    if (!existsSync(path)) continue;
    if (spawnSync(path, ['--version'], { stdio: 'ignore', timeout: 15_000 }).status === 0) return path;
  }
  return null;
}

/** The command that installs Chromium on this system, where we know it (Debian and Ubuntu). */
export const chromiumInstallCommand = (): string | null => (isDebianLike() ? 'sudo apt-get install chromium' : null);

/** Chromium's path, or the error a user sees when PDFs cannot be made here. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if (found) return found;
  throw AppError.because(
    'printer_unavailable',
    'Chromium was not found, so PDFs cannot be made: install Chromium or set DAFTAR_CHROMIUM',
    { install: chromiumInstallCommand() },
  );
}
