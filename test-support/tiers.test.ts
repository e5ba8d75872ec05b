import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { refuseServersInUnitTier, testFilesByTier, tierOf } from './tiers';

// The words and names the rule looks for are put together here, so that this file itself stays in the unit tier.
const SAYS = 'test tier:';
const root = join(import.meta.dirname, '..');
let folder = '';
afterEach(() => {
  vi.unstubAllEnvs();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** A test file of the given source, in a fresh folder. */
function fileOf(source: string) {
  folder = mkdtempSync(join(tmpdir(), 'daftar-tiers-'));
  const path = join(folder, 'some.test.ts');
  writeFileSync(path, source);
  return path;
}

it('puts a file in the integration tier by what it starts, and in the unit tier otherwise', () => {
  expect(tierOf(join(root, 'src-shared/money/money.test.ts'))).toBe('unit');
  expect(tierOf(join(root, 'src-main/parties/parties.test.ts'))).toBe('unit'); // a core on SQLite
  expect(tierOf(join(root, 'src-main/mail/limits.test.ts'))).toBe('integration'); // SMTP, licensing, Chromium
  expect(tierOf(join(root, 'src-main/mail/imap/sent-folder.test.ts'))).toBe('integration'); // through a helper
  expect(tierOf(fileOf(`const url = process.env.DATA${'BASE_URL'};`))).toBe('integration');
  expect(tierOf(fileOf(`import { test } from '../test-support/${'server-test'}';`))).toBe('integration');
});

it('takes a file’s own word for the integration tier only with a reason', () => {
  expect(tierOf(join(root, 'src-main/users/users.test.ts'))).toBe('integration');
  expect(tierOf(fileOf(`// ${SAYS} integration (a big book)`))).toBe('integration');
  expect(tierOf(fileOf(`// ${SAYS} integration`))).toBe('unit');
});

it('splits the ordinary run’s test files between the tiers, each once', () => {
  const { unit, integration } = testFilesByTier(root);
  expect(unit).toContain('src-shared/money/money.test.ts');
  expect(integration).toContain('src-licensing/limits.test.ts');
  expect(unit.filter((f) => integration.includes(f))).toEqual([]);
  expect(unit).toContain('test-support/tiers.test.ts');
});

it('refuses to start a server in the unit tier, naming the tier rule', () => {
  vi.stubEnv('DAFTAR_TEST_TIER', 'unit');
  expect(() => refuseServersInUnitTier('PostgreSQL')).toThrow(/PostgreSQL is a server.*integration tier/);
  vi.stubEnv('DAFTAR_TEST_TIER', '');
  expect(() => refuseServersInUnitTier('PostgreSQL')).not.toThrow();
});
