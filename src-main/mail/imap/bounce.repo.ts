import { sql, type Kysely } from 'kysely';
import { validateAddress } from '../../../src-shared/email/addresses';
import type { Database } from '../../book/schema';
import type { Bounce } from './dsn';
import { hasControls, oneLine } from './received-text';

const asciiLower = (address: string) => {
  const parsed = validateAddress(address);
  return (typeof parsed === 'string' ? address : parsed.ascii).toLowerCase();
};

export interface RecordedBounce {
  outboxId: string;
  sourceTitle: string;
  recipient: string;
  kind: 'bounced' | 'delayed';
  status: string;
}

/**
 * Marks the recipients a bounce names, on the message of Daftar's it answers (by Message-ID),
 * and counts the message's bounced recipients again. A bounce is a stranger's word: only a message
 * that was sent is marked, only for addresses it was sent to, and nothing with a control
 * character reaches the book. A second report of the same recipient changes nothing. Answers what
 * is new.
 */
export async function recordBounce(db: Kysely<Database>, bounce: Bounce, at: string): Promise<RecordedBounce[]> {
  const messageIds = bounce.messageIds.filter((id) => !hasControls(id));
  if (!messageIds.length) return [];
  const message = await db
    .selectFrom('outbox')
    .select(['id', 'to_json', 'cc_json', 'source_title'])
    .where('message_id', 'in', messageIds)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  if (!message) return [];
  const sentTo = new Set(
    [...(JSON.parse(message.to_json) as string[]), ...(JSON.parse(message.cc_json) as string[])].map(asciiLower),
  );
  const recorded: RecordedBounce[] = [];
  await db.transaction().execute(async (trx) => {
    for (const r of bounce.recipients) {
      if (!sentTo.has(r.address) || hasControls(r.address)) continue;
      const inserted = await trx
        .insertInto('outbox_bounces')
        .values({
          outbox_id: message.id,
          recipient: r.address,
          kind: r.kind,
          status_code: oneLine(r.status).slice(0, 20),
          diagnostic: oneLine(r.diagnostic).slice(0, 1000),
          reported_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0)
        recorded.push({
          outboxId: message.id,
          sourceTitle: message.source_title,
          recipient: r.address,
          kind: r.kind,
          status: r.status,
        });
    }
    await trx
      .updateTable('outbox')
      .set({
        bounced: sql<number>`(select count(*) from outbox_bounces where outbox_id = ${message.id} and kind = 'bounced')`,
      })
      .where('id', '=', message.id)
      .execute();
  });
  return recorded;
}

/** What bounced (or is delayed) for one message, per recipient. */
export const bouncesOf = (db: Kysely<Database>, outboxId: string) =>
  db
    .selectFrom('outbox_bounces')
    .select(['recipient', 'kind', 'status_code', 'diagnostic', 'reported_at'])
    .where('outbox_id', '=', outboxId)
    .orderBy('recipient')
    .execute();

/**
 * The card's addresses that bounce: the latest bounce of each, unless a message sent to that
 * address later did not bounce for it (a later delivery clears the mark).
 */
export async function bouncingAddresses(db: Kysely<Database>, partyId: string) {
  const rows = await db
    .selectFrom('outbox_bounces as b')
    .innerJoin('outbox as o', 'o.id', 'b.outbox_id')
    .select(['b.recipient', 'b.status_code', 'b.diagnostic', 'b.reported_at', 'o.sent_at'])
    .where('o.party_id', '=', partyId)
    .where('b.kind', '=', 'bounced')
    .orderBy('o.sent_at', 'desc')
    .execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.recipient)) latest.set(row.recipient, row);
  const sentLater = await db
    .selectFrom('outbox as o')
    .select(['o.id', 'o.to_json', 'o.cc_json', 'o.sent_at'])
    .where('o.party_id', '=', partyId)
    .where('o.status', '=', 'sent')
    .where(
      'o.sent_at',
      '>',
      [...latest.values()].reduce((min, r) => (r.sent_at && r.sent_at < min ? r.sent_at : min), '9'),
    )
    .execute();
  const marks = [];
  for (const row of latest.values()) {
    let cleared = false;
    for (const later of sentLater) {
      if (!row.sent_at || !later.sent_at || later.sent_at <= row.sent_at) continue;
      const to = [...(JSON.parse(later.to_json) as string[]), ...(JSON.parse(later.cc_json) as string[])].map(
        asciiLower,
      );
      if (!to.includes(row.recipient)) continue;
      const bounced = await db
        .selectFrom('outbox_bounces')
        .select('recipient')
        .where('outbox_id', '=', later.id)
        .where('recipient', '=', row.recipient)
        .where('kind', '=', 'bounced')
        .executeTakeFirst();
      if (!bounced) cleared = true;
    }
    if (!cleared)
      marks.push({ address: row.recipient, status: row.status_code, diagnostic: row.diagnostic, at: row.reported_at });
  }
  return marks;
}
