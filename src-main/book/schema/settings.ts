/** Program properties as key → JSON value. */
export interface SettingsTable {
  key: string;
  value: string;
}

/** An office book's secrets (the mailbox password, the licensing token), each sealed with the office key. */
export interface OfficeSecretsTable {
  name: string;
  sealed: string;
  updated_at: string;
}
