import { escapeLike } from '../../src-shared/text/escape';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { PartyKind } from '../../src-shared/api/parties.api';
import { perDialect } from '../book/dialect';
import type { Database } from '../book/schema';
import type { PartiesTable } from '../book/schema/parties';

export type PartyRow = Selectable<PartiesTable>;
export type PartyValues = Omit<PartiesTable, 'revision' | 'id' | 'kind' | 'created_at' | 'archived_at'>;

export async function listParties(
  db: Kysely<Database>,
  q: { kind: PartyKind; searchKey: string; includeArchived: boolean; limit: number; offset: number },
): Promise<{ rows: PartyRow[]; total: number }> {
  let query = db.selectFrom('parties').where('kind', '=', q.kind);
  if (!q.includeArchived) query = query.where('archived_at', 'is', null);
  if (q.searchKey) query = query.where(sql<boolean>`search_key like ${`%${escapeLike(q.searchKey)}%`} escape '\\'`);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('name').orderBy('code').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const getParty = (db: Kysely<Database>, id: string) =>
  db.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();

export async function codeTaken(
  db: Kysely<Database>,
  kind: PartyKind,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db.selectFrom('parties').select('id').where('kind', '=', kind).where('code', '=', code);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The largest all-digit code of this kind, or 0. */
export async function maxNumericCode(db: Kysely<Database>, kind: PartyKind): Promise<number> {
  const { largest, allDigits } = perDialect(db, {
    sqlite: {
      largest: sql<number | null>`max(cast(code as integer))`,
      allDigits: sql<boolean>`code <> '' and code not glob '*[^0-9]*'`,
    },
    postgres: { largest: sql<number | null>`max(cast(code as numeric))`, allDigits: sql<boolean>`code ~ '^[0-9]+$'` },
  });
  const row = await db
    .selectFrom('parties')
    .select(largest.as('max'))
    .where('kind', '=', kind)
    .where(allDigits)
    .executeTakeFirstOrThrow();
  return Number(row.max ?? 0);
}

export async function insertParty(db: Kysely<Database>, row: Omit<PartiesTable, 'revision'>): Promise<void> {
  await db.insertInto('parties').values(row).execute();
}

export async function updateParty(db: Kysely<Database>, id: string, values: PartyValues): Promise<void> {
  await db
    .updateTable('parties')
    .set({ ...values, revision: sql`revision + 1` })
    .where('id', '=', id)
    .execute();
}

export async function setPartyArchived(
  db: Kysely<Database>,
  id: string,
  archivedAt: string | null,
  now: string,
): Promise<void> {
  await db.updateTable('parties').set({ archived_at: archivedAt, updated_at: now }).where('id', '=', id).execute();
}

/** How many vouchers name this card (a used card is archived, never deleted). */
export async function voucherCount(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db
    .selectFrom('vouchers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('party_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteParty(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('parties').where('id', '=', id).execute();
}
