import SQLite from 'better-sqlite3';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { listBackups, stageRestore, takeDailyBackup } from './backups';
import { openBook } from './open-book';
import { type Book } from './book';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-backups-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const addParty = (book: Book, id: string, name: string) =>
  sql`insert into parties (id, kind, code, name, created_at, updated_at) values (${id}, 'customer', ${id}, ${name}, 'now', 'now')`.execute(
    book.db,
  );
const names = async (book: Book) =>
  (await book.db.selectFrom('parties').select('name').orderBy('id').execute()).map((r) => r.name);

it('backs up once a day, keeps the last 7 days and the last 4 weeks, and each backup opens', async () => {
  const file = join(dir, 'daftar.sqlite');
  const book = await openBook({ file });
  await addParty(book, 'p1', 'شركة الأمل');
  const start = Date.parse('2026-09-01T09:00:00Z');
  for (let day = 0; day < 60; day++) {
    const now = new Date(start + day * 86_400_000);
    expect(await takeDailyBackup(book, now)).toMatch(/daily-2026-\d\d-\d\d\.sqlite$/);
    expect(await takeDailyBackup(book, new Date(now.getTime() + 3_600_000))).toBeNull(); // once a day
  }
  await book.close();
  const kept = listBackups(file).filter((b) => b.kind === 'daily');
  // The 7 newest days, and the newest of each of the 4 newest weeks (some of which are among the 7).
  expect(kept.map((b) => b.name).slice(0, 7)).toEqual(
    [30, 29, 28, 27, 26, 25, 24].map((d) => `daily-2026-10-${d}.sqlite`),
  );
  expect(kept.length).toBeGreaterThanOrEqual(9);
  expect(kept.length).toBeLessThanOrEqual(11);
  expect(kept.every((b) => Date.parse(b.date) >= Date.parse('2026-09-28'))).toBe(true);
  const oldest = new SQLite(join(dir, 'backups', kept.at(-1)!.name), { readonly: true });
  expect(oldest.prepare('select name from parties').all()).toEqual([{ name: 'شركة الأمل' }]);
  oldest.close();
  expect(statSync(join(dir, 'backups', kept[0]!.name)).mode & 0o777).toBe(0o600);
});

it('restores a backup at the next open, keeping the book it replaces', async () => {
  const file = join(dir, 'daftar.sqlite');
  const book = await openBook({ file });
  await addParty(book, 'p1', 'قبل');
  const backup = await takeDailyBackup(book, new Date('2026-10-01T09:00:00Z'));
  await addParty(book, 'p2', 'بعد');
  expect(() => stageRestore(file, '../daftar.sqlite')).toThrow(AppError);
  stageRestore(file, backup!.split('/').at(-1)!);
  await book.close();
  const restored = await openBook({ file, now: () => new Date('2026-10-02T10:00:00Z') });
  expect(await names(restored)).toEqual(['قبل']);
  expect(restored.restoredFrom).toBe(backup!.split('/').at(-1));
  await restored.close();
  const replaced = listBackups(file).find((b) => b.kind === 'before-restore')!;
  const old = new SQLite(join(dir, 'backups', replaced.name), { readonly: true });
  expect(old.prepare('select name from parties order by id').all()).toEqual([{ name: 'قبل' }, { name: 'بعد' }]);
  old.close();
});

it('refuses a damaged book with a clear reason and the backups there are, never opening it half-read', async () => {
  const file = join(dir, 'daftar.sqlite');
  const book = await openBook({ file });
  for (let i = 0; i < 400; i++) await addParty(book, `p${i}`, `طرف رقم ${i} `.repeat(20));
  await takeDailyBackup(book, new Date('2026-10-01T09:00:00Z'));
  await book.close();
  // Garbage over a page in the middle of the file, as a failing disk leaves it.
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
  const error = (await openBook({ file }).catch((e: unknown) => e)) as AppError;
  expect(error).toBeInstanceOf(AppError);
  expect(error.details).toMatchObject({ reason: 'book_damaged', backups: ['daily-2026-10-01.sqlite'] });

  // A file that is not a database at all.
  writeFileSync(file, 'this is not a book');
  rmSync(`${file}-wal`, { force: true });
  const garbage = (await openBook({ file }).catch((e: unknown) => e)) as AppError;
  expect(garbage.details).toMatchObject({ reason: 'book_damaged' });
  expect(existsSync(join(dir, 'backups'))).toBe(true);
  expect(readdirSync(join(dir, 'backups'))).toContain('daily-2026-10-01.sqlite');
});
