import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../book/schema';
import type { UsersTable } from '../book/schema/users';
import { PERMISSIONS, type Permission } from '../../src-shared/users/permissions';

export type UserRow = Selectable<UsersTable>;

/** What a user may do: the administrator everything, so the book can never lock itself out. */
export const permissionsOf = (row: UserRow): Permission[] =>
  row.is_admin ? [...PERMISSIONS] : (JSON.parse(row.permissions_json) as Permission[]);

export const getUser = (db: Kysely<Database>, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const findByName = (db: Kysely<Database>, name: string) =>
  db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
export const listUsers = (db: Kysely<Database>) =>
  db.selectFrom('users').selectAll().orderBy('is_admin', 'desc').orderBy('name').execute();

export async function anyPassword(db: Kysely<Database>): Promise<boolean> {
  return (
    (await db.selectFrom('users').select('id').where('password_hash', 'is not', null).limit(1).executeTakeFirst()) !==
    undefined
  );
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
