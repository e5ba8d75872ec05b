import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startTestLicensing, type TestLicensing } from '../../test-support/licensing/test-server';
import { payCheckout } from '../../test-support/licensing/pay';
import { toCsv } from '../../src-shared/text/csv';
import { findExport } from '../exports/exports';
import { ChromiumPrinter } from '../host/chromium-printer';
import { addParty, companyInput, invoiceInput, loopbackMailbox } from '../../test-support/fixtures';
import { pdfToFiles } from '../../test-support/pdf-files';
import { startSmtpTestServer, type SmtpTestServer } from '../../test-support/smtp-test-server';
import { testCore, type TestCore, RESOURCES_DIR } from '../../test-support/test-core';

const printer = new ChromiumPrinter(RESOURCES_DIR);
let L: TestLicensing;
let smtp: SmtpTestServer;
let t: TestCore;
let replies: ({ code: number; message: string } | null)[] = [];
const filters = { from: '2026-01-01', to: '2026-12-31' };
let partyB = '';

beforeAll(async () => {
  L = await startTestLicensing('sqlite');
  smtp = await startSmtpTestServer({ security: 'none', reply: () => replies.shift() ?? null });
  // On disk, so the report is read by the read worker as in the hosts.
  t = await testCore({
    onDisk: true,
    printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem },
  });
  await t.ok('company.save', companyInput());
  await t.ok('mailbox.save', loopbackMailbox(smtp.port));
  await t.ok('credits.sync', {});
  const a = await addParty(t, 'customer', 'شركة الأمل، فرع "رام الله"', { emails: 'a@x.ps' });
  const b = await addParty(t, 'customer', 'مؤسسة النور', { emails: 'b@x.ps' });
  partyB = b.id;
  const first = await t.ok('vouchers.save', invoiceInput(a.id));
  const second = await t.ok('vouchers.save', invoiceInput(b.id));
  replies = [null, { code: 550, message: '5.1.1 User unknown' }];
  await t.ok('mail.send', {
    target: { kind: 'voucher', id: first.id },
    to: ['a@x.ps'],
    subject: 'فاتورة، مع "اقتباس"\u2028سطر',
    note: 'ملاحظة\nبسطرين',
  });
  await t.core.outbox.runOnce();
  await t.ok('mail.send', { target: { kind: 'voucher', id: second.id }, to: ['b@x.ps'], subject: 'فاتورة النور' });
  await t.core.outbox.runOnce();
}, 60_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
  await L.close();
  await printer.close();
});

it('totals, per day, and filters by status, text, document type and party', async () => {
  const all = await t.ok('mailReport.query', { filters });
  expect(all.totals).toEqual({ messages: 2, recipients: 2, credits: 1, sent: 1, bounced: 0, failed: 1 });
  expect(all.perDay).toEqual([{ day: '2026-11-27', sent: 1, bounced: 0, failed: 1 }]);
  expect(all.items.map((i) => i.userName)).toEqual(['admin', 'admin']);
  expect(
    (await t.ok('mailReport.query', { filters: { ...filters, status: 'failed' } })).items.map((i) => i.subject),
  ).toEqual(['فاتورة النور']);
  expect((await t.ok('mailReport.query', { filters: { ...filters, search: 'B@X.PS' } })).total).toBe(1);
  expect((await t.ok('mailReport.query', { filters: { ...filters, docType: 'payslip' } })).total).toBe(0);
  expect(
    (await t.ok('mailReport.query', { filters: { ...filters, from: '2027-01-01', to: '2027-12-31' } })).total,
  ).toBe(0);
  expect((await t.ok('mailReport.query', { filters: { ...filters, docType: 'sales_invoice' } })).total).toBe(2);
  expect((await t.ok('mailReport.query', { filters: { ...filters, userId: 'admin' } })).total).toBe(2);
  expect((await t.ok('mailReport.query', { filters: { ...filters, userId: 'someone-else' } })).total).toBe(0);
  const byParty = await t.ok('mailReport.query', { filters: { ...filters, partyId: partyB } });
  expect(byParty.items.map((i) => i.to)).toEqual([['b@x.ps']]);
  expect(byParty.totals).toEqual({ messages: 1, recipients: 1, credits: 0, sent: 0, bounced: 0, failed: 1 });
});

it('opens a message with its attempts and the server replies', async () => {
  const failed = (await t.ok('mailReport.query', { filters: { ...filters, status: 'failed' } })).items[0]!;
  const detail = await t.ok('mailReport.detail', { id: failed.id });
  expect(detail).toMatchObject({
    to: ['b@x.ps'],
    status: 'failed',
    credits: 1,
    userName: 'admin',
    attempts: [{ attempt: 1, outcome: 'failed' }],
  });
  expect(detail.attempts[0]!.reply).toMatch(/550/);
});

