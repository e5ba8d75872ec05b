import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const built = new Map<string, Promise<string>>();

/**
 * A worker thread's script for tests, bundled as the hosts' build bundles it (a worker thread
 * cannot load TypeScript here). Built once per test process.
 */
function workerForTests(entry: string, name: string): Promise<string> {
  let script = built.get(entry);
  if (!script) {
    script = (async () => {
      // Inside the project, so that the worker finds better-sqlite3 in node_modules as the hosts' does.
      const cache = join(process.cwd(), 'node_modules', '.cache');
      mkdirSync(cache, { recursive: true });
      const folder = mkdtempSync(join(cache, `daftar-${name}-`));
      process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
      const outfile = join(folder, `${name}.cjs`);
      await build({
        entryPoints: [entry],
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
    built.set(entry, script);
  }
  return script;
}

/** The read worker's script (the heavy reads of a book on disk). */
export const readWorkerForTests = () => workerForTests('src-main/reads/read-worker-thread.ts', 'read-worker');

/** The mail parser's script (received mail read off the main thread). */
export const mailParserForTests = () => workerForTests('src-main/mail/imap/bounce-parser-thread.ts', 'mail-parser');
