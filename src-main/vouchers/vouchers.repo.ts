import { escapeLike } from '../../src-shared/text/escape';
import { sql, type Insertable, type Kysely, type Selectable, type SelectQueryBuilder, type QueryCreator } from 'kysely';
import type { Voucher } from '../../src-shared/api/vouchers.api';
import { VOUCHER_SHAPE, type VoucherType } from '../../src-shared/vouchers/types';
import type { Database } from '../book/schema';
import type { VoucherLinesTable, VouchersTable } from '../book/schema/vouchers';
import { daySeekQuery, seekByDays } from './voucher-days';

export type VoucherRow = Selectable<VouchersTable> & {
  party_name: string;
  party_kind: 'customer' | 'supplier' | 'employee';
};
export type LineRow = Selectable<VoucherLinesTable>;
export type VoucherValues = Omit<
  Insertable<VouchersTable>,
  'id' | 'revision' | 'created_at' | 'status' | 'cancelled_at'
>;
export type LineValues = Omit<Insertable<VoucherLinesTable>, 'voucher_id' | 'position'>;

export async function nextNumber(db: Kysely<Database>, type: VoucherType): Promise<number> {
  const row = await db
    .selectFrom('vouchers')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('type', '=', type)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function numberTaken(
  db: Kysely<Database>,
  type: VoucherType,
  number: number,
  exceptId?: string,
): Promise<boolean> {
  let query = db.selectFrom('vouchers').select('id').where('type', '=', type).where('number', '=', number);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

const withParty = (db: Kysely<Database>) =>
  db
    .selectFrom('vouchers')
    .innerJoin('parties', 'parties.id', 'vouchers.party_id')
    .selectAll('vouchers')
    .select(['parties.name as party_name', 'parties.kind as party_kind']);

export const getVoucher = (db: Kysely<Database>, id: string): Promise<VoucherRow | undefined> =>
  withParty(db).where('vouchers.id', '=', id).executeTakeFirst();

export const getLines = (db: Kysely<Database>, id: string): Promise<LineRow[]> =>
  db.selectFrom('voucher_lines').selectAll().where('voucher_id', '=', id).orderBy('position').execute();

async function writeLines(db: Kysely<Database>, voucherId: string, lines: LineValues[]): Promise<void> {
  await db.deleteFrom('voucher_lines').where('voucher_id', '=', voucherId).execute();
  if (lines.length === 0) return;
  await db
    .insertInto('voucher_lines')
    .values(lines.map((line, position) => ({ ...line, voucher_id: voucherId, position })))
    .execute();
}

export async function insertVoucher(
  db: Kysely<Database>,
  id: string,
  values: VoucherValues,
  lines: LineValues[],
  now: string,
): Promise<void> {
  await db
    .insertInto('vouchers')
    .values({ ...values, id, revision: 1, status: 'active', created_at: now, cancelled_at: null })
    .execute();
  await writeLines(db, id, lines);
}

export async function updateVoucher(
  db: Kysely<Database>,
  id: string,
  values: VoucherValues,
  lines: LineValues[],
): Promise<void> {
  await db
    .updateTable('vouchers')
    .set({ ...values, revision: sql`revision + 1` })
    .where('id', '=', id)
    .execute();
  await writeLines(db, id, lines);
}

export async function cancelVoucher(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db
    .updateTable('vouchers')
    .set({ status: 'cancelled', cancelled_at: now, updated_at: now, revision: sql`revision + 1` })
    .where('id', '=', id)
    .execute();
}

export interface VoucherQuery {
  type?: VoucherType;
  searchKey: string;
  partyId?: string;
  from?: string;
  to?: string;
  includeCancelled: boolean;
  limit: number;
  offset: number;
}

/** What a list row shows: the voucher's own columns without its body, and its party's name. */
export type VoucherListRow = Pick<
  VoucherRow,
  'id' | 'type' | 'number' | 'date' | 'party_id' | 'party_name' | 'currency' | 'status' | 'revision' | 'total_minor'
>;

const LIST_COLUMNS = [
  'vouchers.id',
  'vouchers.type',
  'vouchers.number',
  'vouchers.date',
  'vouchers.party_id',
  'vouchers.currency',
  'vouchers.status',
  'vouchers.revision',
  'vouchers.total_minor',
] as const;

// The party's name for each row of a page, looked up by key: PostgreSQL plans this in a fraction
// of the time a join takes, and a page is at most a few hundred rows.
const partyName = sql<string>`(select name from parties where parties.id = page.party_id)`.as('party_name');

export async function listVouchers(
  db: Kysely<Database>,
  q: VoucherQuery,
): Promise<{ rows: VoucherListRow[]; total: number }> {
  // Filters touch the vouchers table only (indexed); the party's name is looked up for the page alone.
  let filtered = db.selectFrom('vouchers');
  if (q.type) filtered = filtered.where('vouchers.type', '=', q.type);
  if (q.partyId) filtered = filtered.where('vouchers.party_id', '=', q.partyId);
  if (q.from) filtered = filtered.where('vouchers.date', '>=', q.from);
  if (q.to) filtered = filtered.where('vouchers.date', '<=', q.to);
  if (!q.includeCancelled) filtered = filtered.where('vouchers.status', '=', 'active');
  if (q.searchKey) {
    // A number matches the voucher number; any text matches the party's search key.
    const like = `%${escapeLike(q.searchKey)}%`;
    const byParty = sql`vouchers.party_id in (select id from parties where search_key like ${like} escape '\\')`;
    // The number and the party as two indexed reads joined by id: PostgreSQL reads an OR with a
    // subquery row by row over the whole table.
    filtered = filtered.where(
      /^\d+$/.test(q.searchKey)
        ? sql<boolean>`vouchers.id in (select id from vouchers where number = ${Number(q.searchKey)}
            union all select id from vouchers where ${byParty})`
        : sql<boolean>`${byParty}`,
    );
  }
  const newestFirst = <Q extends SelectQueryBuilder<Database, 'vouchers', object>>(query: Q) =>
    query.orderBy('vouchers.date', 'desc').orderBy('vouchers.number', 'desc') as Q;
  if (!q.partyId && !q.searchKey) {
    // Type, status and dates only: the total and the page's day come from the per-day counts, in
    // the same statement as the page (one trip to an office server); the page skips within its day.
    const offset = q.offset;
    const page = newestFirst(
      filtered
        .where('vouchers.date', '<=', sql<string>`(select date from seek where upto > ${offset})`)
        .select(LIST_COLUMNS),
    )
      .limit(q.limit)
      .offset(sql<number>`coalesce((select cast(${offset} - (upto - n) as bigint) from seek), 0)`);
    // The seek is named only in raw SQL, so the page's builder need not know its columns.
    const withSeek = db.with('seek', () => daySeekQuery(db, q, offset)) as unknown as QueryCreator<Database>;
    const rows = await withSeek
      .selectFrom(page.as('page'))
      .selectAll('page')
      .select([partyName, sql<number>`(select total from seek)`.as('total')])
      .orderBy('page.date', 'desc')
      .orderBy('page.number', 'desc')
      .execute();
    if (rows[0]) return { rows, total: Number(rows[0].total) };
    return { rows: [], total: (await seekByDays(db, q, offset)).total };
  }
  // A party's or a search's vouchers: each is read for the count anyway, so the page takes its
  // columns from the same pass, and carries the count of all of them.
  const page = newestFirst(filtered.select([...LIST_COLUMNS, sql<number>`count(*) over ()`.as('total')]))
    .limit(q.limit)
    .offset(q.offset);
  const rows = await db
    .selectFrom(page.as('page'))
    .selectAll('page')
    .select(partyName)
    .orderBy('page.date', 'desc')
    .orderBy('page.number', 'desc')
    .execute();
  if (rows[0]) return { rows, total: Number(rows[0].total) };
  // Past the end (or nothing found): counted on its own.
  const count =
    q.offset > 0 ? (await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n : 0;
  return { rows: [], total: Number(count) };
}

/** A voucher as the contract shows it, from its row and lines. */
export function toVoucher(row: VoucherRow, lines: LineRow[]): Voucher {
  const body = row.body ? (JSON.parse(row.body) as Record<string, unknown>) : null;
  const shape = VOUCHER_SHAPE[row.type];
  return {
    id: row.id,
    type: row.type,
    number: row.number,
    date: row.date,
    partyId: row.party_id,
    partyName: row.party_name,
    partyKind: row.party_kind,
    currency: row.currency,
    language: row.language,
    notes: row.notes,
    status: row.status,
    revision: row.revision,
    subtotalMinor: row.subtotal_minor,
    discountMinor: row.discount_minor,
    taxMinor: row.tax_minor,
    totalMinor: row.total_minor,
    lines: lines.map((l) => ({
      description: l.description,
      quantityMilli: l.quantity_milli,
      unitPriceMinor: l.unit_price_minor,
      discountBp: l.discount_bp,
      taxBp: l.tax_bp,
      grossMinor: l.gross_minor,
      discountMinor: l.discount_minor,
      taxMinor: l.tax_minor,
      totalMinor: l.total_minor,
    })),
    payment: shape === 'payment' ? (body as Voucher['payment']) : null,
    payslip: shape === 'payslip' ? ({ ...(body as object), netMinor: row.total_minor } as Voucher['payslip']) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