it('resends a message as a new one, charged again', async () => {
  const before = (await t.ok('credits.status', {})).balance!;
  const failed = (await t.ok('mailReport.query', { filters: { ...filters, status: 'failed' } })).items[0]!;
  const { id } = await t.ok('mailReport.resend', { id: failed.id });
  expect(id).not.toBe(failed.id);
  expect((await t.ok('credits.status', {})).balance).toBe(before - 1);
  await t.core.outbox.runOnce();
  expect((await t.ok('mailReport.detail', { id })).status).toBe('sent');
});

it('exports CSV that Excel opens with Arabic intact: BOM, quoted commas, quotes and line breaks', async () => {
  const { fileName, rows, exportId, handled } = await t.ok('mailReport.csv', { filters });
  expect(fileName).toBe('mail-report 2026-01-01 2026-12-31.csv');
  expect(rows).toBe((await t.ok('mailReport.query', { filters })).total);
  expect(handled).toBe(false); // the Node host: the window downloads it
  const file = findExport(t.dataFolder, exportId)!;
  expect(file.fileName).toBe(fileName);
  const csv = readFileSync(file.path, 'utf8');
  expect(
    csv.startsWith(
      '\uFEFFcreated_at,sent_at,document,to,cc,subject,status,bounced_recipients,credits,user,message_id,last_reply\r\n',
    ),
  ).toBe(true);
  expect(csv).toContain('"فاتورة، مع ""اقتباس"" سطر"');
  // Credits as charged: the refused message gave its credit back.
  expect(csv.split('\r\n').find((line) => line.includes('b@x.ps') && line.includes(',failed,'))).toContain(
    ',failed,,0,',
  );
  expect(toCsv([['=SUM(A1)', 'a\nb']])).toBe('\uFEFF\'=SUM(A1),"a\nb"\r\n');
  expect(findExport(t.dataFolder, '../../daftar')).toBeNull();
});

it('opens the PDF a message carried, exactly as sent, and says so when the file is gone', async () => {
  const sent = (await t.ok('mailReport.query', { filters: { ...filters, status: 'sent' } })).items.find(
    (i) => i.to[0] === 'a@x.ps',
  )!;
  const attachment = await t.ok('mailReport.attachment', { id: sent.id });
  const pdf = Buffer.from(attachment.pdfBase64, 'base64');
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(sent.pdfSha256);
  expect(attachment.fileName).toBe(sent.fileName);
  expect(pdfToFiles(pdf, 'mail-report-attachment').text).toContain('شركة الأمل');

  // Lost where it was kept: the data folder's outbox/, or an office book's kept_files.
  if (t.core.book.dialect === 'sqlite') rmSync(join(t.dataFolder, 'outbox', `${sent.id}.pdf`));
  else await t.core.book.db.deleteFrom('kept_files').where('sha256', '=', sent.pdfSha256).execute();
  expect(await t.fail('mailReport.attachment', { id: sent.id })).toMatchObject({
    code: 'not_found',
    details: { reason: 'attachment_missing' },
  });
});

it("offers the book's users and bulk vouchers as filters", async () => {
  const choices = await t.ok('mailReport.choices', {});
  expect(choices.users.map((u) => u.name)).toContain('admin');
  expect(choices.bulks).toEqual([]);
});

it('prints the report to a PDF through the print path, in Arabic and English, with its filters in words', async () => {
  const ar = await t.ok('print.pdf', {
    target: { kind: 'mailReport', filters: { ...filters, status: 'failed' }, language: 'ar' },
  });
  const arText = pdfToFiles(Buffer.from(ar.pdfBase64, 'base64'), 'mail-report-ar').text;
  // The period in the document's language, as the document prints it.
  expect(ar.fileName).toBe('تقرير البريد من ٠١-٠١-٢٠٢٦ إلى ٣١-١٢-٢٠٢٦.pdf');
  for (const words of [
    'تقرير البريد',
    'شركة دفتر',
    'الحالة',
    'فشل',
    'فاتورة مبيعات',
    'b@x.ps',
    'الرسائل في كل يوم',
    'admin',
  ])
    expect(arText).toContain(words);
  expect(arText).not.toContain('a@x.ps');

  const en = await t.ok('print.pdf', { target: { kind: 'mailReport', filters, language: 'en' } });
  const enText = pdfToFiles(Buffer.from(en.pdfBase64, 'base64'), 'mail-report-en').text;
  for (const words of ['Mail report', 'Messages', 'Credits spent', 'a@x.ps', 'b@x.ps', 'Sent', 'Failed', 'admin'])
    expect(enText).toContain(words);
  // The same page goes to paper.
  expect((await t.ok('print.html', { target: { kind: 'mailReport', filters, language: 'en' } })).title).toBe(
    'Mail report',
  );
});

