import { test, expect } from '@playwright/test';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { answerConfirm } from './pages/app.page';
import { api, saveCustomer } from './support/api';
import { screenshot } from './support/fixtures';
import { startHost } from './support/host';

test('a damaged book opens on a screen that offers the latest backup, and restoring it brings the book back', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  let host = await startHost();
  const folder = host.dataFolder;
  try {
    await saveCustomer(host, 'شركة الأمل', '', '1');
    // The day's backup is taken at start: start again without today's, so it holds the first card.
    await host.kill();
    rmSync(join(folder, 'backups'), { recursive: true, force: true });
    host = await startHost([], { dataFolder: folder });
    await expect
      .poll(async () => (await api(host, 'book.backups', {})).backups.length, {
        timeout: 30_000,
      })
      .toBe(1);
    await saveCustomer(host, 'بعد النسخة', '', '2');
    await host.kill();
    // The disk fails under the book's first page (and its journal is lost with it).
    rmSync(join(folder, 'daftar.sqlite-wal'), { force: true });
    rmSync(join(folder, 'daftar.sqlite-shm'), { force: true });
    const fd = openSync(join(folder, 'daftar.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    closeSync(fd);

    host = await startHost([], { dataFolder: folder });
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'تعذّر فتح الدفتر' })).toBeVisible();
    const rows = page.getByTestId('backups').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await screenshot(page, info, 'damaged-book');
    await rows.first().getByRole('button', { name: 'استعادة' }).click();
    expect(await answerConfirm(page, true)).toContain('سيزول من الدفتر');
    // The host opens the book again with the backup, and the page starts afresh on it.
    await expect(page.getByRole('contentinfo')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('شركة الأمل')).toBeVisible();
    await expect(page.getByText('بعد النسخة')).toHaveCount(0);
    await expect(page.getByText('استُعيد الدفتر من النسخة الاحتياطية')).toBeVisible();

    // Settings → Restore a backup lists the daily backup and the damaged book kept before the restore.
    await page.getByRole('navigation').getByRole('button', { name: 'خصائص البرنامج' }).click();
    await page.getByRole('button', { name: 'استعادة نسخة احتياطية…' }).click();
    await expect(page.getByTestId('backups').locator('tbody tr')).toHaveCount(2);
    await expect(page.getByText('قبل استعادة')).toBeVisible();
    await screenshot(page, info, 'restore-a-backup');
  } finally {
    await host.stop();
  }
});
