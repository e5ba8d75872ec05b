import { startSmtpTestServer, type SmtpTestServer } from '../test-support/smtp-test-server';
import { answerConfirm } from './pages/app.page';
import { api } from './support/api';
import { expect, screenshot, withLicensing as test } from './support/fixtures';
import { loopbackMailbox } from '../test-support/fixtures';

let smtp: SmtpTestServer;
test.beforeEach(async () => {
  smtp = await startSmtpTestServer({ security: 'none' });
});
test.afterEach(async () => smtp.close());

test('bulk email: view count, cost and skips, send, and watch the progress to the end', async ({
  app,
  page,
  host,
}, info) => {
  await api(host, 'company.save', {
    nameAr: 'شركة دفتر',
    nameEn: '',
    address: '',
    phone: '',
    taxNumber: '',
    logo: null,
    defaultCurrency: 'ILS',
  });
  await api(host, 'mailbox.save', loopbackMailbox(smtp.port));
  const card = (code: string, name: string, emails: string) =>
    api(host, 'parties.save', {
      kind: 'customer',
      code,
      name,
      phone: '',
      address: '',
      taxNumber: '',
      jobTitle: '',
      notes: '',
      emails,
    });
  const parties = [
    await card('1', 'زبون أول', 'one@x.ps'),
    await card('2', 'زبون ثان', 'two@x.ps'),
    await card('3', 'زبون بلا بريد', ''),
  ];
  for (const p of parties) {
    for (const date of ['2026-03-01', '2026-03-02']) {
      await api(host, 'vouchers.save', {
        type: 'sales_invoice',
        date,
        partyId: p.id,
        currency: 'ILS',
        language: 'ar',
        notes: '',
        lines: [{ description: 'بند', quantityMilli: 1000, unitPriceMinor: 1000, discountBp: 0, taxBp: 0 }],
      });
    }
  }
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ٥');

  await app.go('البريد الجماعي');
  await page.getByLabel('من', { exact: true }).fill('2026-03-01');
  await page.getByLabel('إلى', { exact: true }).fill('2026-03-31');
  await page.getByRole('button', { name: 'عرض', exact: true }).click();
  await expect(page.getByTestId('bulk-summary')).toHaveText('٤ رسائل إلى ٤ عناوين — ٤ أرصدة (الرصيد ٥)');
  await expect(page.getByText('لا يوجد عنوان بريد (2)')).toBeVisible();
  await screenshot(page, info, 'bulk-preview');

  await page.getByRole('button', { name: 'إرسال', exact: true }).click();
  await answerConfirm(page, true);
  await expect(page.getByTestId('bulk-tally')).toContainText('أُرسل ٤', { timeout: 180_000 });
  await expect(page.getByTestId('bulk-tally')).toContainText('متخطى ٢');
  await screenshot(page, info, 'bulk-done');
  expect(smtp.messages.map((m) => m.rcptTo[0]).sort()).toEqual(['one@x.ps', 'one@x.ps', 'two@x.ps', 'two@x.ps']);
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ١');
});