it('sends again while the queue is paused: the outbox and the balance follow at once', async () => {
  // No server name: the worker cannot send and pauses the queue, as it does for a refused login.
  await t.ok('mailbox.save', loopbackMailbox(smtp.port, { host: '' }));
  const sent = (await t.ok('mailReport.query', { filters: { ...filters, status: 'sent' } })).items[0]!;
  await t.ok('mail.retry', {
    id: (await t.ok('mailReport.query', { filters: { ...filters, status: 'failed' } })).items[0]!.id,
  });
  await t.core.outbox.runOnce();
  expect((await t.ok('mail.outbox', {})).queue).toEqual({ paused: true, reason: 'not_configured' });
  const before = (await t.ok('credits.status', {})).balance!;
  t.events.length = 0;

  const { id } = await t.ok('mailReport.resend', { id: sent.id });

  // The windows hear of the new message and of the balance it took, with nothing else moving.
  expect(t.events).toContainEqual({
    name: 'mail.changed',
    payload: expect.objectContaining({ id, status: 'queued', queue: { paused: true, reason: 'not_configured' } }),
  });
  await vi.waitFor(() =>
    expect(t.events).toContainEqual({
      name: 'credits.changed',
      payload: expect.objectContaining({ balance: before - sent.to.length }),
    }),
  );
  expect((await t.ok('mail.outbox', {})).items.find((m) => m.id === id)).toMatchObject({ status: 'queued' });

  // The mailbox fixed: the queue resumes and sends it.
  await t.ok('mailbox.save', loopbackMailbox(smtp.port));
  await t.core.outbox.runOnce();
  expect((await t.ok('mailReport.detail', { id })).status).toBe('sent');
});

it('records who queued each message: a single send, a bulk and a resend', async () => {
  const { checkoutUrl } = await t.ok('credits.createOrder', { packs: 1, method: 'card' });
  await payCheckout(checkoutUrl);
  await t.ok('credits.sync', {});
  await t.ok('users.save', { id: 'admin', name: 'admin', permissions: [], password: 'admin-pass' });
  await t.ok('users.save', {
    name: 'رنا',
    permissions: ['send_email', 'send_bulk', 'view_mail_report'],
    password: 'rana-pass',
  });
  await t.ok('users.login', { name: 'رنا', password: 'rana-pass' });
  const voucher = (await t.ok('vouchers.list', { type: 'sales_invoice' })).items[0]!;
  const single = await t.ok('mail.send', {
    target: { kind: 'voucher', id: voucher.id },
    to: ['rana-single@x.ps'],
    subject: 'من رنا',
    confirmResend: true,
  });
  const test = await t.ok('bulk.testSend', {
    options: { type: 'sales_invoice', range: { by: 'number', from: 1, to: 1 } },
    to: 'rana-bulk@x.ps',
  });
  const again = await t.ok('mailReport.resend', { id: single.id });
  for (const queued of [single.id, test.outboxId, again.id])
    expect((await t.ok('mailReport.detail', { id: queued })).userName, queued).toBe('رنا');
  const byRana = await t.ok('mailReport.query', {
    filters: { ...filters, userId: (await t.ok('users.status', {})).user!.id },
  });
  expect(byRana.items.map((m) => m.id).sort()).toEqual([single.id, test.outboxId, again.id].sort());
  await t.core.outbox.runOnce();
  await t.ok('users.login', { name: 'admin', password: 'admin-pass' });
});

it('refuses to print the report to a user who may not view it, but still prints their vouchers', async () => {
  await t.ok('users.save', { id: 'admin', name: 'admin', permissions: [], password: 'admin-pass' });
  await t.ok('users.save', { name: 'clerk', permissions: ['send_email'], password: 'clerk-pass' });
  await t.ok('users.login', { name: 'clerk', password: 'clerk-pass' });
  // Runs last: the administrator stays signed out.
  for (const name of ['print.pdf', 'print.html', 'print.send'] as const) {
    expect(await t.fail(name, { target: { kind: 'mailReport', filters, language: 'ar' } }), name).toMatchObject({
      code: 'forbidden',
      details: { permission: 'view_mail_report' },
    });
  }
  const voucherId = (await t.ok('vouchers.list', { type: 'sales_invoice' })).items[0]!.id;
  expect((await t.ok('print.html', { target: { kind: 'voucher', id: voucherId } })).title).toContain('فاتورة مبيعات');
});
