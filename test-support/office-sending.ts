import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestLicensing, type TestLicensing } from './licensing/test-server';
import { ChromiumPrinter } from '../src-main/host/chromium-printer';
import { connectionOf, freshPostgres, type FreshDatabase } from './fresh-postgres';
import { invoiceInput } from './fixtures';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server';
import { RESOURCES_DIR, testCore, type TestCore } from './test-core';
import type { CoreOptions } from '../src-main/core';

/** The script that runs a desktop of its own in a child process (to be killed mid-bulk). */
export const BULK_DESKTOP = fileURLToPath(new URL('./office-bulk-desktop.ts', import.meta.url));

// Two desktops of one office on one PostgreSQL book, each with its own data folder and outbox worker.
export let printer: ChromiumPrinter;
export let L: TestLicensing;
export let smtp: SmtpTestServer;
export let database: FreshDatabase;
let desktops: TestCore[] = [];
/** A test's own SMTP server instead (the afterEach closes it). */
export const useSmtp = (server: SmtpTestServer) => (smtp = server);
/** A desktop the test closed itself. */
export const forgetDesktop = (d: TestCore) => (desktops = desktops.filter((other) => other !== d));

/** For each test of the calling file: a fresh office book, a loopback SMTP server, and `desktop()` to open the book. */
export function officeSendingForEachTest() {
  beforeAll(async () => {
    printer = new ChromiumPrinter(RESOURCES_DIR);
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
}

/** A desktop of the office: a core on the test's office book that prints and knows the licensing server. */
export const desktop = async (over: Partial<CoreOptions> = {}) => {
  const d = await testCore({
    ...over,
    office: over.office ?? connectionOf(database.url),
    printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
  });
  desktops.push(d);
  return d;
};

/** Saves a sales invoice of each number for the card and emails it to a@alnoor.ps ("فاتورة n"); answers the messages' ids. */
export async function emailInvoices(d: TestCore, customerId: string, numbers: number[]): Promise<string[]> {
  const ids: string[] = [];
  for (const n of numbers) {
    const invoice = await d.ok('vouchers.save', invoiceInput(customerId, { number: n }));
    const { id } = await d.ok('mail.send', {
      target: { kind: 'voucher', id: invoice.id },
      to: ['a@alnoor.ps'],
      cc: [],
      subject: `فاتورة ${n}`,
      note: '',
    });
    ids.push(id);
  }
  return ids;
}
