import { invoiceInput } from '../test-support/fixtures';
import { canHideChromium, HIDING_CHROMIUM_NEEDS } from '../test-support/without-chromium';
import { api, saveCustomer } from './support/api';
import { expect, screenshot, test } from './support/fixtures';

// Chromium's program is hidden from the host with a mount namespace.
test.skip(!canHideChromium(), HIDING_CHROMIUM_NEEDS);
test.use({ withoutChromium: true });

test('without Chromium the host says so at start, and the window says it where documents are printed or emailed', async ({
  app,
  host,
  page,
}, info) => {
  // At start, before anyone prints: what is missing, and how to install it.
  expect(host.output()).toContain('PDFs cannot be made until Chromium is installed');
  expect(host.output()).toContain('Install it with: sudo apt-get install chromium');

  const party = await saveCustomer(host, 'شركة النور', 'a@alnoor.ps');
  const voucher = await api(host, 'vouchers.save', invoiceInput(party.id, { number: 1 }));
  // A print asked for anyway answers with the reason, not an internal error.
  await expect(api(host, 'print.pdf', { target: { kind: 'voucher', id: voucher.id, language: 'ar' } })).rejects.toThrow(
    /"install":"sudo apt-get install chromium","reason":"printer_unavailable"/,
  );

  await app.go('فواتير المبيعات');
  await page.getByRole('row').getByRole('button', { name: '١', exact: true }).click();
  const notice = page.getByText('لا يمكن إنشاء ملفات PDF على هذا الحاسوب قبل تثبيت متصفح Chromium');
  await expect(notice).toBeVisible();
  await expect(page.locator('.document-actions code')).toHaveText('sudo apt-get install chromium');
  for (const name of ['معاينة', 'طباعة', 'حفظ PDF'])
    await expect(page.getByRole('button', { name, exact: true })).toBeDisabled();
  await screenshot(page, info, 'voucher-without-chromium');

  await app.go('البريد الجماعي');
  await expect(notice).toBeVisible();
  await expect(page.getByRole('button', { name: 'إرسال', exact: true })).toBeDisabled();
  await screenshot(page, info, 'bulk-without-chromium');
});
