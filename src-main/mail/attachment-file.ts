import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Book } from '../book/open-book';
import type { Database } from '../book/schema';
import { writeFileWhole } from '../disk-full';
import { keptPath, type KeptPath } from '../kept-name';

export const outboxFolder = (dataFolder: string) => join(dataFolder, 'outbox');

/** The file a name read from the book stands for in outbox/, or why it is refused (see kept-name.ts). */
export const outboxPath = (dataFolder: string, kind: 'outboxPdf' | 'sentCopy', name: string): KeptPath =>
  keptPath(outboxFolder(dataFolder), kind, name);

/**
 * Where a message's PDF (<message id>.pdf) or sent bytes (<message id>.eml) are kept on this computer,
 * for a name Daftar has just made: one that is not Daftar's (an id forged in the book) is never written.
 */
export function attachmentPath(dataFolder: string, name: string): string {
  const where = outboxPath(dataFolder, name.endsWith('.eml') ? 'sentCopy' : 'outboxPdf', name);
  if ('refused' in where) throw new Error(`outbox/: ${where.refused}`);
  return where.path;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Keep the PDF a message is queued with, in an office book: by its sha256, inside the caller's
 * transaction, so every desktop reaches it. A book on this computer keeps it as a file instead
 * (writeLocalAttachment, before the transaction; forgetLocalAttachment if the row is not written).
 */
export async function keepAttachment(book: Book, trx: Kysely<Database>, pdf: Uint8Array, now: Date): Promise<void> {
  if (book.kind === 'here') return;
  await trx
    .insertInto('kept_files')
    .values({ sha256: sha256(pdf), bytes: pdf, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/** The file of a book on this computer, written before the transaction that queues its message. */
export function writeLocalAttachment(book: Book, dataFolder: string, pdfFile: string, pdf: Uint8Array): void {
  if (book.kind !== 'here') return;
  const path = attachmentPath(dataFolder, pdfFile);
  mkdirSync(dirname(path), { recursive: true });
  writeFileWhole(path, pdf);
}

export function forgetLocalAttachment(book: Book, dataFolder: string, pdfFile: string): void {
  if (book.kind === 'here') rmSync(attachmentPath(dataFolder, pdfFile), { force: true });
}

export type KeptAttachment =
  | { pdf: Buffer }
  | { problem: 'attachment_missing' | 'attachment_changed' }
  | { problem: 'attachment_refused'; why: string };

/**
 * The PDF a message carries, exactly as queued (its sha256), or why not. Its name must be the one
 * Daftar gave it, <message id>.pdf, on an office book too (where the bytes are found by sha256): a
 * row forged to name another file, or with a forged id, is refused before anything is read.
 */
export async function readKeptAttachment(
  book: Book,
  dataFolder: string,
  row: { id: string; pdf_file: string; pdf_sha256: string },
): Promise<KeptAttachment> {
  const where = outboxPath(dataFolder, 'outboxPdf', row.pdf_file);
  if ('refused' in where) return { problem: 'attachment_refused', why: `its PDF's name is ${where.refused}` };
  if (row.pdf_file !== `${row.id}.pdf`) return { problem: 'attachment_refused', why: "its PDF's name is not its own" };
  let pdf: Buffer | null;
  if (book.kind === 'here') {
    pdf = existsSync(where.path) ? readFileSync(where.path) : null;
  } else {
    const kept = await book.db
      .selectFrom('kept_files')
      .select('bytes')
      .where('sha256', '=', row.pdf_sha256)
      .executeTakeFirst();
    pdf = kept ? Buffer.from(kept.bytes) : null;
  }
  if (!pdf) return { problem: 'attachment_missing' };
  return sha256(pdf) === row.pdf_sha256 ? { pdf } : { problem: 'attachment_changed' };
}
