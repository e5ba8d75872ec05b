import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { BulkOptions } from '../../src-shared/api/bulk.api';
import type { Database } from '../book/schema';
import type { BulkSendsTable } from '../book/schema/bulk';

export type BulkRow = Selectable<BulkSendsTable>;

// Whether this revision of the voucher already went (or is going) out by email.
const SENT = sql<number>`exists (select 1 from outbox o where o.source_key = 'voucher:' || v.id and o.source_revision = v.revision and o.status in ('queued', 'sending', 'sent'))`;

/**
 * The bulk's options as a condition on `vouchers v` (and `parties p`, joined, for parties of a
 * kind): the one definition of what a bulk selects, for its preview's counts and for what it sends.
 */
function selectedWhere(o: BulkOptions) {
  const parts = [
    o.range.by === 'number'
      ? sql`v.number >= ${o.range.from} and v.number <= ${o.range.to}`
      : sql`v.date >= ${o.range.from} and v.date <= ${o.range.to}`,
  ];
  if (o.type) parts.push(sql`v.type = ${o.type}`);
  if (o.party.mode === 'party') parts.push(sql`v.party_id = ${o.party.partyId}`);
  if (o.party.mode === 'kind') parts.push(sql`p.kind = ${o.party.kind}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** The vouchers a bulk's options select (cancelled ones included; callers decide), with their party. */
export const selected = (db: Kysely<Database>, o: BulkOptions) =>
  db.selectFrom('vouchers as v').innerJoin('parties as p', 'p.id', 'v.party_id').where(selectedWhere(o));

export interface PerPartyRow {
  partyId: string;
  emails: string;
  n: number;
  cancelled: number;
  sentActive: number;
  sentAll: number;
}

/**
 * Per party: how many selected vouchers, how many cancelled, how many already sent (this
 * revision queued, sending or sent). Counted, never loaded, and grouped before anything is
 * joined: the vouchers by party from their index; the sent ones from the outbox's side (far
 * fewer rows than the vouchers), matched to their voucher and revision; then each party's
 * addresses. Heavy on a big book: it runs on the read worker.
 */
export function perPartyQuery(o: BulkOptions) {
  // Parties of a kind: joined (a subquery makes SQLite walk each party's vouchers); otherwise not joined before grouping.
  const where = selectedWhere(o);
  const kindJoin = o.party.mode === 'kind' ? sql`join parties p on p.id = v.party_id` : sql``;
  return sql<PerPartyRow>`
    with counted as (
      select v.party_id, count(*) as n, count(case when v.status = 'cancelled' then 1 end) as cancelled
      from vouchers v ${kindJoin} where ${where} group by v.party_id),
    sent_documents as (
      select distinct substr(source_key, 9) as voucher_id, source_revision as revision from outbox
      where source_key >= 'voucher:' and source_key < 'voucher;' and status in ('queued', 'sending', 'sent')),
    sent as (
      select v.party_id, count(*) as sent_all, count(case when v.status <> 'cancelled' then 1 end) as sent_active
      from sent_documents o join vouchers v on v.id = o.voucher_id and v.revision = o.revision ${kindJoin}
      where ${where} group by v.party_id)
    select c.party_id as "partyId", p.emails as emails, c.n as n, c.cancelled as cancelled,
      coalesce(s.sent_active, 0) as "sentActive", coalesce(s.sent_all, 0) as "sentAll"
    from counted c join parties p on p.id = c.party_id left join sent s on s.party_id = c.party_id`;
}

export const perPartyAll = async (db: Kysely<Database>, o: BulkOptions) => (await perPartyQuery(o).execute(db)).rows;

export const firstDocuments = (db: Kysely<Database>, o: BulkOptions, limit: number) =>
  selected(db, o)
    .select([
      'v.id',
      'v.type',
      'v.number',
      'v.date',
      'v.status',
      'p.name as partyName',
      'p.emails as emails',
      SENT.as('sent'),
    ])
    .orderBy('v.date')
    .orderBy('v.type')
    .orderBy('v.number')
    .limit(limit)
    .execute();

const PREPARE_CHUNK = 500;

/**
 * List the next few hundred of the bulk's documents in sending order (date, type, number),
 * after the last one listed. Answers whether more may follow.
 */
export async function prepareChunk(db: Kysely<Database>, bulkId: string, o: BulkOptions): Promise<boolean> {
  const last = await db
    .selectFrom('bulk_items as i')
    .innerJoin('vouchers as v', 'v.id', 'i.voucher_id')
    .select(['i.position', 'v.date', 'v.type', 'v.number'])
    .where('i.bulk_id', '=', bulkId)
    .orderBy('i.position', 'desc')
    .limit(1)
    .executeTakeFirst();
  let q = selected(db, o);
  if (!o.includeCancelled) q = q.where('v.status', '<>', 'cancelled');
  if (last) q = q.where(sql<boolean>`(v.date, v.type, v.number) > (${last.date}, ${last.type}, ${last.number})`);
  const rows = await q
    .select('v.id')
    .orderBy('v.date')
    .orderBy('v.type')
    .orderBy('v.number')
    .limit(PREPARE_CHUNK)
    .execute();
  const start = last?.position ?? 0;
  if (rows.length) {
    await db
      .insertInto('bulk_items')
      .values(
        rows.map((r, i) => ({
          bulk_id: bulkId,
          position: start + i + 1,
          voucher_id: r.id,
          state: 'pending',
          skip_reason: null,
          outbox_id: null,
        })),
      )
      .execute();
  }
  return rows.length === PREPARE_CHUNK;
}

export const nextPending = (db: Kysely<Database>, bulkId: string, limit: number) =>
  db
    .selectFrom('bulk_items as i')
    .innerJoin('vouchers as v', 'v.id', 'i.voucher_id')
    .innerJoin('parties as p', 'p.id', 'v.party_id')
    .select(['i.position', 'i.voucher_id as voucherId', 'p.emails as emails', SENT.as('sent')])
    .where('i.bulk_id', '=', bulkId)
    .where('i.state', '=', 'pending')
    .orderBy('i.position')
    .limit(limit)
    .execute();

export async function setItem(
  db: Kysely<Database>,
  bulkId: string,
  position: number,
  values: { state: 'queued' | 'skipped' | 'cancelled'; skip_reason?: string | null; outbox_id?: string | null },
) {
  await db
    .updateTable('bulk_items')
    .set(values)
    .where('bulk_id', '=', bulkId)
    .where('position', '=', position)
    .execute();
}

export async function tally(db: Kysely<Database>, bulkId: string) {
  const row = await db
    .selectFrom('bulk_items as i')
    .leftJoin('outbox as o', 'o.id', 'i.outbox_id')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`count(case when o.status = 'sent' then 1 end)`.as('sent'),
      sql<number>`count(case when o.status = 'sent' and o.bounced > 0 then 1 end)`.as('bounced'),
      sql<number>`count(case when o.status = 'failed' then 1 end)`.as('failed'),
      sql<number>`count(case when i.state = 'pending' or o.status in ('queued', 'sending', 'held') then 1 end)`.as(
        'waiting',
      ),
      sql<number>`count(case when i.state = 'skipped' then 1 end)`.as('skipped'),
      sql<number>`count(case when i.state = 'cancelled' or o.status = 'cancelled' then 1 end)`.as('cancelled'),
      // The next slot the mailbox's limits (or a quota reply) leave for this bulk's waiting messages.
      sql<
        string | null
      >`min(case when o.status = 'queued' and o.last_error in ('minute_limit', 'daily_limit', 'quota_daily', 'quota_rate') then o.next_attempt_at end)`.as(
        'next_slot',
      ),
    ])
    .where('i.bulk_id', '=', bulkId)
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total),
    sent: Number(row.sent),
    bounced: Number(row.bounced),
    failed: Number(row.failed),
    waiting: Number(row.waiting),
    skipped: Number(row.skipped),
    cancelled: Number(row.cancelled),
    nextSlot: row.next_slot,
  };
}

export const getBulk = (db: Kysely<Database>, id: string) =>
  db.selectFrom('bulk_sends').selectAll().where('id', '=', id).executeTakeFirst();
export const listBulks = (db: Kysely<Database>) =>
  db.selectFrom('bulk_sends').selectAll().orderBy('created_at', 'desc').limit(100).execute();
export const runningBulks = (db: Kysely<Database>) =>
  db.selectFrom('bulk_sends').select('id').where('status', '=', 'running').execute();

export async function nextBulkNumber(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('bulk_sends')
    .select(sql<number | null>`max(number)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0) + 1;
}

