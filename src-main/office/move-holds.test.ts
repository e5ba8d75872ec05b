import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startTestLicensing, type TestLicensing } from '../../test-support/licensing/test-server';
import type { CallInput } from '../../src-shared/api/contract';
import { BOOK_FILE_NAME } from '../book/book-file';
import { ChromiumPrinter } from '../host/chromium-printer';
import { addParty, companyInput, invoiceInput, loopbackMailbox } from '../../test-support/fixtures';
import { connectionOf, freshPostgres, type FreshDatabase } from '../../test-support/fresh-postgres';
import { startSmtpTestServer, type SmtpTestServer } from '../../test-support/smtp-test-server';
import { RESOURCES_DIR, testCore, type TestCore } from '../../test-support/test-core';
import { locatedBook } from './book-location';
import { localBook } from '../book/book';

// While a book file is copied to the office server it holds still: another window's save, or the
// outbox sending, would otherwise change a table already copied, and be lost or sent twice.

let L: TestLicensing;
const printer = new ChromiumPrinter(RESOURCES_DIR);
let smtp: SmtpTestServer;
let database: FreshDatabase;
const cores: TestCore[] = [];

beforeAll(async () => {
  L = await startTestLicensing('sqlite');
});
afterAll(async () => {
  await L.close();
  await printer.close();
});
beforeEach(async () => {
  smtp = await startSmtpTestServer({ security: 'none' });
  database = await freshPostgres('move_holds');
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => {});
  await smtp.close();
  await database.drop();
});

const officeForm = (): CallInput<'book.moveToOffice'> => {
  const c = connectionOf(database.url);
  return { host: c.host, port: c.port, database: c.database, user: c.user, tls: 'off' };
};

/** A desktop with a book file of its own, a mailbox on the test server and the 5-message trial. */
async function desktop() {
  const t = await testCore({
    onDisk: true,
    bookFile: undefined,
    restart: () => {},
    printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
  });
  cores.push(t);
  await t.ok('company.save', companyInput());
  await t.ok('mailbox.save', loopbackMailbox(smtp.port));
  await t.ok('credits.sync', {});
  return t;
}

/** The same desktop started again on the office book its saved location names (as the hosts do). */
async function onTheOfficeBook(t: TestCore) {
  await t.core.close();
  const again = await testCore({ dataFolder: t.dataFolder, ...(await locatedBook(t.dataFolder, t.ports.secrets)) });
  cores.push(again);
  return again;
}

/** Emails the invoice to a@alamal.ps as "فاتورة ١"; it waits in the outbox (the test drives the worker). */
const emailInvoice = (t: TestCore, id: string) =>
  t.ok('mail.send', { target: { kind: 'voucher', id }, to: ['a@alamal.ps'], cc: [], subject: 'فاتورة ١', note: '' });

/** Calls `during` once, when the move reports copying `table`. */
function whenCopying(t: TestCore, table: string, during: () => Promise<unknown>[]): () => Promise<unknown[]> {
  let started: Promise<unknown>[] = [];
  t.core.on((event) => {
    if (event.name === 'book.moveProgress' && (event.payload as { table: string }).table === table && !started.length)
      started = during();
  });
  return () => Promise.all(started);
}

it('refuses a save from another window while the book moves, says why, and the office book equals the file', async () => {
  const here = await desktop();
  const customer = await addParty(here, 'customer', 'شركة الأمل');
  await here.ok('vouchers.save', invoiceInput(customer.id));

  // After the vouchers went across: a save, and a read.
  const meanwhile = whenCopying(here, 'voucher_lines', () => [
    here.core.call('vouchers.save', invoiceInput(customer.id)),
    here.core.call('vouchers.list', { type: 'sales_invoice' }),
  ]);
  expect(await here.ok('book.moveToOffice', officeForm())).toMatchObject({ restarting: true, balances: 1 });
  const [saved, listed] = await meanwhile();
  expect(saved).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'book_moving' } } });
  expect(listed).toMatchObject({ ok: true, value: { items: [{ number: 1 }] } });

  // Nothing left behind: the file and the office book hold the same one invoice.
  const file = new Database(join(here.dataFolder, BOOK_FILE_NAME), { readonly: true });
  try {
    expect(file.prepare(`select count(*) from vouchers`).pluck().get()).toBe(1);
  } finally {
    file.close();
  }
  const office = await onTheOfficeBook(here);
  expect((await office.ok('vouchers.list', { type: 'sales_invoice' })).items.map((v) => v.number)).toEqual([1]);
}, 90_000);

it('sends nothing while the book moves; the office book then sends the waiting message once', async () => {
  const here = await desktop();
  const customer = await addParty(here, 'customer', 'شركة الأمل', { emails: 'a@alamal.ps' });
  const invoice = await here.ok('vouchers.save', invoiceInput(customer.id));
  await emailInvoice(here, invoice.id);

  // The outbox looks at its queue just after the outbox table went across.
  const meanwhile = whenCopying(here, 'outbox', () => [here.core.outbox.runOnce()]);
  await here.ok('book.moveToOffice', officeForm());
  await meanwhile();
  expect(smtp.messages).toHaveLength(0);

  const office = await onTheOfficeBook(here);
  await office.core.outbox.runOnce();
  expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['فاتورة ١']);
  expect((await office.ok('mail.outbox', {})).items.map((m) => m.status)).toEqual(['sent']);
}, 90_000);

it('lets the desktop go on with its file when the move fails: saving and sending work again', async () => {
  const here = await desktop();
  const customer = await addParty(here, 'customer', 'شركة الأمل', { emails: 'a@alamal.ps' });
  // A table the move does not know makes it refuse, after the book was held.
  localBook(here.core.book).sqlite.exec('create table notes_of_a_later_version (note text)');
  const refused = await here.fail('book.moveToOffice', officeForm());
  expect(refused.code).toBe('internal');

  const invoice = await here.ok('vouchers.save', invoiceInput(customer.id));
  await emailInvoice(here, invoice.id);
  await here.core.outbox.runOnce();
  expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['فاتورة ١']);
}, 90_000);

it('lets the desktop go on with its file when it cannot keep the office book’s key after the copy', async () => {
  const here = await desktop();
  const customer = await addParty(here, 'customer', 'شركة الأمل');
  // The keychain refuses to store anything (locked, or gone) once the copy is done.
  here.ports.secrets.set = async () => {
    throw new Error('the keychain refused');
  };
  expect((await here.fail('book.moveToOffice', officeForm())).code).toBe('internal');
  expect((await here.ok('vouchers.save', invoiceInput(customer.id))).number).toBe(1);
}, 90_000);
