import SQLite from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CallInput } from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/errors';
import { reserveCredits } from '../credits/ledger';
import { BOOK_SECRETS, DEVICE_TOKEN_KEY, SMTP_PASSWORD_KEY } from '../secrets/secret-names';
import { addParty, bulkInput, invoiceInput, loopbackMailbox } from '../../test-support/fixtures';
import { connectionOf, type FreshDatabase } from '../../test-support/fresh-postgres';
import { licensingOf, test as serverTest } from '../../test-support/server-test';
import { testCore, type TestCore } from '../../test-support/test-core';
import { locatedBook, LOCATION_FILE, writeLocation } from './book-location';
import { rescueCore } from '../hosting/rescue-core';

/**
 * Issue 38 §2: after a move the file left on this computer is a read-only record, not a live clone.
 * Its secrets left this desktop, it saves, sends and spends nothing, and the rescue screen opens it
 * only for one of its users.
 */

const PASSWORD = 'كلمة سر المدير 2026';
const PDF = Buffer.from('%PDF-1.7 a printed page');

const officeForm = (database: FreshDatabase): CallInput<'book.moveToOffice'> => {
  const c = connectionOf(database.url);
  return { host: c.host, port: c.port, database: c.database, user: c.user, tls: 'off' };
};

/** A desktop's store as it was when its core closed (read only, to find the book it opens next). */
const storeOf = (values: Map<string, string>) => ({
  get: async (k: string) => values.get(k) ?? null,
  set: async () => {},
  delete: async () => {},
});

