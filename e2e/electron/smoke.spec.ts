import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Runs only where the Electron binary was downloaded; elsewhere it is skipped with the reason.
const require = createRequire(import.meta.url);
function electronBinary(): string | null {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
const binary = electronBinary();
if (!binary)
  console.log(
    '[electron smoke] skipped: the Electron binary is not installed on this machine (it downloads from GitHub, which is not reachable here).',
  );

test('the Electron window opens on the book, right to left, with the status bar', async () => {
  test.skip(!binary, 'Electron binary not installed here');
  const userData = mkdtempSync(join(tmpdir(), 'daftar-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: ['.', `--user-data-dir=${userData}`] });
  const window = await app.firstWindow();
  await expect(window.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(window.getByRole('contentinfo')).toContainText('daftar.sqlite');
  // The bridge exists and Node does not.
  expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  await app.close();
});
