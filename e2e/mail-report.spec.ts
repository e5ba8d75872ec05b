import { startSmtpTestServer, type SmtpTestServer } from '../src-main/testing/smtp-test-server';
import { api } from './support/api';
import { expect, screenshot, withLicensing as test } from './support/fixtures';

let smtp: SmtpTestServer;
let replies: ({ code: number; message: string } | null)[] = [];
test.beforeEach(async () => {
  replies = [{ code: 550, message: '5.1.1 User unknown' }];
  smtp = await startSmtpTestServer({ security: 'none', reply: () => replies.shift() ?? null });
});
test.afterEach(async () => smtp.close());

test('administrator: mail report, filter the failed, open one, send it again', async ({ app, page, host }, info) => {
  await api(host, 'mailbox.save', { displayName: 'دفتر', address: 'office@daftar.ps', replyTo: '', host: '127.0.0.1', port: smtp.port, security: 'none', username: 'daftar', password: 'correct horse' });
  const party = await api<{ id: string }>(host, 'parties.save', { kind: 'customer', code: '1', name: 'زبون', phone: '', address: '', taxNumber: '', jobTitle: '', notes: '', emails: 'gone@x.ps' });
  const voucher = await api<{ id: string }>(host, 'vouchers.save', { type: 'sales_invoice', date: '2026-04-01', partyId: party.id, currency: 'ILS', language: 'ar', notes: '', lines: [{ description: 'بند', quantityMilli: 1000, unitPriceMinor: 500, discountBp: 0, taxBp: 0 }] });
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ٥');
  await api(host, 'mail.send', { target: { kind: 'voucher', id: voucher.id }, to: ['gone@x.ps'], subject: 'فاتورة' });
  await expect.poll(async () => (await api<{ items: { status: string }[] }>(host, 'mail.outbox', {})).items[0]?.status).toBe('failed');

  await app.go('تقرير البريد');
  await page.getByLabel('الحالة').selectOption('failed');
  await expect(page.getByTestId('report-totals')).toContainText('فشل ١');
  await page.getByRole('table', { name: 'تقرير البريد' }).getByRole('button', { name: 'فاتورة مبيعات 1' }).click();
  const detail = page.getByRole('region', { name: 'الرسالة' });
  await expect(detail).toContainText('5.1.1 User unknown');
  await screenshot(page, info, 'mail-report');
  page.once('dialog', (dialog) => void dialog.accept());
  await detail.getByRole('button', { name: 'أرسل مرة أخرى' }).click();
  await expect(page.getByText('أُضيفت من جديد إلى صندوق الصادر.')).toBeVisible();
  await expect.poll(() => smtp.messages.length).toBe(1);
});