const count = (t: TestCore, table: string) =>
  t.core.book.dialect === 'sqlite'
    ? (t.core.book.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
    : -1;

/** The desktops of a test, on its office book (officeDatabase) and a licensing server of its own. */
interface Desktops {
  database: FreshDatabase;
  /** A desktop as a host starts it: the book its saved location names, this desktop's store, the licensing server. */
  start(dataFolder?: string, secrets?: Map<string, string>): Promise<TestCore>;
  /** The same desktop started again (its core closed first), with the secrets its store holds now. */
  again(t: TestCore): Promise<TestCore>;
  /** A book here with a card, an invoice, a mailbox with its password, credits from the licensing server, and a password, moved to the office book. */
  movedDesktop(): ReturnType<typeof movedDesktop>;
}

async function movedDesktop(d: Desktops) {
  const here = await d.start();
  const customer = await addParty(here, 'customer', 'شركة الأمل', { emails: 'amal@example.ps' });
  const invoice = await here.ok('vouchers.save', invoiceInput(customer.id));
  await here.ok('mailbox.save', loopbackMailbox(2525));
  expect((await here.ok('credits.sync', {})).balance).toBe(5);
  await here.ok('users.save', { id: 'admin', name: 'admin', permissions: [], password: PASSWORD });
  expect(await here.secret(SMTP_PASSWORD_KEY)).not.toBeNull();
  expect(await here.secret(DEVICE_TOKEN_KEY)).not.toBeNull();
  await here.ok('book.moveToOffice', officeForm(d.database));
  return { here, customer, invoice };
}

const test = serverTest.extend(
  'desktops',
  async ({ officeDatabase: database, freshLicensing: licensing }, { onCleanup }): Promise<Desktops> => {
    const cores: TestCore[] = [];
    onCleanup(async () => {
      for (const c of cores) await c.close().catch(() => {});
    });
    const desktops: Desktops = {
      database,
      async start(dataFolder, secrets) {
        const t = await testCore({
          onDisk: true,
          bookFile: undefined,
          ...(dataFolder ? { dataFolder, ...(await locatedBook(dataFolder, storeOf(secrets ?? new Map()))) } : {}),
          licensing: licensingOf(licensing),
          printer: { pdf: async () => PDF, close: async () => {} },
          restart: () => {},
          wrongPasswordDelayMs: 5,
        });
        for (const [k, v] of secrets ?? []) await t.ports.secrets.set(k, v);
        cores.push(t);
        return t;
      },
      async again(t) {
        await t.core.close();
        return desktops.start(t.dataFolder, new Map(t.ports.secrets.values));
      },
      movedDesktop: () => movedDesktop(desktops),
    };
    return desktops;
  },
);

test('after a move, the book’s secrets leave this desktop’s store and the office book holds its own', async ({
  desktops: { again, movedDesktop },
}) => {
  const { here } = await movedDesktop();
  const kept = [...here.ports.secrets.values.keys()];
  expect(kept.filter((name) => BOOK_SECRETS.includes(name))).toEqual([]);
  expect(kept).toContain('office.key');
  // The file itself says it moved, even copied alone without its -wal while Daftar still has it open.
  const copy = join(here.dataFolder, 'copy.sqlite');
  copyFileSync(join(here.dataFolder, 'daftar.sqlite'), copy);
  const alone = new SQLite(copy, { readonly: true });
  expect(alone.prepare(`select value from settings where key = 'book.movedToOffice'`).pluck().get()).toMatch(/"to":/);
  alone.close();

  const office = await again(here);
  expect(office.core.book.dialect).toBe('postgres');
  await office.ok('users.login', { name: 'admin', password: PASSWORD });
  expect(await office.ok('mailbox.get', {})).toMatchObject({ passwordSaved: true });
  expect(await office.secret(SMTP_PASSWORD_KEY)).toBe(loopbackMailbox(2525).password);
  expect(await office.secret(DEVICE_TOKEN_KEY)).not.toBeNull();
}, 60_000);

test('opens the file left behind as a read-only record: nothing saved, sent or spent; reading and printing go on', async ({
  desktops: { database, again, movedDesktop },
}) => {
  const { here, customer, invoice } = await movedDesktop();
  const office = await again(here);
  await office.ok('users.login', { name: 'admin', password: PASSWORD });
  await office.ok('book.useHere', {});
  const record = await again(office);
  expect(record.core.book.dialect).toBe('sqlite');
  // Its users sign in as before (nothing of the sign-in is written), a wrong password is refused.
  expect(await record.fail('users.login', { name: 'admin', password: 'not it' })).toMatchObject({
    details: { reason: 'wrong_password' },
  });
  await record.ok('users.login', { name: 'admin', password: PASSWORD });
  const refusal = { code: 'conflict', details: { reason: 'book_moved_read_only', movedAt: expect.any(String) } };

  // A save: refused with the reason, nothing written.
  const parties = count(record, 'parties');
  const card = { kind: 'customer', code: 'C-99', name: 'شركة جديدة', phone: '', address: '', taxNumber: '' };
  const cardInput = { ...card, jobTitle: '', notes: '', emails: '' } as const;
  expect(await record.fail('parties.save', cardInput)).toMatchObject(refusal);
  expect(await record.fail('vouchers.save', invoiceInput(customer.id))).toMatchObject(refusal);
  expect(count(record, 'parties')).toBe(parties);
  expect(count(record, 'vouchers')).toBe(1);
  // The window is told, to say so plainly.
  expect((await record.ok('app.info', {})).movedRecord).toMatchObject({
    to: `127.0.0.1:${connectionOf(database.url).port}/${connectionOf(database.url).database}`,
  });

  // A send: refused before anything is queued or spent.
  const target = { kind: 'voucher' as const, id: invoice.id, language: 'ar' as const };
  expect(await record.fail('mail.send', { target, to: ['amal@example.ps'], subject: 'فاتورة' })).toMatchObject(refusal);
  expect(count(record, 'outbox')).toBe(0);
  // A bulk send: refused, no run written.
  expect(await record.fail('bulk.start', { options: bulkInput(), limitToBalance: true })).toMatchObject(refusal);
  expect(count(record, 'bulk_sends')).toBe(0);

  // A spend straight on the ledger: the file takes it not.
  const spends = count(record, 'credit_spends');
  await expect(reserveCredits(record.core.book, record.core.grants, 1, 'again', new Date())).rejects.toMatchObject({
    code: 'SQLITE_READONLY',
  });
  expect(count(record, 'credit_spends')).toBe(spends);
  // No sync either: the licensing server is not reached, and no device token comes back here.
  expect(await record.ok('credits.sync', {})).toMatchObject({ configured: false });
  expect(await record.ports.secrets.get(DEVICE_TOKEN_KEY)).toBeNull();

  // Reading goes on: lists, the statement, a voucher's PDF (made fresh, not kept in the record).
  expect((await record.ok('parties.list', { kind: 'customer' })).items.map((p) => p.name)).toEqual(['شركة الأمل']);
  expect(
    (await record.ok('statements.accountStatement', { partyId: customer.id, from: '2020-01-01', to: '2030-12-31' }))
      .sections.length,
  ).toBeGreaterThan(0);
  const prints = count(record, 'voucher_prints');
  const printed = await record.ok('print.pdf', { target });
  expect(Buffer.from(printed.pdfBase64, 'base64')).toEqual(PDF);
  expect(count(record, 'voucher_prints')).toBe(prints);
}, 60_000);

/** The rescue core a desktop gets when the office server does not answer at start. */
const serverAwayRescue = (dataFolder: string) =>
  rescueCore({
    dataFolder,
    version: 'test',
    host: 'node',
    damage: AppError.because('office_unreachable', 'The office server does not answer', {
      host: '127.0.0.1',
      port: 1,
      why: 'refused',
    }),
    restart: () => {},
    wrongPasswordDelayMs: 5,
  });

test('the rescue screen opens the file here only for one of its users, by its password', async ({
  desktops: { movedDesktop },
}) => {
  const { here } = await movedDesktop();
  await here.core.close();
  const location = () => JSON.parse(readFileSync(join(here.dataFolder, LOCATION_FILE), 'utf8')).open as string;
  expect(location()).toBe('office');
  const rescue = serverAwayRescue(here.dataFolder);
  expect(await rescue.call('book.useHere', {})).toMatchObject({
    ok: false,
    error: { details: { reason: 'login_required' } },
  });
  expect(await rescue.call('app.info', {})).toMatchObject({ ok: true, value: { officeProblem: { hereSignIn: true } } });
  expect(await rescue.call('book.useHere', { name: 'admin', password: 'not it' })).toMatchObject({
    ok: false,
    error: { details: { reason: 'wrong_password' } },
  });
  expect(await rescue.call('book.useHere', { name: 'nobody', password: PASSWORD })).toMatchObject({
    ok: false,
    error: { details: { reason: 'wrong_password' } },
  });
  expect(location()).toBe('office');
  // Nor does a backup from before the move go back over the record from here (the core refuses it too).
  expect(await rescue.call('book.restore', { name: 'daily-2026-01-01.sqlite' })).toMatchObject({
    ok: false,
    error: { details: { reason: 'book_moved_read_only' } },
  });
  expect(await rescue.call('book.useHere', { name: 'admin', password: PASSWORD })).toEqual({
    ok: true,
    value: { restarting: true },
  });
  expect(location()).toBe('here');
  await rescue.close();
}, 60_000);

test('the rescue screen opens a file without any password as before: there is no one to ask for', async ({
  desktops: { database, start },
}) => {
  const t = await start();
  await t.core.close();
  const c = connectionOf(database.url);
  writeLocation(t.dataFolder, {
    open: 'office',
    office: { host: c.host, port: 1, database: c.database, user: c.user, tls: 'off', ca: '', clientCert: '' },
  });
  const rescue = serverAwayRescue(t.dataFolder);
  expect(await rescue.call('app.info', {})).toMatchObject({ value: { officeProblem: { hereSignIn: false } } });
  expect(await rescue.call('book.useHere', {})).toEqual({ ok: true, value: { restarting: true } });
  await rescue.close();
});
