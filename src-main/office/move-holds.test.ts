import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { CallInput } from '../../src-shared/api/contract';
import { BOOK_FILE_NAME } from '../book/book-file';
import { addParty, invoiceInput } from '../../test-support/fixtures';
import { connectionOf, type FreshDatabase } from '../../test-support/fresh-postgres';
import { test } from '../../test-support/server-test';
import { testCore, type TestCore } from '../../test-support/test-core';
import { locatedBook } from './book-location';
import { localBook } from '../book/book';

// While a book file is copied to the office server it holds still: another window's save, or the
// outbox sending, would otherwise change a table already copied, and be lost or sent twice.

// Each test: a desktop with a book file of its own that prints, a mailbox on the test's SMTP server
// and the 5-message trial (mailingCore), and a fresh office book to move it to (officeDatabase).
// A move ends by asking the host to restart the app: here nothing is restarted.
test.override('coreOptions', { restart: () => {} });

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => {});
});

const officeForm = (database: FreshDatabase): CallInput<'book.moveToOffice'> => {
  const c = connectionOf(database.url);
  return { host: c.host, port: c.port, database: c.database, user: c.user, tls: 'off' };
};

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

test('refuses a save from another window while the book moves, says why, and the office book equals the file', async ({
  mailingCore: here,
  officeDatabase,
}) => {
  const customer = await addParty(here, 'customer', 'شركة الأمل');
  await here.ok('vouchers.save', invoiceInput(customer.id));

  // After the vouchers went across: a save, and a read.
  const meanwhile = whenCopying(here, 'voucher_lines', () => [
    here.core.call('vouchers.save', invoiceInput(customer.id)),
    here.core.call('vouchers.list', { type: 'sales_invoice' }),
  ]);
  expect(await here.ok('book.moveToOffice', officeForm(officeDatabase))).toMatchObject({
    restarting: true,
    balances: 1,
  });
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

test('sends nothing while the book moves; the office book then sends the waiting message once', async ({
  mailingCore: here,
  officeDatabase,
  smtp,
}) => {
  const customer = await addParty(here, 'customer', 'شركة الأمل', { emails: 'a@alamal.ps' });
  const invoice = await here.ok('vouchers.save', invoiceInput(customer.id));
  await emailInvoice(here, invoice.id);

  // The outbox looks at its queue just after the outbox table went across.
  const meanwhile = whenCopying(here, 'outbox', () => [here.core.outbox.runOnce()]);
  await here.ok('book.moveToOffice', officeForm(officeDatabase));
  await meanwhile();
  expect(smtp.messages).toHaveLength(0);

  const office = await onTheOfficeBook(here);
  await office.core.outbox.runOnce();
  expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['فاتورة ١']);
  expect((await office.ok('mail.outbox', {})).items.map((m) => m.status)).toEqual(['sent']);
}, 90_000);

test('lets the desktop go on with its file when the move fails: saving and sending work again', async ({
  mailingCore: here,
  officeDatabase,
  smtp,
}) => {
  const customer = await addParty(here, 'customer', 'شركة الأمل', { emails: 'a@alamal.ps' });
  // A table the move does not know makes it refuse, after the book was held.
  localBook(here.core.book).sqlite.exec('create table notes_of_a_later_version (note text)');
  const refused = await here.fail('book.moveToOffice', officeForm(officeDatabase));
  expect(refused.code).toBe('internal');

  const invoice = await here.ok('vouchers.save', invoiceInput(customer.id));
  await emailInvoice(here, invoice.id);
  await here.core.outbox.runOnce();
  expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['فاتورة ١']);
}, 90_000);

test('lets the desktop go on with its file when it cannot keep the office book’s key after the copy', async ({
  mailingCore: here,
  officeDatabase,
}) => {
  const customer = await addParty(here, 'customer', 'شركة الأمل');
  // The keychain refuses to store anything (locked, or gone) once the copy is done.
  here.ports.secrets.set = async () => {
    throw new Error('the keychain refused');
  };
  expect((await here.fail('book.moveToOffice', officeForm(officeDatabase))).code).toBe('internal');
  expect((await here.ok('vouchers.save', invoiceInput(customer.id))).number).toBe(1);
}, 90_000);
