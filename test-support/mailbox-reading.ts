import { startTestLicensing, type TestLicensing } from './licensing/test-server';
import type { CoreOptions } from '../src-main/core';
import { ChromiumPrinter } from '../src-main/host/chromium-printer';
import { addParty, invoiceInput } from './fixtures';
import { startMailServers, type MailServerOptions, type MailServers } from './mail-servers';
import { TEST_CA } from './smtp-test-server';
import { RESOURCES_DIR, testCore, type TestCore } from './test-core';

/** What the mailbox-reading tests share: Debian's Postfix and Dovecot, the licensing server, Chromium. */
export interface ReadingWorld {
  servers: MailServers;
  licensing: TestLicensing;
  printer: ChromiumPrinter;
}

/** Starts the servers, the licensing server and Chromium for a test file (in its beforeAll). */
export async function startReadingWorld(users: string[], options: MailServerOptions = {}): Promise<ReadingWorld> {
  return {
    servers: await startMailServers(users, options),
    licensing: await startTestLicensing('sqlite'),
    printer: new ChromiumPrinter(RESOURCES_DIR),
  };
}

export async function stopReadingWorld(world: ReadingWorld | undefined): Promise<void> {
  await world?.servers.stop();
  await world?.licensing.close();
  await world?.printer.close();
}

/** A desktop on a fresh book, or on `sameBook` again (a restart), reading real time as the servers stamp it. */
export async function openReadingCore(world: ReadingWorld, sameBook: Partial<CoreOptions> = {}): Promise<TestCore> {
  const t = await testCore({
    printer: { pdf: (h) => world.printer.pdf(h), close: async () => {} },
    onDisk: true,
    ...sameBook,
    smtpCa: [TEST_CA],
    smtpTimeoutMs: 5000,
    licensing: { url: world.licensing.server.url, publicKeyPem: world.licensing.publicKeyPem, timeoutMs: 2000 },
  });
  t.ports.clock.time = new Date();
  return t;
}

/** Saves an invoice for a new customer with these addresses and sends it through the outbox. */
export async function sendInvoice(t: TestCore, emails: string, number: number) {
  const customer = await addParty(t, 'customer', `زبون ${number}`, { emails });
  const invoice = await t.ok('vouchers.save', invoiceInput(customer.id, { number }));
  const target = { kind: 'voucher' as const, id: invoice.id };
  const prepared = await t.ok('mail.prepare', { target });
  const { id } = await t.ok('mail.send', { target, to: prepared.to, subject: prepared.subject });
  await t.core.outbox.runOnce();
  return { id, customerId: customer.id };
}

export const outboxRow = async (t: TestCore, id: string) =>
  (await t.ok('mail.outbox', {})).items.find((r) => r.id === id)!;

/** Waits until a user's INBOX holds a message whose bytes include `text` (a DSN takes Postfix a moment). */
export async function waitForMail(servers: MailServers, user: string, text: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if ((await servers.sources(user, 'INBOX')).some((s) => s.includes(text))) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail with ${text} reached ${user}; Postfix said:\n${servers.log().slice(-3000)}`);
}

/** An RFC 3464 report as a receiving server writes one: it answers `messageId`, for `recipient`. */
export function deliveryReport(o: {
  to: string;
  messageId: string;
  recipient: string;
  diagnostic?: string;
  date?: Date;
}): string {
  const boundary = 'report-boundary';
  return [
    'From: MAILER-DAEMON@mx.example.ps (Mail Delivery System)',
    `To: ${o.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${(o.date ?? new Date()).toUTCString()}`,
    `Message-ID: <dsn-${Math.random().toString(36).slice(2)}@mx.example.ps>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    // Quoted-printable: a control character (=00) survives the server, as in a stranger's report.
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Reporting-MTA: dns; mx.example.ps',
    '',
    `Final-Recipient: rfc822; ${o.recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; ${quotedPrintable(o.diagnostic ?? '550 5.1.1 no such user')}`,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `From: ${o.to}`,
    `To: ${o.recipient}`,
    `Message-ID: ${o.messageId}`,
    'Subject: Invoice',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Control characters and '=' written as =XX; the rest as it is (ASCII only). */
const quotedPrintable = (text: string) =>
  text.replace(/[\u0000-\u001f=]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
