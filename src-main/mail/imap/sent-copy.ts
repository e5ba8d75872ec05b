import type { ImapFlow } from 'imapflow';
import type { Book } from '../../book/book';
import { keptPath } from '../../kept-name';
import type { Logger } from '../../log';
import { ensureSentFolder } from './sent-folder';

/**
 * Appends each sent message that owes one to the Sent folder: the very bytes sent, once. A crash
 * after the APPEND but before it is marked done is safe: the folder is searched by Message-ID
 * first, and a copy already there is only marked. Answers how many were appended.
 */
export async function appendSentCopies(
  client: ImapFlow,
  book: Book,
  namedFolder: string,
  log: Logger,
): Promise<number> {
  const owed = await book.db
    .selectFrom('outbox')
    .select(['id', 'message_id', 'raw_file', 'sent_at'])
    .where('sent_copy', '=', 'pending')
    .orderBy('sent_at')
    .execute();
  if (!owed.length) return 0;
  const folder = await ensureSentFolder(client, namedFolder);
  let appended = 0;
  for (const row of owed) {
    const refused = (why: string) =>
      log.info(`mail: the Sent copy of message ${row.id} is skipped: its kept bytes' name is ${why}`, { id: row.id });
    // The kept bytes are the message's own (its file, or on an office book kept in the book by their
    // sha256): never another message's file.
    const own = row.raw_file !== null && book.files.isOwnRaw({ id: row.id, raw_file: row.raw_file });
    if (row.raw_file && !own) {
      const where = keptPath('outbox', 'sentCopy', row.raw_file);
      refused('refused' in where ? where.refused : "another message's file");
    }
    const raw = row.raw_file && own ? await book.files.readRaw(row.raw_file, refused) : 'missing';
    // Another desktop's file (sent before the book moved to the office server): left to that desktop.
    if (raw === 'elsewhere') continue;
    if (raw !== 'missing') {
      const lock = await client.getMailboxLock(folder);
      let there: number[] | false | undefined;
      try {
        there = await client.search({ header: { 'message-id': row.message_id } }, { uid: true });
      } finally {
        lock.release();
      }
      if (!there || there.length === 0) {
        await client.append(folder, raw, ['\\Seen'], row.sent_at ? new Date(row.sent_at) : undefined);
        appended++;
      }
    }
    // Also when the kept bytes are gone (deleted by hand): nothing more can be appended.
    await book.db.updateTable('outbox').set({ sent_copy: 'done', raw_file: null }).where('id', '=', row.id).execute();
    if (row.raw_file && own) await book.files.forgetRaw(row.raw_file);
  }
  return appended;
}
