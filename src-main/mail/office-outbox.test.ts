import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startTestLicensing, type TestLicensing } from '../../src-licensing/testing/test-server';
import { ChromiumPrinter } from '../host/chromium-printer';
import { connectionOf, freshPostgres, type FreshDatabase } from '../testing/fresh-postgres';
import { addParty, invoiceInput } from '../testing/fixtures';
import { startSmtpTestServer, type SmtpTestServer } from '../testing/smtp-test-server';
import { RESOURCES_DIR, testCore, type TestCore } from '../testing/test-core';

// Two desktops of one office on one PostgreSQL book, each with its own data folder and outbox worker.
const printer = new ChromiumPrinter(RESOURCES_DIR);
let L: TestLicensing;
let smtp: SmtpTestServer;
let database: FreshDatabase;
let desktops: TestCore[] = [];

beforeAll(async () => {
  L = await startTestLicensing('sqlite');
});
afterAll(async () => {
  await L.close();
  await printer.close();
});
beforeEach(async () => {
  smtp = await startSmtpTestServer({ security: 'none' });
  database = await freshPostgres('office_outbox');
});
afterEach(async () => {
  for (const d of desktops) await d.core.close();
  desktops = [];
  await smtp.close();
  await database.drop();
});

const desktop = async () => {
  const d = await testCore({
    office: connectionOf(database.url),
    printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
  });
  desktops.push(d);
  return d;
};

it('two desktops’ outbox workers send each message of the office once, the PDF kept where both reach it', async () => {
  const a = await desktop();
  await a.ok('company.save', {
    nameAr: 'شركة دفتر للتجارة',
    nameEn: 'Daftar Trading',
    address: '',
    phone: '',
    taxNumber: '',
    logo: null,
    defaultCurrency: 'ILS',
  });
  await a.ok('mailbox.save', {
    displayName: 'شركة دفتر',
    address: 'office@daftar.ps',
    replyTo: '',
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    username: 'daftar',
    password: 'correct horse',
  });
  await a.ok('credits.sync', {}); // the 5-message trial
  const customer = await addParty(a, 'customer', 'شركة النور للتجارة', { emails: 'a@alnoor.ps' });
  const queued: string[] = [];
  for (let n = 1; n <= 5; n++) {
    const invoice = await a.ok('vouchers.save', invoiceInput(customer.id, { number: n }));
    const { id } = await a.ok('mail.send', {
      target: { kind: 'voucher', id: invoice.id },
      to: ['a@alnoor.ps'],
      cc: [],
      subject: `فاتورة ${n}`,
      note: '',
    });
    queued.push(id);
  }

  // The second desktop: the same book, its own data folder; the mailbox password is in each desktop's secret store.
  const b = await desktop();
  for (const [key, value] of a.ports.secrets.values) await b.ports.secrets.set(key, value);
  // The message desktop A queued, previewed on desktop B: the very file, from the book.
  const kept = await b.ok('mailReport.attachment', { id: queued[0]! });
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  expect(sha(Buffer.from(kept.pdfBase64, 'base64'))).toBe(kept.sha256);

  await Promise.all([a.core.outbox.runOnce(), b.core.outbox.runOnce(), a.core.outbox.runOnce()]);
  const ids = smtp.messages.map((m) => m.mail.messageId);
  expect(ids).toHaveLength(5);
  expect(new Set(ids).size).toBe(5);
  // What went out is the very PDF desktop B was shown.
  const subjects = smtp.messages.map((m) => m.mail.subject);
  const firstSent = smtp.messages[subjects.indexOf('فاتورة 1')]!;
  expect(sha(firstSent.mail.attachments[0]!.content)).toBe(kept.sha256);
  const outbox = (await b.ok('mail.outbox', {})).items.filter((m) => queued.includes(m.id));
  expect(outbox.map((m) => m.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
}, 90_000);
