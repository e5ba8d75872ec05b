import { sql } from 'kysely';
import type pg from 'pg';
import { LOCK_CLASS } from '../book/book-locks';

const PRESENCE = LOCK_CLASS.presence;

/** How long a desktop waits before opening its dropped events connection (and its presence with it) again. */
export const PRESENCE_RECONNECT_MS = 1000;
/**
 * A claimer absent at one look may be a desktop whose connection dropped a moment ago (a server
 * restart, a blip of the network) and that is still sending: it counts as gone only when it is
 * still absent this much later.
 */
export const PRESENCE_GRACE_MS = 5 * PRESENCE_RECONNECT_MS;

/**
 * Marks this desktop present on the office book for as long as `client`'s session lasts: a session
 * advisory lock on its id. A desktop that stops or dies loses its connection, and the lock with it.
 */
export async function holdPresence(client: pg.Client, desktopId: string): Promise<void> {
  await client.query('select pg_advisory_lock($1, hashtext($2))', [PRESENCE, desktopId]);
}

/**
 * True while `desktopId`'s presence lock is held on the server, read from its lock table when the
 * statement runs (pg_locks is the lock manager's state now, not a snapshot of the transaction).
 */
export const presentNow = (desktopId: string) =>
  sql<boolean>`exists (
    select 1 from pg_locks where locktype = 'advisory' and classid = ${PRESENCE}
      and objid = hashtext(${desktopId})::oid and objsubid = 2 and granted)`;

/** True for a row claimed by no one, or by a desktop no longer present (checked in the server's lock table). */
export const claimerGone = (claimedBy: string) =>
  sql<boolean>`(${sql.ref(claimedBy)} is null or not exists (
    select 1 from pg_locks where locktype = 'advisory' and classid = ${PRESENCE}
      and objid = hashtext(${sql.ref(claimedBy)})::oid and objsubid = 2 and granted))`;
