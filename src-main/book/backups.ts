import SQLite from 'better-sqlite3';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import type { Book, LocalBook } from './book';

export type BackupKind = 'daily' | 'before-update' | 'before-restore';

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  /** When it was taken (ISO). */
  date: string;
  bytes: number;
}

/** Daily backups kept: the last 7 days, and the newest of each of the last 4 weeks. */
const KEEP_DAYS = 7;
const KEEP_WEEKS = 4;

export const backupsDirOf = (bookFile: string) => join(dirname(bookFile), 'backups');

const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');

function kindOf(name: string): BackupKind | null {
  if (/^daily-\d{4}-\d\d-\d\d\.sqlite$/.test(name)) return 'daily';
  if (/^book-\d{8}T\d{6}-before-.+\.sqlite$/.test(name)) return 'before-update';
  if (/^before-restore-\d{8}T\d{6}\.sqlite$/.test(name)) return 'before-restore';
  return null;
}

/** The backups beside a book, newest first. */
export function listBackups(bookFile: string): BackupInfo[] {
  const dir = backupsDirOf(bookFile);
  if (!existsSync(dir)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const kind = kindOf(name);
    if (!kind) continue;
    const stat = statSync(join(dir, name));
    const date = kind === 'daily' ? `${name.slice(6, 16)}T00:00:00` : stat.mtime.toISOString();
    found.push({ name, kind, date, bytes: stat.size });
  }
  return found.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.name < b.name ? 1 : -1));
}

/** A consistent copy of an open book (SQLite's online backup), written beside and renamed into place, owner-only. */
async function copyBook(sqlite: SQLite.Database, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial`;
  try {
    await sqlite.backup(partial);
    chmodSync(partial, 0o600);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Monday of the week a day falls in: the key of its week. */
function weekOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function pruneDaily(bookFile: string): void {
  const daily = listBackups(bookFile).filter((b) => b.kind === 'daily');
  const keep = new Set(daily.slice(0, KEEP_DAYS).map((b) => b.name));
  const weeks = new Map<string, string>();
  for (const b of daily) if (!weeks.has(weekOf(b.date.slice(0, 10)))) weeks.set(weekOf(b.date.slice(0, 10)), b.name);
  for (const name of [...weeks.values()].slice(0, KEEP_WEEKS)) keep.add(name);
  for (const b of daily) if (!keep.has(b.name)) rmSync(join(backupsDirOf(bookFile), b.name), { force: true });
}

/** Free space a daily backup must leave behind, beyond its own size: room for the book to go on working. */
export const MIN_FREE_AFTER_BACKUP = 8 * 1024 * 1024;

/** Whether copying the book would leave the disk too full for the book itself (at least its own size, or 8 MB, free). */
function tooLittleSpace(book: LocalBook): { bookBytes: number; freeBytes: number } | null {
  const bookBytes =
    Number(book.sqlite.pragma('page_count', { simple: true })) *
    Number(book.sqlite.pragma('page_size', { simple: true }));
  const fs = statfsSync(dirname(book.file));
  const freeBytes = fs.bavail * fs.bsize;
  return freeBytes - bookBytes < Math.max(bookBytes, MIN_FREE_AFTER_BACKUP) ? { bookBytes, freeBytes } : null;
}

/**
 * Today's backup, if there is none yet and the disk has room for it; then the old ones pruned.
 * Answers the file written, or null (with why, when it was skipped for space).
 */
export async function takeDailyBackup(
  book: Book,
  now: Date,
  onSkipped?: (why: { bookBytes: number; freeBytes: number }) => void,
): Promise<string | null> {
  // An office book is backed up by whoever runs its server; a book in memory has nothing to keep.
  if (book.kind !== 'here' || book.file === ':memory:') return null;
  const target = join(backupsDirOf(book.file), `daily-${localDay(now)}.sqlite`);
  if (existsSync(target)) return null;
  const short = tooLittleSpace(book);
  if (short) {
    onSkipped?.(short);
    return null;
  }
  await copyBook(book.sqlite, target);
  pruneDaily(book.file);
  return target;
}

const stagedOf = (bookFile: string) => `${bookFile}.restore`;
const stagedNameOf = (bookFile: string) => `${bookFile}.restore-from`;

/** Problems SQLite finds in a database file (empty: none). */
export function quickCheck(sqlite: SQLite.Database): string[] {
  const rows = sqlite.pragma('quick_check(20)') as { quick_check: string }[];
  return rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
}

/**
 * Choose a backup to put in the book's place. It is checked whole first, then copied beside
 * the book; the swap itself happens at the next open, when nothing has the book open.
 */
export function stageRestore(bookFile: string, name: string): BackupInfo {
  const backup = listBackups(bookFile).find((b) => b.name === name);
  if (!backup) throw new AppError('not_found', `No backup named ${name}`, { name });
  const source = join(backupsDirOf(bookFile), name);
  const check = new SQLite(source, { readonly: true, fileMustExist: true });
  let problems: string[];
  try {
    problems = quickCheck(check);
  } catch (error) {
    problems = [(error as Error).message];
  } finally {
    check.close();
  }
  if (problems.length)
    throw AppError.because('book_damaged', `The backup ${name} is damaged too`, { problems, backups: [] });
  copyFileSync(source, `${stagedOf(bookFile)}.partial`);
  renameSync(`${stagedOf(bookFile)}.partial`, stagedOf(bookFile));
  writeFileSync(stagedNameOf(bookFile), name);
  return backup;
}

/**
 * At open, before anything reads the book: swap in a backup chosen for restoring. The book
 * it replaces is kept in the backups (a consistent copy if it still reads, else its files).
 * Answers the name of the backup restored, or null.
 */
export async function applyStagedRestore(bookFile: string, now: Date): Promise<string | null> {
  const staged = stagedOf(bookFile);
  if (!existsSync(staged)) return null;
  const name = existsSync(stagedNameOf(bookFile)) ? readFileSync(stagedNameOf(bookFile), 'utf8') : basename(staged);
  if (existsSync(bookFile)) {
    const keep = join(backupsDirOf(bookFile), `before-restore-${stamp(now)}.sqlite`);
    try {
      const old = new SQLite(bookFile, { fileMustExist: true });
      try {
        await copyBook(old, keep);
      } finally {
        old.close();
      }
    } catch {
      // A book too damaged to read is kept as it lies.
      mkdirSync(dirname(keep), { recursive: true, mode: 0o700 });
      copyFileSync(bookFile, keep);
      if (existsSync(`${bookFile}-wal`)) copyFileSync(`${bookFile}-wal`, `${keep}-wal`);
    }
  }
  rmSync(`${bookFile}-wal`, { force: true });
  rmSync(`${bookFile}-shm`, { force: true });
  renameSync(staged, bookFile);
  rmSync(stagedNameOf(bookFile), { force: true });
  return name;
}
