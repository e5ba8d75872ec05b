import { api, saveCustomer } from './support/api';
import { expect, screenshot, test } from './support/fixtures';

/** Today as the desktop's calendar has it, day/month/year in Arabic-Indic digits. */
const todayArabic = () => {
  const [y, m, d] = new Date().toLocaleDateString('en-CA').split('-');
  return `${d}/${m}/${y}`.replace(/\d/g, (c) => '٠١٢٣٤٥٦٧٨٩'[Number(c)]!);
};

for (const locale of ['en-US', 'ar'] as const) {
  test.describe(`under a browser in ${locale}`, () => {
    test.use({ locale });

    test('dates show and type day/month/year in the interface’s language, with its calendar', async ({
      app,
      page,
      host,
    }, info) => {
      await saveCustomer(host, 'شركة النور');
      await app.go('فواتير المبيعات');
      await page.getByRole('button', { name: 'جديد', exact: true }).click();
      const date = page.getByRole('textbox', { name: 'التاريخ', exact: true });
      // Day first, Arabic digits: never 12/02/2026 for the 2nd of December, whatever the browser.
      await expect(date).toHaveValue(todayArabic());

      // Typed the short way: the 1st of November of this year.
      await date.fill('1/11');
      await date.blur();
      const year = new Date().getFullYear();
      await expect(date).toHaveValue(`٠١/١١/${String(year).replace(/\d/g, (c) => '٠١٢٣٤٥٦٧٨٩'[Number(c)]!)}`);

      // Not a date: said so under the field.
      await date.fill('31/2');
      await date.blur();
      await expect(page.getByText('ليس تاريخًا: اكتب اليوم/الشهر/السنة، مثل ١/١١/٢٠٢٦.')).toBeVisible();

      // The calendar, in Arabic and right to left: pick the 15th of the shown month.
      await date.fill('١/١١/٢٠٢٦');
      await date.press('Alt+ArrowDown');
      const calendar = page.getByRole('dialog', { name: 'التقويم' });
      await expect(calendar).toBeVisible();
      await expect(calendar.locator('[dir="rtl"]').first()).toBeVisible();
      await expect(calendar).toContainText('نوفمبر');
      await screenshot(page, info, `calendar-${locale}`);
      await calendar.locator('button', { hasText: /^١٥$/ }).click();
      await expect(calendar).toBeHidden();
      await expect(date).toHaveValue('١٥/١١/٢٠٢٦');
      await expect(date).toBeFocused();

      // Saved as that day, and the list shows it the same way.
      await page.getByLabel('الطرف').fill('شركة النور');
      await page.getByLabel('الطرف').press('Tab');
      await page.getByLabel('البيان').first().fill('بند');
      await page.getByLabel('سعر الوحدة').first().fill('10');
      await page.getByRole('button', { name: 'حفظ', exact: true }).click();
      await expect(page.getByText('تم حفظ السند')).toBeVisible();
      const list = await api(host, 'vouchers.list', { type: 'sales_invoice' });
      expect(list.items.map((v) => v.date)).toEqual(['2026-11-15']);
      await expect(page.getByRole('row').filter({ hasText: '١٥/١١/٢٠٢٦' })).toHaveCount(1);
    });
  });
}
