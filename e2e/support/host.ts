import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { withoutChromium } from '../../test-support/without-chromium';

export interface RunningHost {
  url: string;
  /** What the host printed so far. */
  output(): string;
  origin: string;
  dataFolder: string;
  stop(): Promise<void>;
}

/** Start the built Node host (`dist/host/serve.cjs`) on a fresh data folder; resolves with the URL it prints. */
export async function startHost(
  args: string[] = [],
  options: { dataFolder?: string; withoutChromium?: boolean; firstStart?: boolean } = {},
): Promise<RunningHost & { kill(): Promise<void> }> {
  const dataFolder = options.dataFolder ?? mkdtempSync(join(tmpdir(), 'daftar-e2e-'));
  // A new data folder is past its first start (the book on this computer chosen) unless a test is about it.
  if (!options.dataFolder && !options.firstStart)
    writeFileSync(join(dataFolder, 'book-location.json'), JSON.stringify({ open: 'here', office: null }));
  const host = [process.execPath, 'dist/host/serve.cjs', '--data', dataFolder, ...args];
  const [command, ...commandArgs] = options.withoutChromium ? withoutChromium(host) : host;
  const child: ChildProcess = spawn(command!, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  // The host's own log goes to the test output, so a failure in main is visible next to the test that met it.
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    process.stderr.write(`[host] ${chunk}`);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      stdout += `${line}\n`;
      const match = /Open Daftar at: (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before printing its URL:\n${stderr}`)));
  });
  // A process killed by a signal keeps exitCode null: it has ended all the same.
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    output: () => stdout,
    origin: new URL(url).origin,
    dataFolder,
    /** Pull the plug: SIGKILL, no chance to clean up; the data folder stays. */
    async kill() {
      if (running()) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    },
    async stop() {
      if (running()) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataFolder, { recursive: true, force: true });
    },
  };
}
