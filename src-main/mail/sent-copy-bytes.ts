import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Book } from '../book/open-book';
import type { Database } from '../book/schema';
import { writeFileWhole } from '../disk-full';
import { attachmentPath, outboxPath } from './attachment-file';

// The very bytes a message went with, kept until its copy is appended to the Sent folder. A book on
// this computer keeps them as outbox/<message id>.eml. An office book keeps them in the book
// (kept_files, by sha256), because whichever desktop reads the mailbox next appends the copy, not
// necessarily the one that sent it; raw_file then holds the sha256.

const SHA256 = /^[0-9a-f]{64}$/;

// raw_file is read from the book: only a name Daftar writes is a file (see kept-name.ts). A refused
// name is treated as bytes gone for good, so its copy is skipped rather than owed forever; the caller
// is told why, to log it with the message it belongs to.

/** Before sending, on a book here: the bytes as a file of this desktop. Answers its name, or null on an office book. */
export function writeLocalRawMessage(book: Book, dataFolder: string, outboxId: string, raw: Buffer): string | null {
  if (book.kind !== 'here') return null;
  const name = `${outboxId}.eml`;
  const path = attachmentPath(dataFolder, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileWhole(path, raw);
  return name;
}

/** Once sent, inside the transaction that says so, on an office book: the bytes in the book. Answers their name. */
export async function keepOfficeRawMessage(trx: Kysely<Database>, raw: Buffer, now: string): Promise<string> {
  const sha256 = createHash('sha256').update(raw).digest('hex');
  await trx
    .insertInto('kept_files')
    .values({ sha256, bytes: raw, created_at: now })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return sha256;
}

/**
 * The kept bytes: `missing` when they are gone for good (deleted by hand), `elsewhere` when they are
 * a file of another desktop (a message sent before its book moved to the office server).
 */
export async function readRawMessage(
  book: Book,
  dataFolder: string,
  rawFile: string,
  onRefused: (why: string) => void = () => {},
): Promise<Buffer | 'missing' | 'elsewhere'> {
  if (book.kind === 'office' && SHA256.test(rawFile)) {
    const kept = await book.db
      .selectFrom('kept_files')
      .select('bytes')
      .where('sha256', '=', rawFile)
      .executeTakeFirst();
    return kept ? Buffer.from(kept.bytes) : 'missing';
  }
  const where = outboxPath(dataFolder, 'sentCopy', rawFile);
  if ('refused' in where) {
    onRefused(where.refused);
    return 'missing';
  }
  if (existsSync(where.path)) return readFileSync(where.path);
  return book.kind === 'office' ? 'elsewhere' : 'missing';
}

/** After the APPEND: the bytes are no longer needed. A refused name (logged when read) deletes nothing. */
export async function forgetRawMessage(book: Book, dataFolder: string, rawFile: string): Promise<void> {
  if (book.kind === 'office' && SHA256.test(rawFile)) {
    await book.db.deleteFrom('kept_files').where('sha256', '=', rawFile).execute();
    return;
  }
  const where = outboxPath(dataFolder, 'sentCopy', rawFile);
  if ('path' in where) rmSync(where.path, { force: true });
}
