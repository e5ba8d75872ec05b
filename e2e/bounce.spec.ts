import { fileURLToPath } from 'node:url';
import { startMailServers, type MailServers } from '../test-support/mail-servers';
import { CardsPage } from './pages/cards.page';
import { api, saveCustomer } from './support/api';
import { invoiceInput, postfixMailbox } from '../test-support/fixtures';
import { answerConfirm } from './pages/app.page';
import { expect, screenshot, withLicensing as test } from './support/fixtures';

// Real servers: Postfix learns at delivery that ghost@ does not exist and mails the office a DSN;
// the host reads it over IMAP from Dovecot (IDLE) and shows the bounce everywhere it belongs.
let servers: MailServers;
test.beforeAll(async () => {
  servers = await startMailServers(['office', 'customer'], {
    // The receiving server's verdict on each message: this domain has no SPF for the sender, and DMARC fails.
    authenticationResults:
      'mx.daftar.test; spf=softfail smtp.mailfrom=office@daftar.test; dkim=none (message not signed); dmarc=fail (p=QUARANTINE) header.from=daftar.test',
  });
});
test.afterAll(async () => servers?.stop());
test.use({ hostArgs: ['--smtp-ca', fileURLToPath(new URL('../test-support/tls/ca.pem', import.meta.url))] });

test('a message to a dead address shows as bounced, with the reason, in a toast, the outbox, the mail report and the card', async ({
  app,
  page,
  host,
}, info) => {
  const domain = servers.domain;
  await api(host, 'mailbox.save', postfixMailbox(servers));
  const party = await customerWithInvoice(host, '1', 'شركة النور', `customer@${domain}, ghost@${domain}`);
  const invoice = party.invoice;
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ٥');
  const target = { kind: 'voucher' as const, id: invoice.id };
  const prepared = await api(host, 'mail.prepare', { target });
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

  // Beside the IMAP settings: when the mailbox was last read, and that all went well.
  await app.go('البريد المرسِل');
  await expect(page.locator('.reader-status[data-state="ok"]')).toContainText('آخر قراءة');
  await page.locator('.reader-status').scrollIntoViewIfNeeded();
  await screenshot(page, info, 'reader-status');
});

test('a bulk whose one card has a dead address counts its bounce on the bulk screen, and leads to it in the outbox', async ({
  app,
  page,
  host,
}, info) => {
  const domain = servers.domain;
  await api(host, 'mailbox.save', postfixMailbox(servers));
  await customerWithInvoice(host, '1', 'زبون حي', `customer@${domain}`);
  await customerWithInvoice(host, '2', 'زبون بعنوان ميت', `ghost@${domain}`);
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ٥');

  await app.go('البريد الجماعي');
  await page.getByLabel('من', { exact: true }).fill('2026-04-01');
  await page.getByLabel('إلى', { exact: true }).fill('2026-04-30');
  await page.getByRole('button', { name: 'عرض', exact: true }).click();
  await expect(page.getByTestId('bulk-summary')).toContainText('رسالتان');
  await page.getByRole('button', { name: 'إرسال', exact: true }).click();
  await answerConfirm(page, true);
  await expect(page.getByTestId('bulk-tally')).toContainText('أُرسل ٢', { timeout: 60_000 });
  // Postfix's DSN comes back over IMAP: the bulk counts it, the sent count stays.
  await expect(page.getByTestId('bulk-bounced')).toContainText('ارتدّت رسالة واحدة', { timeout: 90_000 });
  await page.getByTestId('bulk-bounced').scrollIntoViewIfNeeded();
  await screenshot(page, info, 'bulk-bounced');
  await page.getByTestId('bulk-bounced').getByRole('button').click();
  const rows = page.getByRole('row').filter({ has: page.locator('td[data-status="bounced"]') });
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('.bounces')).toContainText(`ghost@${domain}`);
});

test("a test message to the mailbox's own address is read back: SPF, DKIM and DMARC as the receiving server judged them", async ({
  app,
  page,
  host,
}, info) => {
  await api(host, 'mailbox.save', postfixMailbox(servers));
  await app.go('البريد المرسِل');
  await page.getByLabel('أرسل رسالة تجريبية إلى').fill(`office@${servers.domain}`);
  await page.getByRole('button', { name: 'إرسال رسالة تجريبية' }).click();
  const back = page.locator('.read-back[data-state="found"]');
  await expect(back.locator('p')).toContainText('mx.daftar.test', { timeout: 90_000 });
  await expect(back.locator('[data-method="spf"]')).toContainText('فشل (softfail)');
  await expect(back.locator('[data-method="dkim"]')).toContainText('الرسالة غير موقّعة');
  await expect(back.locator('[data-method="dmarc"]')).toContainText('فشل');
  await screenshot(page, info, 'test-read-back');
});

/** A customer card with these addresses and one sales invoice of April 2026. */
async function customerWithInvoice(host: Parameters<typeof api>[0], code: string, name: string, emails: string) {
  const party = await saveCustomer(host, name, emails, code);
  const invoice = await api(host, 'vouchers.save', invoiceInput(party.id, { date: '2026-04-01' }));
  return { ...party, invoice };
}
