import { rmSync, writeFileSync } from 'node:fs';
import { attachmentPath } from '../src-main/book/kept-files';
import type { TestCore } from './test-core';

/** Where a message's kept PDF is: a file in the data folder (a book here), or a row by its sha256 (an office book). */
async function keptOf(t: TestCore, messageId: string) {
  return t.core.book.db
    .selectFrom('outbox')
    .select(['pdf_file', 'pdf_sha256'])
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow();
}

/** The kept PDF of a message disappears (deleted by hand, a disk or a database restored without it). */
export async function loseKeptPdf(t: TestCore, messageId: string): Promise<void> {
  const kept = await keptOf(t, messageId);
  if (t.core.book.dialect === 'sqlite') rmSync(attachmentPath(t.dataFolder, kept.pdf_file));
  else await t.core.book.db.deleteFrom('kept_files').where('sha256', '=', kept.pdf_sha256).execute();
}

/** The kept PDF of a message is changed after it was queued. */
export async function changeKeptPdf(t: TestCore, messageId: string, bytes: string): Promise<void> {
  const kept = await keptOf(t, messageId);
  if (t.core.book.dialect === 'sqlite') writeFileSync(attachmentPath(t.dataFolder, kept.pdf_file), bytes);
  else
    await t.core.book.db
      .updateTable('kept_files')
      .set({ bytes: Buffer.from(bytes) })
      .where('sha256', '=', kept.pdf_sha256)
      .execute();
}
