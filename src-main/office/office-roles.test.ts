import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFor } from '../users/password';
import { freshPostgres, type FreshDatabase } from '../../test-support/fresh-postgres';
import { testCore, type TestCore } from '../../test-support/test-core';
import { migrations } from '../book/migrations';
import { openOfficeBook } from './office-book';

// An office with two roles, as the README sets it up: the owner, which made the book, and the
// desktops' role, whose password every desktop holds. Anyone at a desktop can read that password
// and the office key from its secret store and reach the database with psql: these tests do that.
let database: FreshDatabase;
const cores: TestCore[] = [];
const clients: pg.Client[] = [];
beforeEach(async () => {
  database = await freshPostgres('roles');
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => {});
  for (const t of cores.splice(0)) await t.close();
  await database.drop();
});

/** The desktops' role without the owner's password, as every desktop opens the book day to day. */
const desktopOnly = () => ({ ...database.desktop, owner: null });

/** psql as the desktops' role. */
async function asDesktop(): Promise<pg.Client> {
  const { host, port, database: name, user, password } = database.desktop;
  const client = new pg.Client({ host, port, database: name, user, password });
  await client.connect();
  clients.push(client);
  return client;
}

/** The SQLSTATE a statement fails with, or 'ok'. */
const outcome = (client: pg.Client, text: string, values: unknown[] = []) =>
  client.query(text, values).then(
    () => 'ok',
    (error: { code?: string; hint?: string }) => (error.hint ? `${error.code} ${error.hint}` : error.code),
  );

async function officeWithClerk() {
  const t = await testCore({ office: database.desktop });
  cores.push(t);
  await t.ok('users.save', { id: 'admin', name: 'admin', permissions: [], password: 'admin-password' });
  const clerk = await t.ok('users.save', { name: 'clerk', permissions: ['send_email'], password: 'clerk-password' });
  return { t, clerkId: clerk.id };
}

