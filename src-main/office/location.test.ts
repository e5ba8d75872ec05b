import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CallInput } from '../../src-shared/api/contract';
import { addParty, invoiceInput, loopbackMailbox } from '../../test-support/fixtures';
import { connectionOf, freshPostgres, type FreshDatabase } from '../../test-support/fresh-postgres';
import { startTcpProxy } from '../../test-support/tcp-proxy';
import { startedAgain as startAgain } from '../../test-support/started-again';
import { testCore, type TestCore } from '../../test-support/test-core';
import { LOCATION_FILE } from './book-location';

let database: FreshDatabase;
const cores: TestCore[] = [];
beforeEach(async () => {
  database = await freshPostgres('location');
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => {});
  await database.drop();
});

/** Settings → Book's form, filled in for the test run's PostgreSQL. */
const officeForm = (over: Partial<CallInput<'book.officeTest'>> = {}): CallInput<'book.officeTest'> => {
  const c = connectionOf(database.url);
  return { host: c.host, port: c.port, database: c.database, user: c.user, tls: 'off', ...over };
};

/** A desktop with a book file of its own; `restarts` counts the restarts its calls asked of the host. */
async function desktop(over: Parameters<typeof testCore>[0] = {}) {
  let restarts = 0;
  const t = await testCore({ onDisk: true, bookFile: undefined, restart: () => restarts++, ...over });
  cores.push(t);
  return Object.assign(t, { restarts: () => restarts });
}

/** Started again as the hosts do (testing/started-again.ts); closed after the test. */
async function startedAgain(t: TestCore) {
  const again = await startAgain(t);
  cores.push(again);
  return again;
}

it('moves this computer’s book to the office server, checked, keeps the file as it was, and opens the office book next', async () => {
  const here = await desktop();
  const customer = await addParty(here, 'customer', 'شركة الأمل');
  await here.ok('vouchers.save', invoiceInput(customer.id));
  await here.ok('mailbox.save', loopbackMailbox(2525));
  expect(await here.ok('book.location', {})).toMatchObject({ open: 'here', office: null });
  expect(await here.ok('book.officeTest', officeForm())).toEqual({
    holds: 'nothing',
    parties: 0,
    vouchers: 0,
    keyOpens: null,
  });
  await here.core.book.flush();
  const cards = () =>
    (here.core.book.dialect === 'sqlite' ? here.core.book.sqlite : null)!.prepare(`select id, name from parties`).all();
  const before = cards();

  const moved = await here.ok('book.moveToOffice', officeForm());
  expect(moved).toMatchObject({ restarting: true, balances: 1 });
  expect(moved.rows).toBeGreaterThan(3);
  expect(here.events.filter((e) => e.name === 'book.moveProgress').length).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 100));
  expect(here.restarts()).toBe(1);
  // The file keeps the book as it was (and now says it moved: left-behind.test.ts).
  expect(cards()).toEqual(before);
  // What the desktop keeps to open the office book: where it is (no password), and the secrets in its store.
  const saved = readFileSync(join(here.dataFolder, LOCATION_FILE), 'utf8');
  expect(JSON.parse(saved)).toMatchObject({ open: 'office', office: { host: '127.0.0.1', tls: 'off' } });
  expect(here.ports.secrets.values.get('office.key')).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const office = await startedAgain(here);
  expect(office.core.book.dialect).toBe('postgres');
  expect((await office.ok('app.info', {})).bookFile).toBe(
    `127.0.0.1:${connectionOf(database.url).port}/${connectionOf(database.url).database}`,
  );
  expect((await office.ok('parties.list', { kind: 'customer' })).items.map((p) => p.name)).toEqual(['شركة الأمل']);
  // The mailbox's password went with the book, sealed: any desktop of the office sends with it.
  expect(await office.ok('mailbox.get', {})).toMatchObject({ passwordSaved: true });
  expect(await office.ok('book.location', {})).toMatchObject({
    open: 'office',
    office: { database: connectionOf(database.url).database, officeKeySaved: true },
  });

  // Back to the book here (a read-only record of the file as it was: left-behind.test.ts).
  await office.ok('book.useHere', {});
  const back = await startedAgain(office);
  expect(back.core.book.dialect).toBe('sqlite');
  expect(await back.ok('book.location', {})).toMatchObject({ open: 'here', office: { host: '127.0.0.1' } });
}, 60_000);

