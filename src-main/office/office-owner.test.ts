import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CallInput } from '../../src-shared/api/contract';
import { isRescued, rescueCore } from '../hosting/rescue-core';
import { addParty, invoiceInput } from '../../test-support/fixtures';
import { freshPostgres, type FreshDatabase } from '../../test-support/fresh-postgres';
import { startedAgain as startAgain } from '../../test-support/started-again';
import { TEST_OFFICE_KEY, testCore, type TestCore } from '../../test-support/test-core';
import { locatedBook } from './book-location';

// The README's office: the server's administrator made two roles, the owner and the desktops'. The
// desktops are set up with the desktops' role; the owner's password is typed only to make the book
// (the first desktop's move), to give a role its rights, or when Daftar updates, and never kept.
let database: FreshDatabase;
const cores: TestCore[] = [];
beforeEach(async () => {
  database = await freshPostgres('owner');
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => {});
  await database.drop();
});

/** Settings → Book's form, as the desktops' role. */
const officeForm = (over: Partial<CallInput<'book.officeTest'>> = {}): CallInput<'book.officeTest'> => {
  const { host, port, database: name, user, password } = database.desktop;
  return { host, port, database: name, user, password, tls: 'off', ...over };
};
const owner = () => ({ ownerUser: database.desktop.owner.user, ownerPassword: database.desktop.owner.password });

async function desktop() {
  const t = await testCore({ onDisk: true, bookFile: undefined, restart: () => {} });
  cores.push(t);
  return t;
}

/** Started again as the hosts do (testing/started-again.ts); closed after the test. */
async function startedAgain(t: TestCore) {
  const again = await startAgain(t);
  cores.push(again);
  return again;
}

const asSuperuser = async (text: string) => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
};

it('the first desktop moves its book with the owner’s password typed once; it opens next as the desktops’ role', async () => {
  const here = await desktop();
  const customer = await addParty(here, 'customer', 'شركة الأمل');
  await here.ok('vouchers.save', invoiceInput(customer.id));
  expect(await here.ok('book.officeTest', officeForm())).toMatchObject({ holds: 'nothing' });

  // Without the owner, the desktops' role cannot make the book's tables: said, and nothing is made.
  expect(await here.fail('book.moveToOffice', officeForm())).toMatchObject({
    details: { reason: 'office_needs_owner', why: 'update', user: database.desktop.user },
  });
  expect(await asSuperuser(`select to_regclass('public.parties') as t`)).toEqual([{ t: null }]);

  await here.ok('book.moveToOffice', officeForm(owner()));
  // The owner's password was used, not kept: not in this desktop's store, not in the settings beside the book.
  expect([...here.ports.secrets.values.values()]).not.toContain(database.desktop.owner.password);
  const office = await startedAgain(here);
  expect(await office.ok('book.location', {})).toMatchObject({
    open: 'office',
    office: { user: database.desktop.user },
  });
  expect((await office.ok('parties.list', { kind: 'customer' })).items.map((p) => p.name)).toEqual(['شركة الأمل']);
  // The tables are the owner's; the desktop signs in as the desktops' role, which owns nothing.
  expect(await asSuperuser(`select tableowner from pg_tables where tablename = 'users'`)).toEqual([
    { tableowner: database.desktop.owner.user },
  ]);
});

it('a desktops’ role without rights is refused at start; the owner’s password on that screen gives them and the book opens', async () => {
  // The office book, made by the first desktop.
  const first = await testCore({ office: database.desktop });
  cores.push(first);
  const customer = await addParty(first, 'customer', 'مؤسسة النور');
  const officeKey = TEST_OFFICE_KEY;

  // A second desktops' role, made by the administrator, not yet given anything by the owner.
  const second = `${database.desktop.user}_2`;
  await asSuperuser(`create role ${second} login password 'second-password'`);
  try {
    const joining = await desktop();
    const form = officeForm({ user: second, password: 'second-password', officeKey });
    expect(await joining.fail('book.useOffice', form)).toMatchObject({
      details: { reason: 'office_needs_owner', why: 'rights', user: second },
    });
    await joining.ok('book.useOffice', { ...form, ...owner() });
    const joined = await startedAgain(joining);
    expect((await joined.ok('parties.get', { id: customer.id })).name).toBe('مؤسسة النور');
    await joined.core.close();

    // Its rights taken away again (as after an update that left them out): the start is refused, and rescued.
    await asSuperuser(`revoke all on all tables in schema public from ${second}`);
    await asSuperuser(`delete from office_desktop_roles where name = '${second}'`);
    const refused = await locatedBook(joined.dataFolder, joined.ports.secrets).then((located) =>
      testCore({ dataFolder: joined.dataFolder, ...located }).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(isRescued(refused)).toBe(true);
    expect(refused).toMatchObject({ details: { reason: 'office_needs_owner', why: 'rights' } });
    let restarted = 0;
    const rescue = rescueCore({
      dataFolder: joined.dataFolder,
      version: 'test',
      host: 'node',
      damage: refused as never,
      restart: () => restarted++,
      secrets: joined.ports.secrets,
    });
    expect(await rescue.call('book.updateOffice', { ownerUser: second, ownerPassword: 'x' })).toMatchObject({
      ok: false,
      error: { details: { reason: 'office_not_owner' } },
    });
    expect(await rescue.call('book.updateOffice', owner())).toEqual({ ok: true, value: { restarting: true } });
    await new Promise((r) => setTimeout(r, 100));
    expect(restarted).toBe(1);
    const back = await startedAgain(joined);
    expect((await back.ok('parties.get', { id: customer.id })).name).toBe('مؤسسة النور');

    // From a running desktop too (Settings), the owner's password gives its database user the rights again.
    await asSuperuser(`revoke insert on parties from ${second}`);
    const canInsert = `select has_table_privilege('${second}', 'parties', 'INSERT') as ok`;
    expect(await asSuperuser(canInsert)).toEqual([{ ok: false }]);
    expect(await back.fail('book.updateOffice', { ownerUser: second, ownerPassword: 'x' })).toMatchObject({
      details: { reason: 'office_not_owner' },
    });
    expect(await back.ok('book.updateOffice', owner())).toEqual({ restarting: false });
    expect(await asSuperuser(canInsert)).toEqual([{ ok: true }]);
  } finally {
    for (const c of cores.splice(1)) await c.close().catch(() => {});
    await asSuperuser(`drop owned by ${second}`).catch(() => {});
    await asSuperuser(`drop role ${second}`).catch(() => {});
  }
});
