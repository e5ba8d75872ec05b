import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrations } from '../book/migrations';
import { openBook } from '../book/open-book';
import { OFFICE_ONLY_TABLES } from './office-roles';
import { openOfficeBook } from './office-book';
import { connectionOf, freshPostgres, type FreshDatabase } from '../../test-support/fresh-postgres';
import { addParty, invoiceInput } from '../../test-support/fixtures';
import { testCore } from '../../test-support/test-core';

const DESKTOP = fileURLToPath(new URL('../../test-support/office-desktop.ts', import.meta.url));

let database: FreshDatabase;
beforeEach(async () => {
  database = await freshPostgres('office');
});
afterEach(() => database.drop());

/** Tables and their columns, as each dialect reports them. */
async function sqliteColumns(): Promise<Record<string, string[]>> {
  const book = await openBook({ file: ':memory:' });
  const tables = book.sqlite
    .prepare(
      `select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' and name not like 'outbox_search%'`,
    )
    .pluck()
    .all() as string[];
  const columns = Object.fromEntries(
    tables.map((t) => [
      t,
      (book.sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(t) as string[]).sort(),
    ]),
  );
  await book.close();
  return columns;
}

it('builds the same tables and columns on PostgreSQL from the one list of migrations', async () => {
  const book = await openOfficeBook(connectionOf(database.url));
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(book.db);
  const postgres: Record<string, string[]> = {};
  for (const r of rows) (postgres[r.table_name] ??= []).push(r.column_name);
  for (const t of Object.keys(postgres)) postgres[t]!.sort();
  // The book's own sign-ins and the desktops' roles exist only where the book's database checks them.
  for (const t of OFFICE_ONLY_TABLES) delete postgres[t];
  expect(postgres).toEqual(await sqliteColumns());
  // Money in minor units passes 2^31 (a large invoice in fils): every integer column is 64-bit.
  const { rows: narrow } = await sql<{ column: string }>`
    select table_name || '.' || column_name as column from information_schema.columns
    where table_schema = 'public' and data_type = 'integer' and table_name not in ('outbox_hours')`.execute(book.db);
  expect(narrow).toEqual([]);
  await book.close();
});

it('refuses an office book written by a newer Daftar, naming the migration', async () => {
  (await openOfficeBook(connectionOf(database.url))).close();
  const older = Object.fromEntries(Object.entries(migrations).slice(0, -1));
  await expect(openOfficeBook(connectionOf(database.url), { migrations: older })).rejects.toMatchObject({
    details: { reason: 'book_too_new', migrations: [Object.keys(migrations).at(-1)] },
  });
});

/** Runs one desktop process; answers the numbers its saves got. */
function desktop(partyId: string, count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', DESKTOP, database.url, partyId, String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(err))));
  });
}

it('gives every voucher its own number when three desktops save at once', async () => {
  const office = await testCore({ office: connectionOf(database.url) });
  const customer = await addParty(office, 'customer', 'شركة الأمل');
  const numbers = (await Promise.all([desktop(customer.id, 15), desktop(customer.id, 15), desktop(customer.id, 15)]))
    .flat()
    .sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
  expect((await office.ok('vouchers.list', { type: 'sales_invoice' })).total).toBe(45);
  await office.close();
}, 120_000);

it('goes on when the server drops its connections between two calls (a restart, the network)', async () => {
  const office = await testCore({ office: connectionOf(database.url) });
  const customer = await addParty(office, 'customer', 'شركة الأمل');
  await office.ok('vouchers.save', invoiceInput(customer.id));
  // The server ends every connection of this desktop while they sit idle in its pool.
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const { rows } = await admin.query(
    `select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  await admin.end();
  expect(rows.length).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 200)); // the pool hears of it
  expect((await office.ok('vouchers.list', { type: 'sales_invoice' })).total).toBe(1);
  await office.close();
});

it('carries one desktop’s events to the other desktops of the office, and not back to itself', async () => {
  const a = await testCore({ office: connectionOf(database.url) });
  const b = await testCore({ office: connectionOf(database.url) });
  // Anyone on the database may notify the channel: what is not a well-formed event is passed to no window.
  const stranger = new pg.Client({ connectionString: database.url });
  await stranger.connect();
  for (const junk of ['not json', '{"name":"parties.changed","payload":{"id":7}}', '{"name":"no.such","payload":{}}'])
    await stranger.query('select pg_notify($1, $2)', ['daftar_events', junk]);
  await stranger.end();
  const customer = await addParty(a, 'customer', 'شركة الأمل');
  await a.ok('vouchers.save', invoiceInput(customer.id));
  const names = (events: { name: string }[]) => events.map((e) => e.name);
  await expect
    .poll(() => names(b.events), { timeout: 10_000 })
    .toEqual(expect.arrayContaining(['parties.changed', 'vouchers.changed']));
  // The first parties.changed B heard is A's real one: the stranger's malformed one never got through.
  const relayed = b.events.filter((e) => e.name === 'parties.changed');
  expect(relayed.map((e) => e.payload)).toEqual(
    a.events.filter((e) => e.name === 'parties.changed').map((e) => e.payload),
  );
  expect(names(b.events)).not.toContain('no.such');
  // A's own events, once each: its publications coming back are recognised as its own.
  await new Promise((r) => setTimeout(r, 500));
  expect(names(a.events).filter((n) => n === 'vouchers.changed')).toHaveLength(1);
  await a.close();
  await b.core.close();
}, 60_000);

it('a desktop holds at most 6 connections to the server, however much it does at once (README: sizing max_connections)', async () => {
  const d = await testCore({ office: connectionOf(database.url) });
  try {
    const name = new URL(database.url).pathname.slice(1);
    // Twenty calls at once, each holding its connection a moment: the pool lends what it has and the rest wait.
    await Promise.all(Array.from({ length: 20 }, () => sql`select pg_sleep(0.1)`.execute(d.core.book.db)));
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = $1 and application_name like 'daftar%'`,
        [name],
      );
      expect(rows[0]!.n).toBeLessThanOrEqual(6);
      expect(rows[0]!.n).toBeGreaterThan(1);
    } finally {
      await admin.end();
    }
  } finally {
    await d.close();
  }
}, 60_000);
