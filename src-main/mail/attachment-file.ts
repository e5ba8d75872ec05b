import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Book } from '../book/open-book';
import type { Database } from '../book/schema';
import { writeFileWhole } from '../disk-full';

/** Where a message's PDF is kept from queuing on, on this computer: data/outbox/<message id>.pdf. */
export const attachmentPath = (dataFolder: string, pdfFile: string) => join(dataFolder, 'outbox', pdfFile);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Keep the PDF a message is queued with, in an office book: by its sha256, inside the caller's
 * transaction, so every desktop reaches it. A book on this computer keeps it as a file instead
 * (writeLocalAttachment, before the transaction; forgetLocalAttachment if the row is not written).
 */
export async function keepAttachment(book: Book, trx: Kysely<Database>, pdf: Uint8Array, now: Date): Promise<void> {
  if (book.dialect === 'sqlite') return;
  await trx
    .insertInto('kept_files')
    .values({ sha256: sha256(pdf), bytes: pdf, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/** The file of a book on this computer, written before the transaction that queues its message. */
export function writeLocalAttachment(book: Book, dataFolder: string, pdfFile: string, pdf: Uint8Array): void {
  if (book.dialect !== 'sqlite') return;
  const path = attachmentPath(dataFolder, pdfFile);
  mkdirSync(dirname(path), { recursive: true });
  writeFileWhole(path, pdf);
}

export function forgetLocalAttachment(book: Book, dataFolder: string, pdfFile: string): void {
  if (book.dialect === 'sqlite') rmSync(attachmentPath(dataFolder, pdfFile), { force: true });
}

export type KeptAttachment = { pdf: Buffer } | { problem: 'attachment_missing' | 'attachment_changed' };

/** The PDF a message carries, exactly as queued (its sha256), or why not. */
export async function readKeptAttachment(
  book: Book,
  dataFolder: string,
  row: { pdf_file: string; pdf_sha256: string },
): Promise<KeptAttachment> {
  let pdf: Buffer | null;
  if (book.dialect === 'sqlite') {
    const path = attachmentPath(dataFolder, row.pdf_file);
    pdf = existsSync(path) ? readFileSync(path) : null;
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
