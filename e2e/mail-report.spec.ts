import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { answerConfirm } from './pages/app.page';
import { startSmtpTestServer, type SmtpTestServer } from '../test-support/smtp-test-server';
import { api } from './support/api';
import { expect, screenshot, withLicensing as test } from './support/fixtures';
import { loopbackMailbox } from '../test-support/fixtures';

let smtp: SmtpTestServer;
let replies: ({ code: number; message: string } | null)[] = [];
test.beforeEach(async () => {
  replies = [{ code: 550, message: '5.1.1 User unknown' }];
  smtp = await startSmtpTestServer({ security: 'none', reply: () => replies.shift() ?? null });
});
test.afterEach(async () => smtp.close());

const customer = (code: string, name: string, emails: string) => ({
  kind: 'customer' as const,
  code,
  name,
  phone: '',
  address: '',
  taxNumber: '',
  jobTitle: '',
  notes: '',
  emails,
});
const invoice = (partyId: string) => ({
  type: 'sales_invoice' as const,
  date: '2026-04-01',
  partyId,
  currency: 'ILS',
  language: 'ar' as const,
  notes: '',
  lines: [{ description: 'بند', quantityMilli: 1000, unitPriceMinor: 500, discountBp: 0, taxBp: 0 }],
});

test('administrator: mail report filters, chart, the PDF and document of a message, print, send again', async ({
  app,
  page,
  host,
}, info) => {
  await api(host, 'mailbox.save', loopbackMailbox(smtp.port));
  const gone = await api(host, 'parties.save', customer('1', 'زبون قديم', 'gone@x.ps'));
  const noor = await api(host, 'parties.save', customer('2', 'شركة النور', 'noor@x.ps'));
  const first = await api(host, 'vouchers.save', invoice(gone.id));
  const second = await api(host, 'vouchers.save', invoice(noor.id));
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ٥');
  await api(host, 'mail.send', {
    target: { kind: 'voucher', id: first.id },
    to: ['gone@x.ps'],
    subject: 'فاتورة',
    note: 'مع التحية',
  });
  await expect.poll(async () => (await api(host, 'mail.outbox', {})).items[0]?.status).toBe('failed');
  await api(host, 'mail.send', {
    target: { kind: 'voucher', id: second.id },
    to: ['noor@x.ps'],
    subject: 'فاتورة النور',
  });
  await expect.poll(() => smtp.messages.length).toBe(1);

  await app.go('تقرير البريد');
  const totals = page.getByTestId('report-totals');
  await expect(totals.locator('[data-total=messages] dd')).toHaveText('٢');
  await expect(totals.locator('[data-total=sent] dd')).toHaveText('١');
  await expect(totals.locator('[data-total=failed] dd')).toHaveText('١');
  // The chart draws a bar for the sent and one for the failed of the day.
  await expect(page.locator('.per-day-chart .recharts-bar-rectangle')).toHaveCount(2);
  await screenshot(page, info, 'mail-report-chart');

  // Filters: the card, a document type with nothing sent, then the failed ones.
  const filters = page.locator('.report-filters');
  await filters.getByLabel('البطاقة').fill('شركة النور — 2');
  await expect(page.getByTestId('report-range')).toHaveText('١–١ من ١');
  await expect(page.getByRole('table', { name: 'تقرير البريد' })).toContainText('noor@x.ps');
  await filters.getByLabel('البطاقة').fill('');
  await filters.getByLabel('نوع المستند').selectOption({ label: 'مردود مبيعات' });
  await expect(page.getByText('لا توجد رسائل بهذه الشروط.')).toBeVisible();
  await filters.getByLabel('نوع المستند').selectOption({ label: 'الكل' });
  await filters.getByLabel('المستخدم').selectOption({ label: 'admin' });
  await filters.getByLabel('الحالة').selectOption('failed');
  await expect(totals.locator('[data-total=messages] dd')).toHaveText('١');

  await page.getByRole('table', { name: 'تقرير البريد' }).getByRole('button', { name: 'فاتورة مبيعات 1' }).click();
  const detail = page.getByRole('region', { name: 'الرسالة' });
  await expect(detail).toContainText('5.1.1 User unknown');
  await expect(detail).toContainText('مع التحية');
  await screenshot(page, info, 'mail-report');

  // The PDF it carried, in the app's viewer.
  await detail.getByRole('button', { name: /افتح ملف PDF/ }).click();
  const viewer = page.getByRole('dialog', { name: 'فاتورة مبيعات 1.pdf' });
  await expect(viewer.locator('canvas')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // The report on paper: the same filters, read back from the PDF.
  const downloading = page.waitForEvent('download');
  await page.locator('.screen-header').getByRole('button', { name: 'حفظ PDF' }).click();
  const download = await downloading;
  const file = info.outputPath('mail-report.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', [file, '-'])
    .toString()
    .replace(/[\u200e\u200f\u202a-\u202e]/g, '');
  for (const words of ['تقرير البريد', 'gone@x.ps', 'فشل', 'admin']) expect(text).toContain(words);
  expect(text).not.toContain('noor@x.ps');

  // And as CSV: written by the core to a file, downloaded from the host as it is.
  const csvDownloading = page.waitForEvent('download');
  await page.locator('.screen-header').getByRole('button', { name: 'تصدير CSV' }).click();
  const csvDownload = await csvDownloading;
  expect(csvDownload.suggestedFilename()).toMatch(/^mail-report \d{4}-01-01 \d{4}-12-31\.csv$/);
  const csv = readFileSync((await csvDownload.path())!, 'utf8');
  expect(csv.startsWith('\uFEFFcreated_at,')).toBe(true);
  expect(csv).toContain('gone@x.ps');
  expect(csv).not.toContain('noor@x.ps');

  await detail.getByRole('button', { name: 'أرسل مرة أخرى' }).click();
  await answerConfirm(page, true);
  await expect(page.getByText('أُضيفت من جديد إلى صندوق الصادر.')).toBeVisible();
  await expect.poll(() => smtp.messages.length).toBe(2);

  // And the voucher the message came from.
  await detail.getByRole('button', { name: 'افتح المستند' }).click();
  await expect(page.locator('section.voucher-form')).toBeVisible();
  await expect(page.locator('section.voucher-form input[list]')).toHaveValue(/زبون قديم/);
});
