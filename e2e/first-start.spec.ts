import { test, expect } from '@playwright/test';
import { screenshot } from './support/fixtures';
import { startHost } from './support/host';

test('a desktop’s first start asks where the book is: here is kept and not asked again; the office opens Where the book is', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  let host = await startHost([], { firstStart: true });
  const folder = host.dataFolder;
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'أين يكون دفترك؟' })).toBeVisible();
    // The first choice has the keyboard: Enter takes it.
    await expect(page.getByRole('button', { name: 'ابدأ دفترًا جديدًا هنا' })).toBeFocused();
    await screenshot(page, info, 'first-start');

    // The office: Where the book is…, to join it (asked again at the next start until it is joined).
    await page.getByRole('button', { name: 'انضم إلى دفتر المكتب…' }).click();
    await expect(page.getByRole('heading', { name: 'مكان الدفتر' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'أين يكون دفترك؟' })).toBeVisible();

    // This computer: kept, and the app opens.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('contentinfo')).toContainText('daftar.sqlite');
    // Started again on the same data folder (kill keeps it; stop would remove it).
    await host.kill();
    host = await startHost([], { dataFolder: folder });
    await page.goto(host.url);
    await expect(page.getByRole('contentinfo')).toContainText('daftar.sqlite');
    await expect(page.getByRole('heading', { name: 'أين يكون دفترك؟' })).toHaveCount(0);
  } finally {
    await host.stop();
  }
});
