/** Program properties as key → JSON value. */
export interface SettingsTable {
  key: string;
  value: string;
}
