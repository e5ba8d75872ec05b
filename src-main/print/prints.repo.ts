import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../book/schema';
import type { VoucherPrintsTable } from '../book/schema/vouchers';

export type PrintRow = Selectable<VoucherPrintsTable>;

export const findPrint = (
  db: Kysely<Database>,
  voucherId: string,
  revision: number,
  language: 'ar' | 'en',
  htmlSha256: string,
) =>
  db
    .selectFrom('voucher_prints')
    .selectAll()
    .where('voucher_id', '=', voucherId)
    .where('revision', '=', revision)
    .where('language', '=', language)
    .where('html_sha256', '=', htmlSha256)
    .executeTakeFirst();

export async function insertPrint(db: Kysely<Database>, row: PrintRow): Promise<void> {
  await db
    .insertInto('voucher_prints')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Every sha256 recorded for a voucher revision (one per language and page content). */
export const printsOf = (db: Kysely<Database>, voucherId: string) =>
  db.selectFrom('voucher_prints').selectAll().where('voucher_id', '=', voucherId).orderBy('revision').execute();
