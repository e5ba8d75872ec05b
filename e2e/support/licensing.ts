import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningLicensing {
  url: string;
  publicKeyFile: string;
  stop(): Promise<void>;
}

/** The real licensing server (`npm run licensing`) as its own process, on SQLite in a fresh folder. */
export async function startLicensingProcess(): Promise<RunningLicensing> {
  const dataFolder = mkdtempSync(join(tmpdir(), 'daftar-licensing-'));
  const env = { ...process.env };
  delete env.DATABASE_URL; // its own SQLite file, whatever the test machine has
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-licensing/main.ts', '--port', '0', '--data', dataFolder, '--sandbox'],
    { stdio: ['ignore', 'pipe', 'inherit'], env },
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /licensing server on (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`licensing server exited (${code})`)));
  });
  return {
    url,
    publicKeyFile: join(dataFolder, 'public-key.pem'),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataFolder, { recursive: true, force: true });
    },
  };
}
