import type SQLite from 'better-sqlite3';
import { SEARCH_TEXT_DIGITS } from './search-constants';

/**
 * Whether a search finds in the kept texts (migration 0022) exactly the messages the outbox's own
 * index finds: when it has no digit, as the kept texts have every digit written as 0.
 */
export const searchableInTexts = (search: string): boolean => ![...search].some((c) => SEARCH_TEXT_DIGITS.includes(c));

/** The kept texts holding the phrase, marked by their number (one byte each: a few thousand texts). */
export function textsHolding(sqlite: SQLite.Database, phrase: string): Uint8Array {
  const ids = sqlite
    .prepare<[string], number>(`select rowid from outbox_search_texts_index where outbox_search_texts_index match ?`)
    .pluck()
    .all(phrase);
  const marks = new Uint8Array(ids.reduce((most, id) => Math.max(most, id), 0) + 1);
  for (const id of ids) marks[id] = 1;
  return marks;
}
