import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../book/schema';
import type { UsersSeenView, UsersTable } from '../book/schema/users';
import { PERMISSIONS, type Permission } from '../../src-shared/users/permissions';

/** A user as every desktop may read it: whether a password is set, never its hash (users_seen, migration 0025). */
export type UserRow = Selectable<UsersSeenView>;

/** What a user may do: the administrator everything, so the book can never lock itself out. */
export const permissionsOf = (row: UserRow): Permission[] =>
  row.is_admin ? [...PERMISSIONS] : (JSON.parse(row.permissions_json) as Permission[]);

export const getUser = (db: Kysely<Database>, id: string) =>
  db.selectFrom('users_seen').selectAll().where('id', '=', id).executeTakeFirst();
export const findByName = (db: Kysely<Database>, name: string) =>
  db.selectFrom('users_seen').selectAll().where('name', '=', name).executeTakeFirst();
export const listUsers = (db: Kysely<Database>) =>
  db.selectFrom('users_seen').selectAll().orderBy('is_admin', 'desc').orderBy('name').execute();
export const findAdmin = (db: Kysely<Database>) =>
  db.selectFrom('users_seen').selectAll().where('is_admin', '=', 1).executeTakeFirstOrThrow();

export async function anyPassword(db: Kysely<Database>): Promise<boolean> {
  return (
    (await db.selectFrom('users_seen').select('id').where('has_password', '=', 1).limit(1).executeTakeFirst()) !==
    undefined
  );
}

/** A user's stored hash: read on a book file only (an office book compares it in the database). */
export async function passwordHashOf(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

export async function insertUser(db: Kysely<Database>, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Kysely<Database>, id: string, values: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

export async function deleteUser(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

/**
 * Counts a sign-in attempt before its password is checked, in one statement, and locks the user at
 * the limit; null when the user is locked now. Parallel attempts are counted one by one: none reads
 * a count another has not written yet.
 */
export async function countAttempt(
  db: Kysely<Database>,
  id: string,
  now: Date,
  limit: number,
  lockMs: number,
): Promise<number | null> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      failed_attempts: eb('failed_attempts', '+', 1),
      locked_until: sql<
        string | null
      >`case when failed_attempts + 1 >= ${limit} then ${new Date(now.getTime() + lockMs).toISOString()} else null end`,
    }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
    .returning('failed_attempts')
    .executeTakeFirst();
  return row ? row.failed_attempts : null;
}