describe('an office book with an owner and a desktops’ role', () => {
  it('a desktop’s role opens the book only once its owner has made it, and an update waits for the owner’s password', async () => {
    await expect(openOfficeBook(desktopOnly())).rejects.toMatchObject({
      details: { reason: 'office_needs_owner', why: 'update' },
    });
    // The first desktop, with the owner's password typed once.
    await (await openOfficeBook(database.desktop)).close();
    await (await openOfficeBook(desktopOnly())).close();

    // Daftar updated: a migration more. The desktops' role alone is refused, and changes nothing.
    const later = {
      ...migrations,
      '9999-later': {
        up: async (db: Kysely<unknown>) => void (await sql`create table later_table (x integer)`.execute(db)),
      },
    };
    await expect(openOfficeBook(desktopOnly(), { migrations: later })).rejects.toMatchObject({
      details: { reason: 'office_needs_owner', why: 'update' },
    });
    const desktop = await asDesktop();
    expect(await outcome(desktop, 'select 1 from later_table')).toBe('42P01');
    // The owner's password: the book is updated, and the desktops' role may use the new table.
    await (await openOfficeBook(database.desktop, { migrations: later })).close();
    expect(await outcome(desktop, 'insert into later_table values (1)')).toBe('ok');

    // A name that is not the owner's is said so.
    await expect(
      openOfficeBook(
        { ...database.desktop, owner: { user: database.desktop.user, password: database.desktop.password! } },
        { migrations: later },
      ),
    ).rejects.toMatchObject({ details: { reason: 'office_not_owner', user: database.desktop.user } });
  });

  it('as the desktops’ role: no DDL, and no direct write to users, permissions, credits or sealed secrets', async () => {
    const { t, clerkId } = await officeWithClerk();
    await t.ok('credits.status', {});
    const desktop = await asDesktop();
    const refused = {
      'update users set permissions_json = $1 where id = $2': ['["manage_users"]', clerkId],
      // The view users are read through is no door to them.
      'update users_seen set permissions_json = $1, is_admin = 1 where id = $2': ['["manage_users"]', clerkId],
      'update users_seen set failed_attempts = 0, locked_until = null': [],
      "insert into users_seen (id, name, permissions_json, is_admin, failed_attempts, created_at, updated_at) values ('x', 'x', '[]', 1, 0, 'now', 'now')":
        [],
      'delete from users_seen where id = $1': [clerkId],
      "update users set is_admin = 1 where name = 'clerk'": [],
      'delete from users where id = $1': [clerkId],
      "insert into credit_grants values ('minted', 'a', 'd', 1000000, 'allotment', 99, 'now', 'sig', 'now')": [],
      "insert into credit_spends (id, amount, reason, ref, created_at, chain_seq, chain_hash, chain_link) values ('r', -1000, 'return', 'x', 'now', 1, 'h', 2)":
        [],
      'delete from credit_spends': [],
      'update credit_spends set amount = 0': [],
      "update office_secrets set sealed = 'mine'": [],
      'delete from office_secrets': [],
      "insert into user_sessions values ('t', 'admin', 'now')": [],
      'select password_hash from users': [],
      'select * from user_sessions': [],
      'create table mine (x integer)': [],
      'alter table vouchers add column mine integer': [],
      'drop table parties': [],
      "select daftar_acting('t', 'manage_users')": [],
    };
    for (const [text, values] of Object.entries(refused))
      expect([text, await outcome(desktop, text, values)]).toEqual([text, '42501']);
    // What a desktop needs it still has: the users without their hashes, and marking spends synced.
    expect(
      (await desktop.query('select name, has_password::integer as has_password from users_seen order by name')).rows,
    ).toEqual([
      { name: 'admin', has_password: 1 },
      { name: 'clerk', has_password: 1 },
    ]);
    // A spend is written once: the sync may mark it acknowledged, and nothing more.
    expect(await outcome(desktop, "select daftar_add_spend('s1', 1, 'message', 'outbox-1', 'now', 1, 'h')")).toBe('ok');
    expect(await outcome(desktop, "update credit_spends set synced_at = 'then' where id = 's1'")).toBe('ok');
    expect(await outcome(desktop, "update credit_spends set synced_at = null where id = 's1'")).toBe('42501');
    expect(await outcome(desktop, "update credit_spends set synced_at = 'later' where id = 's1'")).toBe('42501');
    expect(await outcome(desktop, "update parties set name = name where id = 'none'")).toBe('ok');
    // Nothing changed: the clerk is still a clerk.
    expect(await t.ok('users.list', {})).toMatchObject({
      items: [{ name: 'admin' }, { name: 'clerk', permissions: ['send_email'] }],
    });
  });

  it('on a server that lets everyone create in public (PostgreSQL 13 and 14): closed by the owner, and no door into the functions', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    clients.push(admin);
    await admin.query('grant create on schema public to public');
    const { t, clerkId } = await officeWithClerk();
    const desktop = await asDesktop();
    expect(await outcome(desktop, 'create table mine (x integer)')).toBe('42501');

    // Where the owner cannot close it (the schema is the server administrator's): a desktop that may
    // create in public makes a jsonb_build_array of its own that answers [], which contains any list.
    await admin.query(`grant create on schema public to ${database.desktop.user}`);
    expect(
      await outcome(
        desktop,
        "create function public.jsonb_build_array(text) returns jsonb language sql as $$ select '[]'::jsonb $$",
      ),
    ).toBe('ok');
    const { settings } = (await desktop.query('select daftar_password_salt($1) as settings', ['clerk'])).rows[0];
    const key = await keyFor('clerk-password', settings);
    const { token } = (await desktop.query('select daftar_sign_in($1, $2, null) as a', ['clerk', key])).rows[0].a;
    expect(
      await outcome(desktop, 'select daftar_update_user($1, $2, $3, $4, $5, $6)', [
        token,
        clerkId,
        'clerk',
        '["manage_users"]',
        null,
        new Date().toISOString(),
      ]),
    ).toBe('42501 permission');
    expect((await t.ok('users.list', {})).items[1]).toMatchObject({ permissions: ['send_email'] });
  });

  it('the book’s functions hold Daftar’s rules: who is signed in decides, not the database login', async () => {
    const { t, clerkId } = await officeWithClerk();
    const desktop = await asDesktop();
    const now = new Date().toISOString();
    // No sign-in: nothing changes.
    expect(
      await outcome(desktop, 'select daftar_update_user($1, $2, $3, $4, $5, $6)', [
        null,
        clerkId,
        'clerk',
        '["manage_users"]',
        null,
        now,
      ]),
    ).toBe('42501 login_required');
    // The clerk signs in with their own password, as the app does, and may still do only what a clerk may.
    const { settings } = (await desktop.query('select daftar_password_salt($1) as settings', ['clerk'])).rows[0];
    expect(settings).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[^$]+$/);
    const key = await keyFor('clerk-password', settings);
    const signedIn = (await desktop.query('select daftar_sign_in($1, $2, null) as a', ['clerk', key])).rows[0].a;
    expect(signedIn).toMatchObject({ result: 'ok', id: clerkId });
    const token = signedIn.token as string;
    const asClerk = (text: string, values: unknown[]) => outcome(desktop, text, [token, ...values]);
    expect(
      await asClerk('select daftar_update_user($1, $2, $3, $4, $5, $6)', [
        clerkId,
        'clerk',
        '["manage_users"]',
        null,
        now,
      ]),
    ).toBe('42501 permission');
    expect(await asClerk('select daftar_add_user($1, $2, $3, $4, $5, $6)', ['x', 'mine', '[]', 'scrypt$x', now])).toBe(
      '42501 permission',
    );
    expect(await asClerk('select daftar_delete_user($1, $2)', [clerkId])).toBe('42501 permission');
    expect(await asClerk('select daftar_set_secret($1, $2, $3, $4)', ['smtp.password', 'v1.mine', now])).toBe(
      '42501 permission',
    );
    expect(await asClerk('select daftar_delete_secret($1, $2)', ['smtp.password'])).toBe('42501 permission');
    expect(await asClerk('select daftar_delete_secret($1, $2)', ['office.key-check'])).toBe('42501');
    // Credits: a return of nothing, a spend not at the chain's end, a negative "message": refused.
    const last = Number((await desktop.query('select coalesce(max(chain_seq), 0) as n from credit_spends')).rows[0].n);
    const spend = (values: unknown[]) =>
      outcome(desktop, 'select daftar_add_spend($1, $2, $3, $4, $5, $6, $7)', values);
    expect(await spend(['minted', -1000, 'return', 'no-such-spend', now, last + 1, 'h'])).toBe('23514');
    expect(await spend(['early', 1, 'message', 'outbox-x', now, last + 5, 'h'])).toBe('23514');
    expect(await spend(['negative', -4, 'message', 'outbox-x', now, last + 1, 'h'])).toBe('23514');
    // The clerk's own session signs out.
    await desktop.query('select daftar_sign_out($1)', [token]);
    expect(await asClerk('select daftar_delete_user($1, $2)', [clerkId])).toBe('42501 login_required');

    // The app, signed in as the administrator, does all of it through the same functions.
    await t.ok('users.save', { id: clerkId, name: 'clerk', permissions: ['send_email', 'view_mail_report'] });
    expect((await t.ok('users.list', {})).items[1]).toMatchObject({ permissions: ['send_email', 'view_mail_report'] });

    // Guessing the administrator's key: five wrong ones lock it, as on a book file.
    for (let i = 0; i < 5; i++)
      expect((await desktop.query("select daftar_sign_in('admin', 'guess', null) as a")).rows[0].a).toEqual({
        result: 'wrong',
      });
    expect((await desktop.query("select daftar_sign_in('admin', 'guess', null) as a")).rows[0].a).toMatchObject({
      result: 'locked',
    });
    await t.ok('users.logout', {});
    expect(await t.fail('users.login', { name: 'admin', password: 'admin-password' })).toMatchObject({
      details: { reason: 'locked' },
    });
  });
});
