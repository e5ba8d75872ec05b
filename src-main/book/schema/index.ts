import type { BulkItemsTable, BulkSendsTable } from './bulk';
import type { CompanyTable, MailboxTable } from './company';
import type { CreditGrantsTable, CreditSpendsTable, LicensingOrdersTable, LicensingStateTable } from './credits';
import type {
  ImapCursorTable,
  KeptFilesTable,
  OutboxAttemptsTable,
  OutboxBouncesTable,
  OutboxHoursTable,
  OutboxTable,
} from './outbox';
import type { OutboxSearchFactsTable, OutboxSearchHoursTable, OutboxSearchValuesTable } from './mail-search';
import type { PartiesTable } from './parties';
import type { OfficeSecretsTable, SettingsTable } from './settings';
import type { UsersSeenView, UsersTable } from './users';
import type { VoucherDaysTable, VoucherLinesTable, VoucherPrintsTable, VouchersTable } from './vouchers';

/** The book: every table, typed. Migrations are the only place that creates them. */
export interface Database {
  parties: PartiesTable;
  company: CompanyTable;
  mailbox: MailboxTable;
  settings: SettingsTable;
  vouchers: VouchersTable;
  voucher_lines: VoucherLinesTable;
  voucher_prints: VoucherPrintsTable;
  credit_grants: CreditGrantsTable;
  credit_spends: CreditSpendsTable;
  licensing_orders: LicensingOrdersTable;
  licensing_state: LicensingStateTable;
  outbox: OutboxTable;
  outbox_attempts: OutboxAttemptsTable;
  outbox_bounces: OutboxBouncesTable;
  outbox_hours: OutboxHoursTable;
  /** The mail report's search tables: SQLite books only. */
  outbox_search_facts: OutboxSearchFactsTable;
  outbox_search_hours: OutboxSearchHoursTable;
  outbox_search_texts: OutboxSearchValuesTable;
  outbox_search_keys: OutboxSearchValuesTable;
  voucher_days: VoucherDaysTable;
  kept_files: KeptFilesTable;
  office_secrets: OfficeSecretsTable;
  imap_cursor: ImapCursorTable;
  bulk_sends: BulkSendsTable;
  bulk_items: BulkItemsTable;
  users: UsersTable;
  users_seen: UsersSeenView;
}
