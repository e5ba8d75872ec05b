import { execFileSync } from 'node:child_process';
import { answerConfirm } from './pages/app.page';
import { CardsPage } from './pages/cards.page';
import { VouchersPage } from './pages/vouchers.page';
import { expect, screenshot, test } from './support/fixtures';

test('sales invoice with three lines for an Arabic-named customer: save, reopen, preview, save PDF, statement', async ({
  app,
  page,
}, info) => {
  // Several PDFs (preview, save, statement), a few seconds each on a loaded machine.
  test.setTimeout(180_000);
  // A customer to invoice.
  const cards = new CardsPage(page);
  await page.getByRole('button', { name: 'جديد' }).click();
  await cards.field('الاسم').fill('شركة عبد الله للتجارة');
  await cards.field('الاسم').press('Enter');
  await expect(cards.form.getByText('تم حفظ البطاقة.')).toBeVisible();

  await app.go('فواتير المبيعات');
  const vouchers = new VouchersPage(page);
  await page.getByRole('button', { name: 'جديد' }).click();
  await expect(vouchers.field('الرقم')).toHaveValue('١');
  await vouchers.field('التاريخ').fill('2026-03-15');
  await vouchers.field('الطرف').fill('شركة عبد الله للتجارة — 1');
  await vouchers.fillLine(0, { description: 'ورق طباعة A4', quantity: '10', unitPrice: '25', tax: '16' });
  await vouchers.form.getByRole('button', { name: 'إضافة بند' }).click();
  await vouchers.fillLine(1, { description: 'حبر طابعة', quantity: '2', unitPrice: '120', discount: '10', tax: '16' });
  await vouchers.form.getByRole('button', { name: 'إضافة بند' }).click();
  await vouchers.fillLine(2, { description: 'تغليف', quantity: '1.5', unitPrice: '٣٫٣٣' });
  // Live total by the shared rule: 290.00 + 250.56 + 5.00 (4.995 → 5.00)
  await expect(page.getByTestId('voucher-total')).toHaveText('٥٤٥٫٥٦');
  await screenshot(page, info, 'invoice-new');
  await vouchers.field('الرقم').press('Enter');
  await expect(vouchers.form.getByText('تم حفظ السند.')).toBeVisible();
  await expect(vouchers.form.getByText('النسخة ١')).toBeVisible();

  // Reopen from the list.
  await vouchers.form.getByRole('button', { name: 'تراجع', exact: true }).click();
  await page.getByRole('row').getByRole('button', { name: '١', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'البيان 3', exact: true })).toHaveValue('تغليف');

  // Preview renders the PDF inside the app.
  await vouchers.form.getByRole('button', { name: 'معاينة' }).click();
  const preview = page.getByRole('dialog', { name: 'فاتورة مبيعات رقم ١' });
  // The host's first PDF starts Chromium and prints: generous on a busy two-core machine.
  await expect(preview.locator('.pdf-page canvas')).toHaveCount(1, { timeout: 45_000 });
  // The text layer over the page holds the very words of the file: the name reads as typed, Allah
  // ligature and all, so find-in-page and copy work in the preview.
  await expect(preview.locator('.textLayer').getByText('شركة عبد الله للتجارة', { exact: true })).toHaveCount(1);
  await expect(preview.locator('.textLayer').getByText('حبر طابعة', { exact: true })).toHaveCount(1);
  await screenshot(page, info, 'invoice-preview');
  await preview.getByRole('button', { name: 'إغلاق المعاينة' }).click();

  // Save PDF: the file the user keeps is the printed copy.
  const downloading = page.waitForEvent('download');
  await vouchers.form.getByRole('button', { name: 'حفظ PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('فاتورة مبيعات 1.pdf');
  const file = info.outputPath('invoice.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', [file, '-'])
    .toString()
    .replace(/[\u200e\u200f\u202a-\u202e]/g, '');
  expect(text).toContain('شركة عبد الله للتجارة');
  expect(text).toContain('٥٤٥٫٥٦');

  // A receipt, then the statement with its running balance.
  await app.go('سندات القبض');
  await page.getByRole('button', { name: 'جديد' }).click();
  await vouchers.field('التاريخ').fill('2026-03-20');
  await vouchers.field('الطرف').fill('شركة عبد الله للتجارة — 1');
  await vouchers.field('المبلغ').fill('200');
  await vouchers.field('المبلغ').press('Enter');
  await expect(vouchers.form.getByText('تم حفظ السند.')).toBeVisible();

  await app.go('كشف حساب');
  await page.getByLabel('الزبون أو المورد').fill('شركة عبد الله للتجارة — 1');
  await page.getByLabel('من').fill('2026-01-01');
  await page.getByLabel('إلى').fill('2026-12-31');
  await page.getByRole('button', { name: 'عرض' }).click();
  const statement = page.getByRole('region', { name: /كشف حساب — شركة عبد الله للتجارة/ });
  await expect(statement.getByRole('row')).toHaveCount(5); // header, opening, invoice, receipt, closing
  await expect(statement.getByRole('row').nth(2)).toContainText('٥٤٥٫٥٦');
  await expect(statement.getByRole('row').nth(3)).toContainText('٣٤٥٫٥٦');
  await expect(page.getByTestId('closing-ILS')).toHaveText('٣٤٥٫٥٦');
  await screenshot(page, info, 'statement');
});

test('a bad line is refused by field and a cancelled voucher leaves the list total', async ({ app, page }) => {
  const cards = new CardsPage(page);
  await page.getByRole('button', { name: 'جديد' }).click();
  await cards.field('الاسم').fill('زبون');
  await cards.field('الاسم').press('Enter');
  await expect(cards.form.getByText('تم حفظ البطاقة.')).toBeVisible();

  await app.go('فواتير المبيعات');
  const vouchers = new VouchersPage(page);
  await page.getByRole('button', { name: 'جديد' }).click();
  await vouchers.field('الطرف').fill('زبون — 1');
  await vouchers.fillLine(0, { description: 'بند', quantity: 'abc', unitPrice: '10.555' });
  await vouchers.field('الرقم').press('Enter');
  await expect(vouchers.form.getByText('ليس رقمًا صالحًا: ٣ منازل عشرية على الأكثر.')).toBeVisible();
  await expect(vouchers.form.getByText('ليس رقمًا صالحًا: منزلتان عشريتان على الأكثر.')).toBeVisible();
  await vouchers.fillLine(0, { description: 'بند', quantity: '1', unitPrice: '10' });
  await vouchers.field('الرقم').press('Enter');
  await expect(vouchers.form.getByText('تم حفظ السند.')).toBeVisible();
  await expect(page.getByText('سند واحد')).toBeVisible();

  await vouchers.form.getByRole('button', { name: 'إبطال السند' }).click();
  await answerConfirm(page, true);
  await expect(vouchers.form.getByText('هذا السند مُبطل')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'مُبطل' })).toHaveCount(1);
});
