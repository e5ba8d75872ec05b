import type { CompanyTable, MailboxTable } from './company';
import type { PartiesTable } from './parties';
import type { SettingsTable } from './settings';

/** The book: every table, typed. Migrations are the only place that creates them. */
export interface Database {
  parties: PartiesTable;
  company: CompanyTable;
  mailbox: MailboxTable;
  settings: SettingsTable;
}
