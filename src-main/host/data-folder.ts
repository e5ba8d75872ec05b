import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the Node host keeps the book: --data, else DAFTAR_DATA, else the per-user
 * application data folder of this OS (the same place Electron's userData would be).
 */
export function resolveDataFolder(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.DAFTAR_DATA) return resolve(env.DAFTAR_DATA);
  const home = homedir();
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Daftar');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Daftar');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'daftar');
  }
}
