import { fileURLToPath } from 'node:url';
import { startMailServers, type MailServers } from '../src-main/testing/mail-servers';
import { CardsPage } from './pages/cards.page';
import { api } from './support/api';
import { postfixMailbox } from '../src-main/testing/fixtures';
import { expect, screenshot, withLicensing as test } from './support/fixtures';

// Real servers: Postfix learns at delivery that ghost@ does not exist and mails the office a DSN;
// the host reads it over IMAP from Dovecot (IDLE) and shows the bounce everywhere it belongs.
let servers: MailServers;
test.beforeAll(async () => {
  servers = await startMailServers(['office', 'customer']);
});
test.afterAll(async () => servers?.stop());
test.use({ hostArgs: ['--smtp-ca', fileURLToPath(new URL('../src-main/testing/tls/ca.pem', import.meta.url))] });

test('a message to a dead address shows as bounced, with the reason, in a toast, the outbox, the mail report and the card', async ({
  app,
  page,
  host,
}, info) => {
  const domain = servers.domain;
  await api(host, 'mailbox.save', postfixMailbox(servers));
  const party = await api<{ id: string }>(host, 'parties.save', {
    kind: 'customer',
    code: '1',
    name: 'شركة النور',
    phone: '',
    address: '',
    taxNumber: '',
    jobTitle: '',
    notes: '',
    emails: `customer@${domain}, ghost@${domain}`,
  });
  const invoice = await api<{ id: string }>(host, 'vouchers.save', {
    type: 'sales_invoice',
    date: '2026-04-01',
    partyId: party.id,
    currency: 'ILS',
    language: 'ar',
    notes: '',
    lines: [{ description: 'بند', quantityMilli: 1000, unitPriceMinor: 500, discountBp: 0, taxBp: 0 }],
  });
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ٥');
  const target = { kind: 'voucher', id: invoice.id };
  const prepared = await api<{ to: string[]; subject: string }>(host, 'mail.prepare', { target });
  await api(host, 'mail.send', { target, to: prepared.to, subject: prepared.subject });

  // The toast names the document, the address and the reason in words.
  await expect(page.locator('.toast').filter({ hasText: 'ارتدّت: فاتورة مبيعات 1' })).toContainText(
    'العنوان غير موجود',
    { timeout: 90_000 },
  );

  await app.go('صندوق الصادر');
  const row = page.getByRole('row').filter({ hasText: 'فاتورة مبيعات 1' });
  await expect(row.locator('td[data-status="bounced"]')).toContainText('ارتدّ');
  await expect(row.locator('.bounces')).toContainText(`ghost@${domain}`);
  await expect(row.locator('.bounces')).not.toContainText(`customer@${domain}`);
  await screenshot(page, info, 'outbox-bounced');

  await app.go('تقرير البريد');
  const totals = page.getByTestId('report-totals');
  await expect(totals.locator('[data-total=bounced] dd')).toHaveText('١');
  await expect(totals.locator('[data-total=sent] dd')).toHaveText('٠');
  await page.locator('.report-filters').getByLabel('الحالة').selectOption('bounced');
  await expect(page.getByRole('table', { name: 'تقرير البريد' })).toContainText(`ghost@${domain}`);
  await screenshot(page, info, 'report-bounced');

  await app.go('الزبائن');
  const cards = new CardsPage(page);
  await cards.row('شركة النور').getByRole('button').click();
  await expect(cards.form.getByTestId('bouncing-addresses')).toContainText(`ghost@${domain}`);
  await expect(cards.form.getByTestId('bouncing-addresses')).toContainText('العنوان غير موجود');
  await screenshot(page, info, 'card-bouncing');
});
