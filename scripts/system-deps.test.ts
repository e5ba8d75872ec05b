import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { canHideChromium, HIDING_CHROMIUM_NEEDS, withoutChromium } from '../test-support/without-chromium';

// The script as one file in a folder anyone may read, so that it can also run as an ordinary user.
const folder = mkdtempSync(join(tmpdir(), 'daftar-system-deps-'));
const script = join(folder, 'system-deps.mjs');
const canHide = canHideChromium();
if (!canHide) console.log(`[system-deps test] the tests without Chromium are skipped: ${HIDING_CHROMIUM_NEEDS}`);

beforeAll(async () => {
  await build({
    entryPoints: ['scripts/system-deps.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: script,
  });
  chmodSync(folder, 0o755);
  chmodSync(script, 0o644);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the script; with `withoutChromium`, Chromium's program is hidden from it. */
function run(args: string[], options: { withoutChromium?: boolean; asUser?: string } = {}) {
  const node = [process.execPath, script, ...args];
  const asUser = options.asUser
    ? ['setpriv', '--reuid', options.asUser, '--regid', options.asUser, '--clear-groups']
    : [];
  const command = options.withoutChromium ? withoutChromium([...asUser, ...node]) : [...asUser, ...node];
  const result = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', cwd: folder, timeout: 60_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

it('finds everything the tests need on a machine that has it, and says nothing', () => {
  expect(run(['check', '--for', 'test'])).toEqual({ status: 0, out: '' });
});

it.runIf(canHide)(
  'without Chromium and without root, npm test stops with what is missing and the command that installs it',
  () => {
    const { status, out } = run(['ensure', '--for', 'test'], { withoutChromium: true, asUser: '65534' });
    expect(status).toBe(1);
    expect(out).toContain("Daftar's tests need system parts that are not installed here:");
    expect(out).toMatch(/- Chromium: .*\(Debian package chromium\)/);
    expect(out).toContain('sudo apt-get install -y chromium\n');
    expect(out).toContain('then run npm test again.');
    expect(out).not.toContain('Installing');
    // Only what is missing is named.
    expect(out).not.toContain('PostgreSQL');
  },
);

it.runIf(canHide)('without Chromium, npm start warns and goes on (the app runs, without PDFs)', () => {
  const { status, out } = run(['ensure', '--for', 'start', '--soft'], { withoutChromium: true, asUser: '65534' });
  expect(status).toBe(0);
  expect(out).toContain('Daftar needs system parts that are not installed here:');
  expect(out).toContain('sudo apt-get install -y chromium');
  expect(out).toContain('Daftar starts without them: PDFs cannot be made');
});

it('refuses an unknown mode with its usage', () => {
  expect(run(['install'])).toMatchObject({ status: 2, out: expect.stringContaining('Usage:') });
});
