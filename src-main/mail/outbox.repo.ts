import { setTimeout } from 'node:timers/promises';
import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { OutboxRow, OutboxStatus, RecipientBounce } from '../../src-shared/api/mail.api';
import type { DocumentTarget } from '../../src-shared/api/print.api';
import { dialectOf } from '../book/dialect';
import { claimerGone, presentNow, PRESENCE_GRACE_MS } from '../office/presence';
import type { Database } from '../book/schema';
import type { OutboxTable } from '../book/schema/outbox';

export type OutboxRecord = Selectable<OutboxTable>;

export async function insertOutbox(db: Kysely<Database>, row: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

export const getOutbox = (db: Kysely<Database>, id: string) =>
  db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();

export async function updateOutbox(db: Kysely<Database>, id: string, values: Updateable<OutboxTable>): Promise<void> {
  await db.updateTable('outbox').set(values).where('id', '=', id).execute();
}

/**
 * Move a message on only if it is still in one of the states the caller saw, in the caller's
 * transaction; answers whether it moved. A worker or another window that got there first wins.
 */
export async function updateOutboxIf(
  db: Kysely<Database>,
  id: string,
  from: OutboxTable['status'][],
  values: Updateable<OutboxTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set(values)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The next message due: queued, its retry time reached, oldest first. */
export const nextDue = (db: Kysely<Database>, now: string) =>
  db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'queued')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    // An office book: a row another desktop holds (claiming or cancelling it) is passed over, not waited for.
    .$if(dialectOf(db) === 'postgres', (q) => q.forUpdate().skipLocked())
    .executeTakeFirst();

/** Messages a desktop is sending now, claimed after this moment: they take their place in the window already. */
export const inFlightSince = (db: Kysely<Database>, since: string) =>
  db
    .selectFrom('outbox')
    .select([sql<string>`updated_at`.as('sent_at'), 'recipients'])
    .where('status', '=', 'sending')
    .where('updated_at', '>', since)
    .execute();

export async function earliestRetry(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('outbox')
    .select(sql<string | null>`min(next_attempt_at)`.as('at'))
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return row?.at ?? null;
}

/** Whether this desktop holds its presence lock now (see claimNext); a book on this computer has only this desktop. */
export async function isPresent(db: Kysely<Database>, desktopId: string): Promise<boolean> {
  if (dialectOf(db) !== 'postgres') return true;
  const { rows } = await sql<{ present: boolean }>`select ${presentNow(desktopId)} as present`.execute(db);
  return Boolean(rows[0]?.present);
}

/**
 * Rows a crash left "sending": back in the queue, with the same Message-ID. On an office book only
 * those whose desktop is gone: another desktop's message on the wire right now is left to it, and so
 * is one whose desktop is only reconnecting (absent at a first look, present again within the grace).
 */
export async function requeueInterrupted(
  db: Kysely<Database>,
  now: string,
  graceMs = PRESENCE_GRACE_MS,
): Promise<number> {
  const requeue = db
    .updateTable('outbox')
    .set({ status: 'queued', next_attempt_at: null, updated_at: now, last_error: 'interrupted', claimed_by: null })
    .where('status', '=', 'sending');
  if (dialectOf(db) !== 'postgres') return Number((await requeue.executeTakeFirst()).numUpdatedRows);
  const absent = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'sending')
    .where(claimerGone('claimed_by'))
    .execute();
  if (absent.length === 0) return 0;
  await setTimeout(graceMs);
  const result = await requeue
    .where(
      'id',
      'in',
      absent.map((r) => r.id),
    )
    .where(claimerGone('claimed_by'))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * While running: rows another desktop of the office left "sending" when it stopped. A book on this
 * computer has only this desktop, whose interrupted rows were queued again when it started.
 */
export async function requeueOfAbsentDesktops(db: Kysely<Database>, now: string): Promise<number> {
  if (dialectOf(db) !== 'postgres') return 0;
  return requeueInterrupted(db, now);
}

export async function recordAttempt(
  db: Kysely<Database>,
  row: { outbox_id: string; attempt: number; at: string; outcome: string; reply: string | null },
): Promise<void> {
  await db
    .insertInto('outbox_attempts')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Earlier sends of this document revision that went or are going out. */
export const earlierSends = (db: Kysely<Database>, sourceKey: string, revision: number | null) =>
  db
    .selectFrom('outbox')
    .select(['created_at', 'sent_at', 'to_json', 'cc_json', 'status'])
    .where('source_key', '=', sourceKey)
    .where((eb) => (revision === null ? eb('source_revision', 'is', null) : eb('source_revision', '=', revision)))
    .where('status', 'in', ['queued', 'sending', 'sent', 'held'])
    .orderBy('created_at', 'desc')
    .execute();

/** The stored status a shown one stands for: `bounced` is a sent message with a bounced recipient. */
export function whereShownStatus(eb: ExpressionBuilder<Database, 'outbox'>, status: OutboxStatus) {
  if (status === 'bounced') return eb.and([eb('outbox.status', '=', 'sent'), eb('outbox.bounced', '>', 0)]);
  if (status === 'sent') return eb.and([eb('outbox.status', '=', 'sent'), eb('outbox.bounced', '=', 0)]);
  return eb('outbox.status', '=', status);
}

/** Bounces of these messages, by message. */
export async function bouncesByMessage(db: Kysely<Database>, ids: string[]): Promise<Map<string, RecipientBounce[]>> {
  const map = new Map<string, RecipientBounce[]>();
  if (!ids.length) return map;
  const rows = await db
    .selectFrom('outbox_bounces')
    .selectAll()
    .where('outbox_id', 'in', ids)
    .orderBy('recipient')
    .execute();
  for (const r of rows)
    map.set(r.outbox_id, [
      ...(map.get(r.outbox_id) ?? []),
      { recipient: r.recipient, kind: r.kind, status: r.status_code, diagnostic: r.diagnostic, at: r.reported_at },
    ]);
  return map;
}

export async function listOutbox(db: Kysely<Database>, statuses: OutboxStatus[], limit: number, offset: number) {
  let query = db.selectFrom('outbox');
  if (statuses.length) query = query.where((eb) => eb.or(statuses.map((s) => whereShownStatus(eb, s))));
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Take a queued message for sending; false when someone cancelled it a moment ago. */
export async function claim(
  db: Kysely<Database>,
  id: string,
  attempt: number,
  now: string,
  desktopId: string,
): Promise<boolean> {
  let claim = db
    .updateTable('outbox')
    .set({ status: 'sending', attempts: attempt, updated_at: now, claimed_by: desktopId })
    .where('id', '=', id)
    .where('status', '=', 'queued');
  // On an office book, only while this desktop is present: see claimNext.
  if (dialectOf(db) === 'postgres') claim = claim.where(presentNow(desktopId));
  const result = await claim.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A message as the contract shows it (the outbox list, the mail report). */
export const toOutboxRow = (r: OutboxRecord, bounces: RecipientBounce[] = []): OutboxRow => ({
  id: r.id,
  status: r.status === 'sent' && r.bounced > 0 ? 'bounced' : r.status,
  bounces,
  to: JSON.parse(r.to_json) as string[],
  cc: JSON.parse(r.cc_json) as string[],
  subject: r.subject,
  note: r.note,
  fileName: r.file_name,
  pdfSha256: r.pdf_sha256,
  messageId: r.message_id,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastReply: r.last_reply,
  lastError: r.last_error,
  credits: r.credits,
  source: JSON.parse(r.source_json) as DocumentTarget,
  sourceTitle: r.source_title,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** Messages waiting for a retry become due now. */
export async function makeWaitingDue(db: Kysely<Database>): Promise<void> {
  await db.updateTable('outbox').set({ next_attempt_at: null }).where('status', '=', 'queued').execute();
}

/**
 * The messages sent after a moment, from the sent-window index alone. `status = 'sent'` is written
 * as a literal: SQLite uses a partial index only when the query names its condition as written.
 */
const sentAfter = (db: Kysely<Database>, since: string) =>
  db
    .selectFrom('outbox')
    .where(sql<boolean>`status = 'sent'`)
    .where('sent_at', '>', since);

export const sentSinceQuery = (db: Kysely<Database>, since: string) =>
  sentAfter(db, since).select([
    sql<number>`count(*)`.as('messages'),
    sql<number>`coalesce(sum(recipients), 0)`.as('recipients'),
  ]);

/** How many messages, and recipients, were sent after this moment. */
export async function sentSince(
  db: Kysely<Database>,
  since: string,
): Promise<{ messages: number; recipients: number }> {
  const row = await sentSinceQuery(db, since).executeTakeFirstOrThrow();
  return { messages: Number(row.messages), recipients: Number(row.recipients) };
}

/** The messages sent after this moment, oldest first: when each was sent and to how many. */
export const sentTimesQuery = (db: Kysely<Database>, since: string) =>
  sentAfter(db, since)
    .select([sql<string>`sent_at`.as('sent_at'), 'recipients'])
    .orderBy('sent_at');

export const sentTimesSince = (db: Kysely<Database>, since: string) => sentTimesQuery(db, since).execute();

/** Every waiting message goes no sooner than `at`, and says why (a sending limit, a quota reply). */
export async function deferQueued(db: Kysely<Database>, at: string, reason: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: at, last_error: reason })
    .where('status', '=', 'queued')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<', at)]))
    .execute();
}
