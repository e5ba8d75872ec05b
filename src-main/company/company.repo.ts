import type { CompanyInfo } from '../../src-shared/api/company.api';
import type { SendingLimits } from '../../src-shared/api/mailbox.api';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../book/schema';
import type { CompanyTable, MailboxTable } from '../book/schema/company';

export type CompanyRow = Selectable<CompanyTable>;
export type MailboxRow = Selectable<MailboxTable>;

// Both tables hold exactly one row (id = 1), inserted by the first migration.
export const readCompany = (db: Kysely<Database>) =>
  db.selectFrom('company').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();

export const toCompanyInfo = (row: CompanyRow): CompanyInfo => ({
  nameAr: row.name_ar,
  nameEn: row.name_en,
  address: row.address,
  phone: row.phone,
  taxNumber: row.tax_number,
  logo: row.logo,
  defaultCurrency: row.default_currency,
  defaultTaxBp: row.default_tax_bp,
});

export async function writeCompany(db: Kysely<Database>, values: Updateable<CompanyTable>): Promise<void> {
  await db.updateTable('company').set(values).where('id', '=', 1).execute();
}

export const readMailbox = (db: Kysely<Database>) =>
  db.selectFrom('mailbox').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();

export async function writeMailbox(db: Kysely<Database>, values: Updateable<MailboxTable>): Promise<void> {
  await db.updateTable('mailbox').set(values).where('id', '=', 1).execute();
}

/** The sending limits the outbox keeps for this mailbox. */
export const limitsOf = (row: MailboxRow): SendingLimits => ({
  recipientsPerMessage: row.limit_per_message,
  messagesPerMinute: row.limit_per_minute,
  recipientsPerDay: row.limit_per_day,
});