/** Messages of this bulk being handed to the mail server at this moment. */
export async function inFlight(db: Kysely<Database>, bulkId: string): Promise<number> {
  const row = await db
    .selectFrom('bulk_items as i')
    .innerJoin('outbox as o', 'o.id', 'i.outbox_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('i.bulk_id', '=', bulkId)
    .where('o.status', '=', 'sending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A new bulk send, numbered next, running and not yet fully listed. */
export async function insertBulk(
  db: Kysely<Database>,
  values: { id: string; optionsJson: string; createdBy: string; now: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('bulk_sends')
      .values({
        id: values.id,
        number: await nextBulkNumber(trx),
        options_json: values.optionsJson,
        status: 'running',
        prepared: 0,
        created_by: values.createdBy,
        created_at: values.now,
        updated_at: values.now,
      })
      .execute();
  });
}

export async function setBulkStatus(db: Kysely<Database>, id: string, status: BulkRow['status'], now: string) {
  await db.updateTable('bulk_sends').set({ status, updated_at: now }).where('id', '=', id).execute();
}

/** Every document of the bulk is now listed in its items. */
export async function markPrepared(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('bulk_sends').set({ prepared: 1 }).where('id', '=', id).execute();
}

/** Documents not yet queued leave the bulk: skipped for a reason, or cancelled. */
export async function closePending(
  db: Kysely<Database>,
  bulkId: string,
  to: { state: 'skipped'; skip_reason: string } | { state: 'cancelled' },
): Promise<void> {
  await db.updateTable('bulk_items').set(to).where('bulk_id', '=', bulkId).where('state', '=', 'pending').execute();
}

/** The bulk's messages still waiting in the outbox (queued or held). */
export const waitingMessages = (db: Kysely<Database>, bulkId: string) =>
  db
    .selectFrom('bulk_items as i')
    .innerJoin('outbox as o', 'o.id', 'i.outbox_id')
    .select(['o.id', 'o.spend_id'])
    .where('i.bulk_id', '=', bulkId)
    .where('o.status', 'in', ['queued', 'held'])
    .execute();
