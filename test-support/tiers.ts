import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

// test tier: unit (this module names the server starters only to recognise them)

/**
 * The two test tiers, decided by what a test file uses, never by a hand list:
 *
 * - `integration`: the file names something that starts a server (PostgreSQL, Postfix/Dovecot,
 *   dnsmasq, the Chromium printer, a licensing, SMTP or IMAP server), or the run's DATABASE_URL.
 * - `unit`: everything else; `npm run test:quick` runs only these, without the global set-up.
 *
 * - `integration` too: a file that says so in a comment, `test tier: integration (why)`, for tests
 *   that need no server but take many seconds by design (a real password hash), and files that
 *   build a big outbox (`liveOutbox`).
 * The imports are followed into test-support/ (a helper that starts a server makes its users integration),
 * unless the helper says `test tier: unit (why)`: it starts its server only outside the unit tier.
 *
 * The rule is checked at run time too: in the unit tier the server helpers refuse to start
 * (`refuseServersInUnitTier`), so a unit file that reaches a server through another module fails loudly.
 */
export const SERVER_STARTERS: RegExp[] = [
  /test-support\/server-test['"]/, // the fixtures below, as `test`'s context
  /\bfreshPostgres\b/,
  /\bstartPrivatePostgres\b/,
  /\bstartTestLicensing\b/,
  /\bstartSmtpTestServer\b/,
  /\bstartMailServers\b/,
  /\bstartDnsTestServer\b/,
  /\bimapCatcher\b/,
  /\bChromiumPrinter\b/,
  /src-licensing\/main\.ts/,
  /\bDATABASE_URL\b/,
  /\bliveOutbox\(/, // no server, but a book of thousands of messages: seconds a file
];

export type Tier = 'unit' | 'integration';

const SAYS_INTEGRATION = /test tier: integration \(\S[^)]*\)/;
const SAYS_UNIT = /test tier: unit \(\S[^)]*\)/;
const DEFINES_STARTER =
  /export async function (freshPostgres|startPrivatePostgres|start\w+(Server|Servers|Licensing)|imapCatcher)\b/;
const RELATIVE_IMPORT = /from '(\.[^']+)'|import\('(\.[^']+)'\)/g;

/** The tier of the file at `path`: by its own words and imports, and those of the test-support modules it imports. */
export function tierOf(path: string, seen = new Set<string>()): Tier {
  if (seen.has(path)) return 'unit';
  seen.add(path);
  const source = readFileSync(path, 'utf8');
  // A module that defines a starter counts where its starter is named, not where only its other exports are.
  if (seen.size > 1 && DEFINES_STARTER.test(source)) return 'unit';
  if (SAYS_UNIT.test(source)) return 'unit';
  if (SAYS_INTEGRATION.test(source) || SERVER_STARTERS.some((pattern) => pattern.test(source))) return 'integration';
  const helpers = [...source.matchAll(RELATIVE_IMPORT)]
    .map((m) => resolveTs(join(dirname(path), m[1] ?? m[2] ?? '')))
    .filter((helper): helper is string => helper !== null && helper.includes(`${sep}test-support${sep}`));
  return helpers.some((helper) => tierOf(helper, seen) === 'integration') ? 'integration' : 'unit';
}

const resolveTs = (base: string) => [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(existsSync) ?? null;

const TEST_FILE = /\.test\.tsx?$/;
const SKIPPED = new Set(['node_modules', 'dist', 'release', '.git', 'e2e']);

function testFilesUnder(root: string, folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : testFilesUnder(root, path);
    return TEST_FILE.test(entry.name) ? [path] : [];
  });
}

/** The test files of the ordinary run (src-*, scripts, test-support), by tier, relative to `root`. */
export function testFilesByTier(root: string): Record<Tier, string[]> {
  const folders = readdirSync(root).filter(
    (name) => /^src-/.test(name) || name === 'scripts' || name === 'test-support',
  );
  const files = folders.flatMap((folder) => testFilesUnder(root, folder)).map((f) => relative(root, join(root, f)));
  const byTier: Record<Tier, string[]> = { unit: [], integration: [] };
  for (const file of files.sort()) byTier[tierOf(join(root, file))].push(file);
  return byTier;
}

/** In the unit tier a server helper refuses to start: the test that asked belongs to the integration tier. */
export function refuseServersInUnitTier(server: string) {
  if (process.env.DAFTAR_TEST_TIER === 'unit')
    throw new Error(
      `${server} is a server, and this test runs in the unit tier: import it (or its fixture from ` +
        `test-support/server-test) directly in the test file, so that test-support/tiers.ts puts the file in the integration tier`,
    );
}
