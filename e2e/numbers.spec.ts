import { answerConfirm } from './pages/app.page';
import { VouchersPage } from './pages/vouchers.page';
import { api, saveCustomer } from './support/api';
import { expect, screenshot, test } from './support/fixtures';

test('numbers: a quantity of 0, a total past the limit, and a big total that asks first', async ({
  app,
  page,
  host,
}, info) => {
  await saveCustomer(host, 'شركة النور');
  await app.go('فواتير المبيعات');
  const vouchers = new VouchersPage(page);
  await page.getByRole('button', { name: 'جديد' }).click();
  await vouchers.field('الطرف').fill('شركة النور — 1');
  const quantity = vouchers.form.getByRole('textbox', { name: 'الكمية 1', exact: true });

  // 0 is not a quantity, but half a unit is: the message says "more than 0", not "at least 1".
  await vouchers.fillLine(0, { description: 'خدمة', quantity: '0', unitPrice: '10' });
  await quantity.press('Control+Enter');
  await expect(vouchers.form.getByText('يجب أن يكون أكبر من صفر.')).toBeVisible();
  await quantity.fill('٠٫٥');
  await expect(page.getByTestId('voucher-total')).toHaveText('٥٫٠٠');
  // Corrected, the field loses its message at once (checked again as it changes), and so does the form.
  await expect(vouchers.form.getByText('يجب أن يكون أكبر من صفر.')).toHaveCount(0);
  await expect(vouchers.form.getByText('بعض الحقول تحتاج إلى تصحيح.')).toHaveCount(0);

  // Each field within bounds, their product past what the book keeps: said in words, never "ليس رقمًا".
  await quantity.fill('1000000');
  await vouchers.form.getByRole('textbox', { name: 'سعر الوحدة 1', exact: true }).fill('99999999999');
  await expect(page.getByTestId('voucher-total')).toHaveText('—');
  await expect(vouchers.form.getByRole('alert').filter({ hasText: 'أكبر من الحد الذي يحفظه الدفتر' })).toContainText(
    '١٬٠٠٠٬٠٠٠٬٠٠٠٬٠٠٠',
  );
  await expect(vouchers.form).not.toContainText('ليس رقمًا');
  await screenshot(page, info, 'total-too-large');
  await quantity.press('Control+Enter');
  await expect(vouchers.form.getByText('بعض الحقول تحتاج إلى تصحيح.')).toBeVisible();

  // A total above the threshold (1,000,000 by default) asks in Daftar's own dialog; going back saves nothing.
  await quantity.fill('1');
  await expect(page.getByTestId('voucher-total')).toHaveText('٩٩٬٩٩٩٬٩٩٩٬٩٩٩٫٠٠');
  await quantity.press('Control+Enter');
  expect(await answerConfirm(page, false)).toContain('٩٩٬٩٩٩٬٩٩٩٬٩٩٩٫٠٠ ILS');
  await expect(quantity).toBeFocused();
  expect((await api(host, 'vouchers.list', {})).total).toBe(0);
  await quantity.press('Control+Enter');
  await answerConfirm(page, true);
  await expect(vouchers.form.getByText('تم حفظ السند.')).toBeVisible();

  // The threshold is the user's: raised past this total, the same save no longer asks.
  await app.go('خصائص البرنامج');
  const threshold = page.getByLabel('اسأل قبل حفظ سند يزيد مجموعه عن');
  await expect(threshold).toHaveValue('١٠٠٠٠٠٠');
  await threshold.fill('١٠٠٠٠٠٠٠٠٠٠٠');
  await threshold.press('Enter');
  await expect(page.getByText('تم الحفظ')).toBeVisible();
  await app.go('فواتير المبيعات');
  await page.getByRole('button', { name: 'جديد' }).click();
  await vouchers.field('الطرف').fill('شركة النور — 1');
  await vouchers.fillLine(0, { description: 'خدمة', quantity: '1', unitPrice: '99999999999' });
  await quantity.press('Control+Enter');
  await expect(vouchers.form.getByText('تم حفظ السند.')).toBeVisible();
  expect((await api(host, 'vouchers.list', {})).total).toBe(2);
});
