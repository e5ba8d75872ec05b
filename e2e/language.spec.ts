import { expect, screenshot, test } from './support/fixtures';

test('Arabic first, right to left; English switches the direction and stays after a restart of the page', async ({
  app,
  page,
}, info) => {
  expect(await app.direction()).toBe('rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(app.statusBar).toContainText('daftar.sqlite');
  // No licensing server for this host: the app works and says so instead of a balance.
  await expect(page.getByTestId('credits-status')).toHaveText('الرسائل: لا يوجد خادم ترخيص');
  await screenshot(page, info, 'start-arabic');

  await app.go('خصائص البرنامج');
  await page.getByLabel('إظهار خيارات الحفظ عند حفظ سند').check();
  await page.getByLabel('لغة الواجهة').selectOption('en');
  await page.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(app.nav.getByRole('button', { name: 'Customers' })).toBeVisible();

  await page.reload();
  await app.ready();
  expect(await app.direction()).toBe('ltr');
  await app.go('Program properties');
  await expect(page.getByLabel('Show save options when saving a voucher')).toBeChecked();
  await app.go('Customers');
  await screenshot(page, info, 'start-english');
});
