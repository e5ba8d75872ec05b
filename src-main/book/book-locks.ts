import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * The office book's advisory lock classes, in one place. Each is a (class, key) pair of PostgreSQL's
 * two-integer advisory locks, so two kinds of work never take each other's lock. A book file needs
 * none: SQLite writes one transaction at a time, and one desktop uses the file.
 * Migration 0025's daftar_add_spend takes the ledger's (3, 0) itself (a migration keeps its literals).
 */
export const LOCK_CLASS = {
  /** A voucher type's numbering, per type, until the save commits. */
  numbering: 1,
  /** Work one desktop runs at a time (a bulk send, the mailbox reader…), per key, for the work's length. */
  runAlone: 2,
  /** The credits ledger: its balance and the end of its spend chain. */
  ledger: 3,
  /** The office's sending window: one claim at a time. */
  sendingWindow: 4,
  /** A desktop's presence, per desktop, for its events connection's life. */
  presence: 5,
  /** One OAuth2 refresh at a time across the office. */
  oauthRefresh: 6,
} as const;

/**
 * The turns the office's desktops take, as each kind of book has them: an office book's are
 * PostgreSQL advisory locks (office/office-locks.ts); a book on this computer has one desktop and one
 * writer at a time already, so its turns are always its own (fileBookLocks).
 */
export interface BookLocks {
  /** Numbering of one voucher type, until the transaction ends: two desktops saving together never read the same largest number. */
  numbering(trx: Kysely<Database>, voucherType: string): Promise<void>;
  /** The credits ledger, until the transaction ends: two desktops never both spend the last credit, nor take the same link of the chain. */
  ledger(trx: Kysely<Database>): Promise<void>;
  /** The sending window, until the transaction ends: the provider's limits count the whole office's messages. */
  sendingWindow(trx: Kysely<Database>): Promise<void>;
  /** Runs `work` in this desktop's turn for an OAuth2 refresh: a provider that rotates refresh tokens revokes the grant when one is used twice. */
  oauthRefresh<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` unless another desktop is running the same `key` already (a bulk send), and answers
   * whether it ran. The turn is held for the work's length, and let go if the desktop dies.
   */
  runAlone(key: string, work: () => Promise<void>): Promise<boolean>;
}

/** A book on this computer: one desktop, and SQLite writes one transaction at a time. */
export const fileBookLocks: BookLocks = {
  numbering: async () => {},
  ledger: async () => {},
  sendingWindow: async () => {},
  oauthRefresh: (work) => work(),
  runAlone: async (_key, work) => {
    await work();
    return true;
  },
};
