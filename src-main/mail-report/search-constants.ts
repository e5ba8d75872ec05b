import { sql } from 'kysely';

// The live values the mail report's search reads. The migrations that built its tables and triggers
// (0012, 0021, 0022, 0023) each keep their own frozen copy; search-constants.test.ts checks that a
// migrated book still agrees with these, so a change here that the triggers do not follow fails there.

/**
 * PostgreSQL's searched text: subject, addresses and copies, lower-cased, one per line. A LIKE on
 * exactly this expression is what the trigram GIN index of migration 0012 serves.
 */
export const POSTGRES_SEARCHED = sql.raw(`lower(subject || E'\\n' || to_json || E'\\n' || cc_json)`);

/** A message's state as outbox_search_facts numbers it (its index here); -1 is a deleted message. */
export const SEARCH_FACT_STATES = ['sent', 'bounced', 'failed', 'queued', 'sending', 'held', 'cancelled'] as const;

/** Milliseconds of a UTC hour: outbox_search_hours' key is the creation time divided by it. */
export const SEARCH_FACT_HOUR = 3_600_000;

/** The digits written as 0 in the kept texts: Latin, Arabic-Indic and Eastern Arabic-Indic. */
export const SEARCH_TEXT_DIGITS = '0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹';

/** How a filter's card, user or document type is written in outbox_search_keys. */
export const SEARCH_KEY_PREFIX = { partyId: 'party:', userId: 'user:', docType: 'type:' } as const;

/** The shortest text the trigram indexes hold: three characters. */
export const TRIGRAM = 3;