it('lets another desktop join the office book only with its office key, saying which field is missing or wrong', async () => {
  const first = await desktop();
  await addParty(first, 'customer', 'شركة النور');
  await first.ok('book.moveToOffice', officeForm());
  const office = await startedAgain(first);
  const { officeKey } = await office.ok('book.officeKey', {});

  const second = await desktop();
  expect(await second.ok('book.officeTest', officeForm())).toMatchObject({
    holds: 'book',
    parties: 1,
    keyOpens: false,
  });
  expect(await second.fail('book.useOffice', officeForm())).toMatchObject({
    code: 'invalid_input',
    details: { fields: [{ path: 'officeKey', reason: 'required' }] },
  });
  expect(
    await second.fail(
      'book.useOffice',
      officeForm({ officeKey: officeKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }),
    ),
  ).toMatchObject({ details: { reason: 'office_key_wrong' } });
  // Moving a book into a database that holds one is refused: the office's work is never overwritten.
  expect(await second.fail('book.moveToOffice', officeForm())).toMatchObject({
    details: { reason: 'office_not_empty', parties: 1 },
  });
  expect(await second.ok('book.officeTest', officeForm({ officeKey }))).toMatchObject({ keyOpens: true });
  expect(await second.ok('book.useOffice', officeForm({ officeKey }))).toEqual({ restarting: true });
  const joined = await startedAgain(second);
  expect((await joined.ok('parties.list', { kind: 'customer' })).items.map((p) => p.name)).toEqual(['شركة النور']);
  // On a book here there is no office key to show.
  expect(await (await desktop()).fail('book.officeKey', {})).toMatchObject({ details: { reason: 'not_office_book' } });
}, 60_000);

it('says plainly why the office server cannot be reached: nothing answers, no such host, login, database, TLS', async () => {
  const t = await desktop();
  const reason = async (over: Partial<CallInput<'book.officeTest'>>) =>
    (await t.fail('book.officeTest', officeForm(over))).details;
  expect(await reason({ port: 1 })).toMatchObject({ reason: 'office_unreachable', why: 'refused', port: 1 });
  // (Another computer: only with TLS, refused in clear before anything is sent; office-tls.test.ts.)
  expect(await reason({ host: 'office-server.invalid', tls: 'verify' })).toMatchObject({
    reason: 'office_unreachable',
    why: 'no_such_host',
  });
  expect(await reason({ database: 'no_such_book' })).toMatchObject({
    reason: 'office_no_database',
    database: 'no_such_book',
  });
  expect(await reason({ tls: 'verify' })).toMatchObject({ reason: 'office_tls', why: 'not_offered' });
  // A user who signs in with a password, given the wrong one.
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const clerk = `clerk_${connectionOf(database.url).database}`;
  await admin.query(`create role ${clerk} login password 'right one' in role password_users`);
  await admin.end();
  expect(await reason({ user: clerk, password: 'wrong one' })).toMatchObject({
    reason: 'office_login_refused',
    user: clerk,
  });
  expect(await t.ok('book.officeTest', officeForm({ user: clerk, password: 'right one' }))).toMatchObject({
    holds: 'nothing',
  });
  // Nothing of these tries was kept.
  expect(existsSync(join(t.dataFolder, LOCATION_FILE))).toBe(false);
  expect([...t.ports.secrets.values.keys()].filter((k) => k.startsWith('office.'))).toEqual([]);
}, 60_000);

it('refuses a save with the reason while the office server is away, writes none of it, and saves once it is back', async () => {
  const c = connectionOf(database.url);
  const proxy = await startTcpProxy(c.port);
  try {
    const t = await testCore({ office: { ...c, port: proxy.port } });
    cores.push(t);
    const customer = await addParty(t, 'customer', 'شركة الأمل');
    await proxy.cut();
    const refused = await t.fail('vouchers.save', invoiceInput(customer.id));
    expect(refused).toMatchObject({ code: 'offline', details: { reason: 'office_unreachable', port: proxy.port } });
    await proxy.mend();
    const saved = await t.ok('vouchers.save', invoiceInput(customer.id));
    expect(saved.number).toBe(1);
    expect((await t.ok('vouchers.list', { type: 'sales_invoice' })).items).toHaveLength(1);
  } finally {
    await proxy.close();
  }
}, 60_000);

it('asks where the book is at a desktop’s first start only: a new book here, and no choice made yet', async () => {
  const fresh = await desktop();
  expect((await fresh.ok('app.info', {})).firstStart).toBe(true);
  await fresh.ok('book.keepHere', {});
  expect((await fresh.ok('app.info', {})).firstStart).toBe(false);
  expect(JSON.parse(readFileSync(join(fresh.dataFolder, LOCATION_FILE), 'utf8'))).toEqual({
    open: 'here',
    office: null,
  });

  // A desktop that worked before office mode existed has cards in its book and no location file: not asked.
  const older = await desktop();
  await addParty(older, 'customer', 'شركة الأمل');
  expect((await older.ok('app.info', {})).firstStart).toBe(false);

  // A desktop on the office book has chosen: not asked, and cannot take "this computer" by this call.
  const office = await desktop({ office: connectionOf(database.url) });
  expect((await office.ok('app.info', {})).firstStart).toBe(false);
  expect(await office.fail('book.keepHere', {})).toMatchObject({ details: { reason: 'office_book' } });
  expect(existsSync(join(office.dataFolder, LOCATION_FILE))).toBe(false);
});
