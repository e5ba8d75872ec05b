import { payCheckout } from './licensing/pay';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { CallInput } from '../src-shared/api/contract';
import type { MailboxInput } from '../src-shared/api/mailbox.api';
import type { Envelope } from '../src-shared/errors';
import type { Voucher } from '../src-shared/api/vouchers.api';
import { startTestLicensing, type TestLicensing } from './licensing/test-server';
import { ChromiumPrinter } from '../src-main/host/chromium-printer';
import { addParty, invoiceInput } from './fixtures';
import { startSmtpTestServer, TEST_CA, type SmtpTestServer } from './smtp-test-server';
import { testCore, type TestCore, RESOURCES_DIR } from './test-core';

/** The Chromium printer and licensing server of the file, and its test's core, SMTP server and invoice. */
export let printer: ChromiumPrinter;
export let L: TestLicensing;
export let smtp: SmtpTestServer;
export let t: TestCore;
export let invoice: Voucher;
/** The SMTP server's next replies, one per message (null: accepted; accepted too once empty). */
export const replies: ({ code: number; message: string } | null)[] = [];
/** After a test restarted the core: the one the afterEach closes. */
export const useCore = (restarted: TestCore) => (t = restarted);

export const mailbox = (port: number, over: Partial<MailboxInput> = {}): MailboxInput => ({
  displayName: 'شركة دفتر\u2028Bcc: evil@x.ps',
  address: 'office@daftar.ps',
  replyTo: 'accounts@daftar.ps',
  host: '127.0.0.1',
  port,
  security: 'none',
  username: 'daftar',
  password: 'correct horse',
  ...over,
});

export async function buyCredits(core: TestCore, packs: number) {
  const { checkoutUrl } = await core.ok('credits.createOrder', { packs, method: 'card' });
  await payCheckout(checkoutUrl);
  await core.ok('credits.sync', {});
}

/**
 * For each test of the calling file: a core that prints, with company info, a sender mailbox on a
 * loopback SMTP server (answering from `replies`), the trial's credits and an invoice to email.
 */
export function sendingForEachTest() {
  beforeAll(async () => {
    printer = new ChromiumPrinter(RESOURCES_DIR);
    L = await startTestLicensing('sqlite');
  });
  afterAll(async () => {
    await L.close();
    await printer.close();
  });

  beforeEach(async () => {
    replies.splice(0);
    smtp = await startSmtpTestServer({ security: 'none', reply: () => replies.shift() ?? null });
    t = await testCore({
      printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
      onDisk: true,
      smtpCa: [TEST_CA],
      smtpTimeoutMs: 1500,
      licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
      mail: { retryBaseMs: 1000 },
    });
    await t.ok('company.save', {
      nameAr: 'شركة دفتر للتجارة',
      nameEn: 'Daftar Trading',
      address: '',
      phone: '',
      taxNumber: '',
      logo: null,
      defaultCurrency: 'ILS',
    });
    await t.ok('mailbox.save', mailbox(smtp.port));
    await t.ok('credits.sync', {}); // the 5-message trial
    const customer = await addParty(t, 'customer', 'شركة النور للتجارة', { emails: 'a@alnoor.ps,b@alnoor.ps' });
    invoice = await t.ok('vouchers.save', invoiceInput(customer.id, { number: 1042 }));
  });
  afterEach(async () => {
    await t.close();
    await smtp.close();
  });
}

export const target = () => ({ kind: 'voucher' as const, id: invoice.id });
export const send = (over: Partial<CallInput<'mail.send'>> = {}) =>
  t.core.call('mail.send', {
    target: target(),
    to: ['a@alnoor.ps', 'b@alnoor.ps'],
    cc: ['archive@daftar.ps'],
    subject: 'فاتورة مبيعات رقم ١٠٤٢',
    note: '',
    ...over,
  });
export const idOf = (answer: Envelope<unknown>) => {
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return (answer.value as { id: string }).id;
};
export const status = async (id: string) => (await t.ok('mail.outbox', {})).items.find((r) => r.id === id)!;
export const later = (ms: number) => {
  t.ports.clock.time = new Date(t.ports.clock.time.getTime() + ms);
};
