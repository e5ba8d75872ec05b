import type { FetchMessageObject, ImapFlow, MessageStructureObject } from 'imapflow';
import type { Kysely } from 'kysely';
import type { Database } from '../../book/schema';
import type { Logger } from '../../log';
import { recordBounce, type RecordedBounce } from './bounce.repo';
import { ParserUnavailable, type BounceJob, type BounceParser } from './bounce-parser';
import { TEXT_LIMIT } from './received-text';

const FOLDER = 'INBOX';
/** A text bounce is read this far: its report is at the top, and the quoted original's headers follow it. */
const TEXT_BOUNCE_BYTES = 256 * 1024;
/** A report's status part and the quoted headers are small: read this far. */
const PART_BYTES = TEXT_LIMIT;
/** UIDs per FETCH: a command line far below servers' limits (Dovecot's is 64 KB) and a bounded batch in memory. */
export const FETCH_BATCH = 200;

function parts(node: MessageStructureObject | undefined): MessageStructureObject[] {
  if (!node) return [];
  return [node, ...(node.childNodes ?? []).flatMap(parts)];
}

async function download(client: ImapFlow, uid: number, part: string | undefined, maxBytes: number): Promise<Buffer> {
  const { content } = await client.download(String(uid), part, { uid: true, maxBytes });
  const chunks: Buffer[] = [];
  if (!content) return Buffer.alloc(0);
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const downloadText = async (client: ImapFlow, uid: number, part: string) =>
  (await download(client, uid, part, PART_BYTES)).toString('utf8');

/** The quoted original's headers: a text/rfc822-headers part, or the head of a message/rfc822 one. */
async function quotedHeaders(client: ImapFlow, uid: number, all: MessageStructureObject[]): Promise<string> {
  const headers = all.find((p) => /^text\/rfc822-headers$|^message\/global-headers$/i.test(p.type));
  if (headers?.part) return downloadText(client, uid, headers.part);
  const original = all.find((p) => /^message\/(rfc822|global)$/i.test(p.type));
  if (!original?.part) return '';
  const text = await downloadText(client, uid, original.part);
  const end = text.search(/\r?\n\r?\n/);
  return end >= 0 ? text.slice(0, end) : text;
}

/** What of one message is to be parsed as a bounce (downloaded, bounded), or null when it cannot be one. */
async function bounceJob(client: ImapFlow, message: FetchMessageObject): Promise<BounceJob | null> {
  const all = parts(message.bodyStructure);
  const status = all.find((p) => /^message\/(global-)?delivery-status$/i.test(p.type));
  if (status?.part)
    return {
      kind: 'report',
      status: await downloadText(client, message.uid, status.part),
      headers: await quotedHeaders(client, message.uid, all),
    };
  const subject = (message.envelope?.subject ?? '').slice(0, 1000);
  const from = message.envelope?.from?.map((a) => a.address ?? '').join(' ') ?? '';
  if (!/mailer-daemon|postmaster/i.test(from) && !/undeliver|deliver|returned|failure|non.?delivery/i.test(subject))
    return null;
  return { kind: 'text', raw: await download(client, message.uid, undefined, TEXT_BOUNCE_BYTES) };
}

/** Groups of at most FETCH_BATCH UIDs, in order. */
function* batches(uids: number[]): Generator<number[]> {
  for (let i = 0; i < uids.length; i += FETCH_BATCH) yield uids.slice(i, i + FETCH_BATCH);
}

async function saveCursor(db: Kysely<Database>, uidValidity: string, last: number): Promise<void> {
  await db
    .insertInto('imap_cursor')
    .values({ folder: FOLDER, uid_validity: uidValidity, last_uid: last })
    .onConflict((oc) => oc.column('folder').doUpdateSet({ uid_validity: uidValidity, last_uid: last }))
    .execute();
}

export interface ReadBouncesOptions {
  /** When reading was switched on: the first read takes only mail that arrived since. */
  since: string;
  now: () => string;
  parser: BounceParser;
  log: Logger;
}

/**
 * Reads what is new in the INBOX since last time, read-only (EXAMINE: nothing is marked, moved or
 * deleted), and records the bounces of Daftar's messages found there. Where reading got to is kept
 * per UIDVALIDITY and saved after each message, so a message that cannot be read is logged and
 * skipped, never read again and never in the way of the next. The first read takes only mail that
 * arrived after reading was switched on.
 */
export async function readBounces(
  client: ImapFlow,
  db: Kysely<Database>,
  { since, now, parser, log }: ReadBouncesOptions,
): Promise<RecordedBounce[]> {
  const lock = await client.getMailboxLock(FOLDER, { readOnly: true });
  try {
    const box = client.mailbox;
    if (!box) return [];
    const uidValidity = String(box.uidValidity);
    // Taken now: imapflow raises mailbox.uidNext as FETCH answers name newer UIDs, and a cursor
    // moved to such a raised value would pass over mail that arrived during this pass.
    const uidNextAtOpen = Number(box.uidNext);
    const cursor = await db.selectFrom('imap_cursor').selectAll().where('folder', '=', FOLDER).executeTakeFirst();
    const fresh = !cursor || cursor.uid_validity !== uidValidity;
    let uids: number[];
    if (fresh) {
      // INTERNALDATE has whole seconds: a message of the very second reading was switched on counts.
      const sinceSecond = new Date(Math.floor(new Date(since).getTime() / 1000) * 1000);
      const found = (await client.search({ since: sinceSecond }, { uid: true })) || [];
      uids = [];
      // SINCE is by day: keep only what arrived after the moment reading was switched on.
      for (const batch of batches(found))
        for await (const m of client.fetch(batch.join(','), { uid: true, internalDate: true }, { uid: true }))
          if (m.internalDate && new Date(m.internalDate) >= sinceSecond) uids.push(m.uid);
      uids.sort((a, b) => a - b);
    } else {
      // "n:*" answers the last message even when nothing is newer: keep only what is.
      const found = await client.search({ uid: `${cursor.last_uid + 1}:*` }, { uid: true });
      uids = (found || []).filter((uid) => uid > cursor.last_uid).sort((a, b) => a - b);
    }
    // On a first read, everything before the first message to read is behind us.
    let last = fresh ? (uids.length ? uids[0]! - 1 : 0) : cursor.last_uid;
    if (fresh) await saveCursor(db, uidValidity, last);
    const recorded: RecordedBounce[] = [];
    for (const batch of batches(uids)) {
      const messages: FetchMessageObject[] = [];
      for await (const m of client.fetch(
        batch.join(','),
        { uid: true, envelope: true, bodyStructure: true, size: true },
        { uid: true },
      ))
        messages.push(m);
      for (const message of messages.sort((a, b) => a.uid - b.uid)) {
        const read = await readOne(client, db, message, { now, parser, log });
        recorded.push(...read.recorded);
        last = Math.max(last, message.uid);
        // Saved after each message that was read for a bounce, so one that cannot be read is never
        // read again; others are saved with their batch.
        if (read.looked) await saveCursor(db, uidValidity, last);
      }
      await saveCursor(db, uidValidity, last);
    }
    // Everything there when the folder was opened has been looked at (SEARCH ran after it opened).
    if (uidNextAtOpen - 1 > last) await saveCursor(db, uidValidity, uidNextAtOpen - 1);
    return recorded;
  } finally {
    lock.release();
  }
}

/**
 * One message: downloaded (bounded), parsed off the main thread, recorded. A message that cannot be
 * read, or makes recording fail (a hand-edited row), is logged and skipped while the connection
 * holds; a lost connection, or a parser that cannot start, fails the pass and the message is read
 * again next time.
 */
async function readOne(
  client: ImapFlow,
  db: Kysely<Database>,
  message: FetchMessageObject,
  { now, parser, log }: Pick<ReadBouncesOptions, 'now' | 'parser' | 'log'>,
): Promise<{ looked: boolean; recorded: RecordedBounce[] }> {
  try {
    const job = await bounceJob(client, message);
    const bounce = job && (await parser.parse(job));
    return { looked: job !== null, recorded: bounce ? await recordBounce(db, bounce, now()) : [] };
  } catch (error) {
    if (!client.usable || error instanceof ParserUnavailable) throw error;
    log.info('mailbox reader: a message could not be read and was skipped', {
      uid: message.uid,
      why: error instanceof Error ? error.message : String(error),
    });
    return { looked: true, recorded: [] };
  }
}
