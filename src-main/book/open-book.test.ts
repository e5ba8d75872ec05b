import SQLite from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { migrations } from './migrations';
import { openBook } from './open-book';

const CRASHER = fileURLToPath(new URL('../../test-support/crash-mid-migration.ts', import.meta.url));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-book-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const addColumnMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('parties')
      .addColumn('test_extra', 'text', (c) => c.notNull().defaultTo('x'))
      .execute();
  },
};

/** A book on disk holding one customer card, closed. */
async function bookWithOneCustomer(file: string): Promise<void> {
  const book = await openBook({ file });
  await sql`insert into parties (id, kind, code, name, created_at, updated_at) values ('p1', 'customer', '1', 'شركة الأمل', 'now', 'now')`.execute(
    book.db,
  );
  await book.close();
}

describe('openBook', () => {
  it('creates an empty book with every table, the single company and mailbox rows, and the PRAGMAs', async () => {
    const file = join(dir, 'book.sqlite');
    const book = await openBook({ file });
    expect(book.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(book.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL: Book.flush() makes commits durable
    expect(book.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(book.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = (
      book.sqlite.prepare(`select name from sqlite_master where type='table' order by name`).all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['company', 'mailbox', 'parties', 'settings']));
    expect(await book.db.selectFrom('company').select(['id', 'default_currency']).execute()).toEqual([
      { id: 1, default_currency: 'ILS' },
    ]);
    expect(await book.db.selectFrom('mailbox').select(['id', 'port', 'security']).execute()).toEqual([
      { id: 1, port: 587, security: 'starttls' },
    ]);
    expect(book.backupFile).toBeNull();
    await book.close();
  });

  it('closes the file whole, with nothing left in a -wal beside it, even when only the connection was used', async () => {
    const file = join(dir, 'book.sqlite');
    const book = await openBook({ file });
    book.sqlite.exec(`insert into settings (key, value) values ('language', '"ar"')`);
    await book.close();
    expect(book.sqlite.open).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('reopens a populated book without migrating again or losing data', async () => {
    const file = join(dir, 'book.sqlite');
    const first = await openBook({ file });
    await first.db.insertInto('settings').values({ key: 'language', value: '"en"' }).execute();
    await first.close();
    const again = await openBook({ file });
    expect(again.backupFile).toBeNull();
    expect(await again.db.selectFrom('settings').selectAll().execute()).toEqual([{ key: 'language', value: '"en"' }]);
    await again.close();
  });

  it('backs the book up online before running a pending migration on a populated book', async () => {
    const file = join(dir, 'book.sqlite');
    await bookWithOneCustomer(file);

    const book = await openBook({
      file,
      migrations: { ...migrations, '9001-test-extra': addColumnMigration },
      now: () => new Date('2026-11-27T10:11:12Z'),
    });
    expect(book.backupFile).toBe(join(dir, 'backups', 'book-20261127T101112-before-9001-test-extra.sqlite'));
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
    // The migration ran on the book…
    expect(await sql<{ test_extra: string }>`select test_extra from parties`.execute(book.db)).toMatchObject({
      rows: [{ test_extra: 'x' }],
    });
    await book.close();
    // …and the backup is the book as it was before, data included.
    const backup = new SQLite(book.backupFile!, { readonly: true });
    expect(backup.prepare('select name from parties').all()).toEqual([{ name: 'شركة الأمل' }]);
    expect(() => backup.prepare('select test_extra from parties').all()).toThrow(/no such column/);
    backup.close();
  });

  it('a migration that fails leaves the book as it was, puts the backup back, and says so', async () => {
    const file = join(dir, 'book.sqlite');
    await bookWithOneCustomer(file);
    const failing: Migration = {
      async up(db: Kysely<any>) {
        await sql`update parties set name = 'half done'`.execute(db);
        await sql`create table half_done (x integer)`.execute(db);
        throw new Error('disk I/O error');
      },
    };
    const error = await openBook({
      file,
      migrations: { ...migrations, '9001-test-extra': addColumnMigration, '9002-fails': failing },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({
      reason: 'migration_failed',
      migration: '9002-fails',
      restored: true,
      backup: expect.stringContaining('before-9001-test-extra'),
    });
    const raw = new SQLite(file, { readonly: true });
    expect(raw.prepare('select name from parties').all()).toEqual([{ name: 'شركة الأمل' }]);
    expect(() => raw.prepare('select * from half_done').all()).toThrow(/no such table/);
    // Not even the migration before it in the same run stayed: the book is wholly as it was.
    expect(() => raw.prepare('select test_extra from parties').all()).toThrow(/no such column/);
    raw.close();
    // And it opens again as before.
    const again = await openBook({ file });
    expect(await again.db.selectFrom('parties').select('name').execute()).toEqual([{ name: 'شركة الأمل' }]);
    await again.close();
  });

  it('a crash in the middle of a migration leaves the book as it was, and the next open says so', async () => {
    const file = join(dir, 'book.sqlite');
    await bookWithOneCustomer(file);
    const crashed = spawnSync(process.execPath, ['--import', 'tsx', CRASHER, file], { encoding: 'utf8' });
    expect(crashed.signal).toBe('SIGKILL');
    const raw = new SQLite(file, { readonly: true });
    expect(raw.prepare('select name from parties').all()).toEqual([{ name: 'شركة الأمل' }]);
    expect(() => raw.prepare('select * from half_done').all()).toThrow(/no such table/);
    raw.close();
    const again = await openBook({ file });
    expect(again.interruptedMigration).toBe('9002-crashes');
    expect(await again.db.selectFrom('parties').select('name').execute()).toEqual([{ name: 'شركة الأمل' }]);
    await again.close();
  });

  it('writes no backup when the book is brand new', async () => {
    await (await openBook({ file: join(dir, 'book.sqlite') })).close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses a book written by a newer Daftar, with a clear message, and leaves it untouched', async () => {
    const file = join(dir, 'book.sqlite');
    const newer = await openBook({ file, migrations: { ...migrations, '9999-future': addColumnMigration } });
    await newer.close();
    const error = await openBook({ file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/newer version of Daftar.*9999-future/);
    expect((error as AppError).details).toMatchObject({ reason: 'book_too_new' });
    const raw = new SQLite(file, { readonly: true });
    expect(raw.prepare('select count(*) as n from kysely_migration').get()).toEqual({
      n: Object.keys(migrations).length + 1,
    });
    raw.close();
  });
});
