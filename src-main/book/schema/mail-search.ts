// The mail report's search tables (migrations 0021 and 0022; triggers rewritten by 0023). SQLite
// only: an office book searches with PostgreSQL's trigram index and has none of them. Their FTS5
// indexes (outbox_search, outbox_search_texts_index) are read with MATCH in SQL, not typed here.
// What each keeps and which way of counting reads it: src-main/mail-report/README.md.

/** Per message (by the outbox's rowid): what a search's totals need, kept by the outbox's triggers. */
export interface OutboxSearchFactsTable {
  rid: number;
  /** Created, in milliseconds since 1970 (UTC). */
  at: number;
  /** The state's index in SEARCH_FACT_STATES (src-main/mail-report/search-constants.ts); -1 once deleted. */
  state: number;
  recipients: number;
  /** As charged: failed and cancelled messages count 0. */
  credits: number;
  /** One more than any version before at its last change: a reader in memory reads only what is newer. */
  version: number;
  /** The numbers (outbox_search_texts.id) of its subject's, addresses' and copies' kept texts. */
  subject_text: number;
  to_text: number;
  cc_text: number;
  /** The numbers (outbox_search_keys.id) of its card, user and document type. */
  party_key: number;
  user_key: number;
  type_key: number;
}

/** Per UTC hour: the lowest and highest rowid created in it (a bound, not a promise). */
export interface OutboxSearchHoursTable {
  /** Creation time in milliseconds divided by SEARCH_FACT_HOUR. */
  hour: number;
  first_rid: number;
  last_rid: number;
}

/** Every subject and address list once, digits written as 0 (outbox_search_texts), or every card, user and type once (outbox_search_keys). */
export interface OutboxSearchValuesTable {
  id: number;
  value: string;
}
