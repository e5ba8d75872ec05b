import type { Page } from '@playwright/test';
import { api, saveCustomer } from './support/api';
import { expect, test } from './support/fixtures';

/** The keyboard, counting: characters typed into fields apart from the keys that move, open and save. */
function countingKeyboard(page: Page) {
  const count = { typed: 0, other: 0, fields: 0 };
  return {
    count,
    async type(text: string) {
      count.typed += text.length;
      count.fields++;
      await page.keyboard.type(text);
    },
    async press(key: string, times = 1) {
      for (let i = 0; i < times; i++) {
        count.other++;
        await page.keyboard.press(key);
      }
    },
  };
}

test('an invoice of three lines, made and saved by keyboard alone, in about as many keys as fields', async ({
  app,
  page,
  host,
}) => {
  await saveCustomer(host, 'شركة النور');
  await app.go('فواتير المبيعات');
  // The screen chosen, the keyboard is on it, not left in the sidebar.
  await expect(page.getByRole('heading', { name: 'فواتير المبيعات' })).toBeFocused();
  const keys = countingKeyboard(page);

  await keys.press('Alt+n');
  const form = page.getByRole('form', { name: 'فاتورة مبيعات جديد' });
  await expect(form.getByLabel(/^الرقم/)).toBeFocused();
  await keys.press('Tab', 2); // the suggested number and today's date stay
  await expect(form.getByRole('combobox', { name: /^الطرف/ })).toBeFocused();
  await keys.type('شركة النور');
  await keys.press('Tab', 3); // currency and language keep their defaults
  await expect(form.getByLabel('البيان 1')).toBeFocused();

  const lines = [
    ['ورق طباعة A4', '10', '25'],
    ['حبر طابعة', '2', '120'],
    ['ملفات', '٣', '٤٫٥'],
  ];
  for (const [i, [description, quantity, price]] of lines.entries()) {
    await keys.type(description!);
    await keys.press('Enter');
    // The quantity's default (1) is selected: typing replaces it.
    await expect(form.getByLabel(`الكمية ${i + 1}`)).toBeFocused();
    await keys.type(quantity!);
    await keys.press('Enter');
    await expect(form.getByLabel(`سعر الوحدة ${i + 1}`)).toBeFocused();
    await keys.type(price!);
    // Enter moves on to the next line (a new one after the last), never saves.
    if (i < lines.length - 1) {
      await keys.press('Enter');
      await expect(form.getByLabel(`البيان ${i + 2}`)).toBeFocused();
    }
  }
  await keys.press('Control+Enter');
  await expect(page.getByText('تم حفظ السند.')).toBeVisible();

  const saved = await api(host, 'vouchers.list', {
    type: 'sales_invoice',
  });
  expect(saved.items).toHaveLength(1);
  expect(saved.items[0]!.totalMinor).toBe(25_000 + 24_000 + 1_350);
  // Keys that are not typed text: no more than one per field and a few more.
  expect(keys.count.fields).toBe(10);
  expect(keys.count.other).toBeLessThanOrEqual(keys.count.fields + 6);
  console.log(
    `keyboard-only invoice: ${keys.count.typed} characters typed into ${keys.count.fields} fields, ${keys.count.other} other keys`,
  );

  // Esc on a changed form asks first; saying no keeps what was typed.
  await page.keyboard.press('Alt+n');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('شركة');
  await page.keyboard.press('Escape');
  // Daftar's own question, answered from the keyboard: Esc says no, and the focus goes back where it was.
  const question = page.getByRole('alertdialog', { name: 'تأكيد' });
  await expect(question).toContainText('هل تريد إغلاق السند وفقدان التعديلات؟');
  await expect(question.getByRole('button', { name: 'تجاهل التعديلات' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  const party = page.getByRole('form', { name: 'فاتورة مبيعات جديد' }).getByRole('combobox', { name: /^الطرف/ });
  await expect(party).toHaveValue('شركة');
  await expect(party).toBeFocused();
});
