import { sql, type Kysely } from 'kysely';
import type { Database } from '../book/schema';

/**
 * The tables a desktop's role reads but changes only through the book's functions (migration 0025):
 * who may do what, how many credits there are, the sealed secrets, and the migrations' own.
 */
export const GUARDED_TABLES = [
  'users',
  'user_sessions',
  'credit_grants',
  'credit_spends',
  'office_secrets',
  'office_desktop_roles',
  'kysely_migration',
  'kysely_migration_lock',
  // A view over one table can be written through, with its owner's rights on that table.
  'users_seen',
] as const;

/** Tables only an office book has (migration 0025): the database's own sign-ins and the roles given rights. */
export const OFFICE_ONLY_TABLES = ['user_sessions', 'office_desktop_roles'] as const;

/** Of those, the ones a desktop may not even read: password hashes and session tokens (users_seen shows the rest). */
const UNREAD_TABLES = ['users', 'user_sessions', 'office_desktop_roles'] as const;

/** Whether this connection's role may change the book's tables: the database's owner (or a member of it), or a superuser. */
export async function ownsBook(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ owns: boolean }>`
    select pg_has_role(current_user, d.datdba, 'MEMBER') or r.rolsuper as owns
    from pg_database d, pg_roles r
    where d.datname = current_database() and r.rolname = current_user`.execute(db);
  return rows[0]?.owns === true;
}

/** Whether this connection's role was given a desktop's rights on the book (true while there is no book yet). */
export async function hasDesktopRights(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ given: boolean }>`
    select to_regclass('public.kysely_migration') is null
      or coalesce(has_table_privilege(current_user, to_regclass('public.vouchers'), 'INSERT'), false)
      and coalesce(has_table_privilege(current_user, to_regclass('public.kysely_migration'), 'SELECT'), false) as given`.execute(
    db,
  );
  return rows[0]?.given === true;
}

/**
 * As the owner, after the migrations: give each desktops' role what a desktop needs and no more —
 * every table but the guarded ones, which it may read (users only through users_seen) and change only
 * through the functions. `desktopRole` is added to the roles given (kept in the book, so a later
 * update gives the rights on its new tables to every one of them).
 */
export async function giveDesktopRights(owner: Kysely<Database>, desktopRole?: string): Promise<string[]> {
  if (desktopRole) {
    const { rows } = await sql<{ me: string }>`select current_user as me`.execute(owner);
    if (desktopRole !== rows[0]?.me)
      await sql`insert into office_desktop_roles (name) values (${desktopRole}) on conflict (name) do nothing`.execute(
        owner,
      );
  }
  const roles = (
    await sql<{ name: string }>`select name from office_desktop_roles order by name`.execute(owner)
  ).rows.map((r) => r.name);
  // PostgreSQL 13 and 14 let everyone create in public (15 lets only the database's owner): closed where
  // the owner may (it owns the schema from 15 on, or when the README's set-up gave it), else left to the README.
  await sql`revoke create on schema public from public`.execute(owner).catch(() => {});
  const views = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'VIEW'`.execute(owner)
  ).rows.map((r) => r.name);
  for (const name of roles) {
    const role = sql.id(name);
    await sql`grant usage on schema public to ${role}`.execute(owner);
    await sql`grant select, insert, update, delete on all tables in schema public to ${role}`.execute(owner);
    // Views are read only: a view is written through with its owner's rights.
    for (const view of views)
      await sql`revoke insert, update, delete on ${sql.table(view)} from ${role}`.execute(owner);
    await sql`grant usage, select on all sequences in schema public to ${role}`.execute(owner);
    for (const table of GUARDED_TABLES)
      await sql`revoke insert, update, delete, truncate on ${sql.table(table)} from ${role}`.execute(owner);
    for (const table of UNREAD_TABLES) await sql`revoke select on ${sql.table(table)} from ${role}`.execute(owner);
    // The credits sync marks what the licensing server has acknowledged; nothing else of a spend changes.
    await sql`grant update (synced_at) on credit_spends to ${role}`.execute(owner);
  }
  return roles;
}
