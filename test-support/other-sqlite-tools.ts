import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The book file as other SQLite tools see it: Debian's sqlite3 CLI and Python's sqlite3 module,
// both built on the system's SQLite (3.40 on Debian 12), whose parser stack is fixed at 100 entries.

/** Debian's CLI, a system part of the tests (scripts/system-deps/parts.ts): required, never skipped. */
export const SQLITE_CLI = '/usr/bin/sqlite3';

/** What the CLI printed for `sql` on the file, or its error when it refused (so a test shows why). */
export function inSqliteCli(file: string, sql: string, options: { readonly?: boolean } = {}): string {
  if (!existsSync(SQLITE_CLI))
    throw new Error(`${SQLITE_CLI} is missing: npm run system-deps (Debian package sqlite3)`);
  const args = ['-batch', '-bail', ...(options.readonly ? ['-readonly'] : []), file, sql];
  const run = spawnSync(SQLITE_CLI, args, { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : `${run.stderr}${run.stdout}`.trim();
}

/** One statement that counts every table, in a form each tool prints as `name|count` lines. */
export const countEveryTable = (tables: string[]) =>
  tables.map((t) => `select '${t}' || '|' || count(*) from "${t}"`).join(' union all ') + ';';

/** `name|count` lines as a record. */
export const parseCounts = (lines: string): Record<string, number> =>
  Object.fromEntries(
    lines
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, count] = line.split('|');
        return [name!, Number(count)];
      }),
  );

export const hasPython = () => spawnSync('python3', ['--version']).status === 0;

/** Python's sqlite3 module on the file, read-only: its SQLite version, integrity_check (or the error), `sql`'s rows. */
export function inPython(file: string, sql: string): { version: string; check: string; rows: string } {
  const script = `import json, sys, sqlite3
try:
    db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
    check = db.execute('pragma integrity_check').fetchone()[0]
    rows = [row[0] for row in db.execute(sys.argv[2])]
except sqlite3.Error as error:
    check, rows = str(error), []
print(json.dumps({'version': sqlite3.sqlite_version, 'check': check, 'rows': '\\n'.join(rows)}))`;
  const run = spawnSync('python3', ['-c', script, file, sql], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { version: string; check: string; rows: string };
}
