import { startSmtpTestServer, type SmtpTestServer } from '../test-support/smtp-test-server';
import { VouchersPage } from './pages/vouchers.page';
import { api } from './support/api';
import { expect, screenshot, withLicensing as test } from './support/fixtures';
import { loopbackMailbox } from '../test-support/fixtures';

let smtp: SmtpTestServer;
test.beforeEach(async () => {
  smtp = await startSmtpTestServer({ security: 'none' });
});
test.afterEach(async () => smtp.close());

test('save and email an invoice to two addresses with a CC and a note; envelope on the reopened voucher; email a statement', async ({
  app,
  page,
  host,
}, info) => {
  // Several PDFs (the invoice twice, a statement), ~2 s each on a loaded two-core machine.
  test.setTimeout(180_000);
  // Set-up through the API: mailbox, save options on, a customer with two addresses, more credits.
  await api(host, 'company.save', {
    nameAr: 'شركة دفتر للتجارة',
    nameEn: '',
    address: '',
    phone: '',
    taxNumber: '',
    logo: null,
    defaultCurrency: 'ILS',
  });
  await api(host, 'mailbox.save', loopbackMailbox(smtp.port, { displayName: 'شركة دفتر' }));
  await api(host, 'settings.save', { showSaveOptions: true });
  await api(host, 'parties.save', {
    kind: 'customer',
    code: '1',
    name: 'شركة النور للتجارة',
    phone: '',
    address: '',
    taxNumber: '',
    jobTitle: '',
    notes: '',
    emails: 'a@alnoor.ps,b@alnoor.ps',
  });
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ٥');
  await page.reload();
  await app.ready();

  await app.go('فواتير المبيعات');
  const vouchers = new VouchersPage(page);
  await page.getByRole('button', { name: 'جديد' }).click();
  await vouchers.field('الطرف').fill('شركة النور للتجارة — 1');
  await vouchers.fillLine(0, { description: 'ورق طباعة', quantity: '4', unitPrice: '25' });
  await vouchers.field('الرقم').press('Enter');

  // Save options: "save and email" by keyboard (3).
  const options = page.getByRole('dialog', { name: 'خيارات الحفظ' });
  await expect(options).toBeVisible();
  await page.keyboard.press('3');
  const dialog = page.getByRole('dialog', { name: 'إرسال فاتورة مبيعات رقم ١ بالبريد' });
  // The dialog prints the attachment first (the host's first PDF starts Chromium): generous on a busy machine.
  await expect(dialog.getByRole('button', { name: 'تعديل a@alnoor.ps' })).toBeVisible({ timeout: 45_000 });
  await expect(dialog.getByRole('button', { name: 'تعديل b@alnoor.ps' })).toBeVisible();
  await dialog.getByLabel('نسخة إلى').fill('archive@daftar.ps');
  await dialog.getByLabel('نسخة إلى').press('Enter');
  await dialog.getByLabel('ملاحظة (تظهر في أعلى الرسالة)').fill('نرجو السداد خلال أسبوع <b>شكرًا</b>');
  await expect(dialog.getByTestId('mail-cost')).toContainText('الرصيد: ٥ رسائل');
  await expect(dialog.getByTestId('mail-cost')).toContainText('تكلفة هذه الرسالة ٣ أرصدة');
  await expect(dialog).toContainText('فاتورة مبيعات 1.pdf');
  await screenshot(page, info, 'send-dialog');
  await dialog.getByRole('button', { name: 'إرسال', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  const { mail, rcptTo } = await smtp.nextMessage();
  expect(rcptTo.sort()).toEqual(['a@alnoor.ps', 'archive@daftar.ps', 'b@alnoor.ps']);
  expect(mail.subject).toBe('فاتورة مبيعات رقم ١ من شركة دفتر للتجارة');
  expect(mail.text).toContain('نرجو السداد خلال أسبوع <b>شكرًا</b>');
  expect(mail.attachments[0]!.filename).toBe('فاتورة مبيعات 1.pdf');
  // Each of these waits on a PDF being printed: generous on a busy machine.
  await expect(page.locator('.toast').filter({ hasText: 'أُرسل: فاتورة مبيعات 1' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ٢');

  // The envelope on the reopened voucher asks before sending the same version again.
  await vouchers.form.getByRole('button', { name: 'تراجع', exact: true }).click();
  await page.getByRole('row').getByRole('button', { name: '١', exact: true }).click();
  await vouchers.form.getByRole('button', { name: /إرسال بالبريد/ }).click();
  const again = page.getByRole('dialog', { name: /بالبريد/ });
  await again.getByRole('button', { name: 'إرسال', exact: true }).click();
  await expect(again.getByText(/أُرسلت هذه النسخة إلى هذه العناوين/)).toBeVisible({ timeout: 45_000 });
  await again.getByRole('button', { name: 'إغلاق' }).click();

  // The outbox lists it as sent.
  await app.go('صندوق الصادر');
  await expect(page.getByRole('table', { name: 'صندوق الصادر' })).toContainText('أُرسل');
  await screenshot(page, info, 'outbox');

  // An account statement has its email button too.
  await app.go('كشف حساب');
  await page.getByLabel('الزبون أو المورد').fill('شركة النور للتجارة — 1');
  await page.getByLabel('من').fill('2020-01-01');
  await page.getByRole('button', { name: 'عرض' }).click();
  await page.getByRole('button', { name: /إرسال بالبريد/ }).click();
  const statementDialog = page.getByRole('dialog', { name: /كشف حساب/ });
  await statementDialog.getByRole('button', { name: 'حذف b@alnoor.ps' }).click();
  await expect(statementDialog.getByTestId('mail-cost')).toContainText('رصيد واحد');
  await statementDialog.getByRole('button', { name: 'إرسال', exact: true }).click();
  const statementMail = await smtp.nextMessage();
  expect(statementMail.rcptTo).toEqual(['a@alnoor.ps']);
  expect(statementMail.mail.attachments[0]!.filename).toMatch(/^كشف حساب شركة النور للتجارة/);
});
