import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect';
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

/** Takes a transaction-scoped lock on an office book (released when the transaction ends); nothing on a file. */
const transactionLock = async (trx: Kysely<Database>, lockClass: number, key: string | null) => {
  if (dialectOf(trx) !== 'postgres') return;
  if (key === null) await sql`select pg_advisory_xact_lock(${lockClass}, 0)`.execute(trx);
  else await sql`select pg_advisory_xact_lock(${lockClass}, hashtext(${key}))`.execute(trx);
};

/**
 * The locks a transaction takes on the office book so that the office's desktops take turns, each
 * held until the transaction ends. Call them inside the transaction they guard.
 */
export const bookLocks = {
  /** Numbering of one voucher type: two desktops saving together never read the same largest number. */
  numbering: (trx: Kysely<Database>, voucherType: string) =>
    transactionLock(trx, LOCK_CLASS.numbering, `daftar.voucher_number.${voucherType}`),
  /** The credits ledger: two desktops never both spend the last credit, nor take the same link of the chain. */
  ledger: (trx: Kysely<Database>) => transactionLock(trx, LOCK_CLASS.ledger, null),
  /** The sending window: the provider's limits count the whole office's messages. */
  sendingWindow: (trx: Kysely<Database>) => transactionLock(trx, LOCK_CLASS.sendingWindow, null),
  /** An OAuth2 refresh: a provider that rotates refresh tokens revokes the grant when one is used twice. */
  oauthRefresh: (trx: Kysely<Database>) => transactionLock(trx, LOCK_CLASS.oauthRefresh, null),
};
