import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

let built: Promise<string> | null = null;

/**
 * The read worker's script for tests, bundled as the hosts' build bundles it (a worker thread
 * cannot load TypeScript here). Built once per test process.
 */
export function readWorkerForTests(): Promise<string> {
  built ??= (async () => {
    // Inside the project, so that the worker finds better-sqlite3 in node_modules as the hosts' does.
    const cache = join(process.cwd(), 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const folder = mkdtempSync(join(cache, 'daftar-read-worker-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    const outfile = join(folder, 'read-worker.cjs');
    await build({
      entryPoints: ['src-main/reads/read-worker-thread.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3'],
      outfile,
      logLevel: 'warning',
    });
    return outfile;
  })();
  return built;
}
