import type { FetchMessageObject, ImapFlow, MessageStructureObject } from 'imapflow';
import type { Kysely } from 'kysely';
import type { Database } from '../../book/schema';
import { recordBounce, type RecordedBounce } from './bounce.repo';
import { messageIdsIn, parseDeliveryStatus, readTextBounce, type Bounce } from './dsn';

const FOLDER = 'INBOX';
/** A bounce is small; one quoting a big original is read only this far. */
const MAX_SOURCE = 2 * 1024 * 1024;

function parts(node: MessageStructureObject | undefined): MessageStructureObject[] {
  if (!node) return [];
  return [node, ...(node.childNodes ?? []).flatMap(parts)];
}

async function download(client: ImapFlow, uid: number, part?: string): Promise<string> {
  const { content } = await client.download(String(uid), part, { uid: true, maxBytes: MAX_SOURCE });
  const chunks: Buffer[] = [];
  if (!content) return '';
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The quoted original's headers: a text/rfc822-headers part, or the head of a message/rfc822 one. */
async function quotedHeaders(client: ImapFlow, uid: number, all: MessageStructureObject[]): Promise<string> {
  const headers = all.find((p) => /^text\/rfc822-headers$|^message\/global-headers$/i.test(p.type));
  if (headers?.part) return download(client, uid, headers.part);
  const original = all.find((p) => /^message\/(rfc822|global)$/i.test(p.type));
  if (!original?.part) return '';
  const text = await download(client, uid, original.part);
  return text.split(/\r?\n\r?\n/)[0] ?? '';
}

/** Reads one message as a bounce: an RFC 3464 report part by part, anything else whole. */
async function bounceOf(client: ImapFlow, message: FetchMessageObject): Promise<Bounce | null> {
  const all = parts(message.bodyStructure);
  const status = all.find((p) => /^message\/(global-)?delivery-status$/i.test(p.type));
  if (status?.part) {
    const recipients = parseDeliveryStatus(await download(client, message.uid, status.part));
    const messageIds = messageIdsIn(await quotedHeaders(client, message.uid, all));
    return recipients.length && messageIds.length ? { messageIds, recipients } : null;
  }
  const subject = message.envelope?.subject ?? '';
  const from = message.envelope?.from?.map((a) => a.address ?? '').join(' ') ?? '';
  if (!/mailer-daemon|postmaster/i.test(from) && !/undeliver|deliver|returned|failure|non.?delivery/i.test(subject))
    return null;
  if ((message.size ?? 0) > MAX_SOURCE) return null;
  return readTextBounce(Buffer.from(await download(client, message.uid)));
}

/**
 * Reads what is new in the INBOX since last time, read-only (EXAMINE: nothing is marked, moved or
 * deleted), and records the bounces of Daftar's messages found there. Where reading got to is kept
 * per UIDVALIDITY; the first read takes only mail that arrived after reading was switched on.
 */
export async function readBounces(
  client: ImapFlow,
  db: Kysely<Database>,
  since: string,
  now: () => string,
): Promise<RecordedBounce[]> {
  const lock = await client.getMailboxLock(FOLDER, { readOnly: true });
  try {
    const box = client.mailbox;
    if (!box) return [];
    const uidValidity = String(box.uidValidity);
    const cursor = await db.selectFrom('imap_cursor').selectAll().where('folder', '=', FOLDER).executeTakeFirst();
    const fresh = !cursor || cursor.uid_validity !== uidValidity;
    let uids: number[];
    if (fresh) {
      const sinceDate = new Date(since);
      const found = await client.search({ since: sinceDate }, { uid: true });
      uids = [];
      if (found && found.length) {
        // SINCE is by day: keep only what arrived after the moment reading was switched on.
        for await (const m of client.fetch(found.join(','), { uid: true, internalDate: true }, { uid: true }))
          if (m.internalDate && new Date(m.internalDate) >= sinceDate) uids.push(m.uid);
      }
    } else {
      // "n:*" answers the last message even when nothing is newer: keep only what is.
      const found = await client.search({ uid: `${cursor.last_uid + 1}:*` }, { uid: true });
      uids = (found || []).filter((uid) => uid > cursor.last_uid);
    }
    const recorded: RecordedBounce[] = [];
    let last = fresh ? 0 : cursor.last_uid;
    if (uids.length) {
      const messages: FetchMessageObject[] = [];
      for await (const m of client.fetch(
        uids.join(','),
        { uid: true, envelope: true, bodyStructure: true, size: true },
        { uid: true },
      ))
        messages.push(m);
      for (const message of messages.sort((a, b) => a.uid - b.uid)) {
        const bounce = await bounceOf(client, message);
        if (bounce) recorded.push(...(await recordBounce(db, bounce, now())));
        last = Math.max(last, message.uid);
      }
    }
    // Everything there when the folder was opened has been looked at.
    last = Math.max(last, Number(box.uidNext) - 1);
    await db
      .insertInto('imap_cursor')
      .values({ folder: FOLDER, uid_validity: uidValidity, last_uid: last })
      .onConflict((oc) => oc.column('folder').doUpdateSet({ uid_validity: uidValidity, last_uid: last }))
      .execute();
    return recorded;
  } finally {
    lock.release();
  }
}
