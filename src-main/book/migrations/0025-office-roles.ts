import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
//
// An office book has two PostgreSQL roles: its owner, which runs the migrations, and the desktops'
// role, which may not write the tables that decide who may do what or how many credits there are
// (users, credit_grants, credit_spends, office_secrets). Those change only through the functions
// below, which enforce Daftar's rules in the database: a desktop's user, not its database login,
// decides what it may change. The grants themselves are given by office-roles.ts (they name the
// desktops' role, which this migration cannot know).
//
// Both dialects: `users_seen`, the users as everyone may read them (whether a password is set, not
// the hash), so the code reads users one way on a file and on an office book.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create view users_seen as
    select id, name, permissions_json, is_admin, failed_attempts, locked_until, created_at, updated_at,
      cast(case when password_hash is null then 0 else 1 end as bigint) as has_password
    from users`.execute(db);
  if (dialectOf(db) !== 'postgres') return;

  // A signed-in Daftar user, known to the database by the hash of a token only its desktop holds.
  await sql`create table user_sessions (
    token_hash text primary key,
    user_id text not null references users(id) on delete cascade,
    created_at text not null
  )`.execute(db);
  // The desktops' roles the owner gave their rights to: given again after every later migration.
  await sql`create table office_desktop_roles (name text primary key)`.execute(db);

  for (const statement of FUNCTIONS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const name of FUNCTION_NAMES) await sql.raw(`drop function if exists ${name} cascade`).execute(db);
    await sql`drop table office_desktop_roles`.execute(db);
    await sql`drop table user_sessions`.execute(db);
  }
  await sql`drop view users_seen`.execute(db);
}

/** Now, as the book writes times (ISO 8601, UTC, milliseconds). */
const NOW = `to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const TOKEN_HASH = (token: string) => `encode(sha256(convert_to(coalesce(${token}, ''), 'UTF8')), 'hex')`;
// Every function runs as the owner with only the system's own names in its path, and names the book's
// tables in full: a desktop that may create objects in public (PostgreSQL 13 and 14 allow everyone
// that) cannot slip in a function or an operator of its own for the checks to call.
const DEFINER = `security definer set search_path = pg_catalog, pg_temp`;

const FUNCTION_NAMES = [
  'daftar_password_salt(text)',
  'daftar_sign_in(text, text, text)',
  'daftar_sign_out(text)',
  'daftar_acting(text, text)',
  'daftar_add_user(text, text, text, text, text, text)',
  'daftar_update_user(text, text, text, text, text, text)',
  'daftar_delete_user(text, text)',
  'daftar_add_spend(text, integer, text, text, text, integer, text)',
  'daftar_add_grant(text, text, text, integer, text, integer, text, text, text)',
  'daftar_set_secret(text, text, text, text)',
  'daftar_delete_secret(text, text)',
  'daftar_spend_written_once()',
];

const FUNCTIONS = [
  // What a desktop needs to derive a user's key: the scrypt settings and salt, never the hash.
  `create function daftar_password_salt(p_name text) returns text
   language sql stable ${DEFINER} as $$
     select array_to_string((string_to_array(password_hash, '$'))[1:5], '$') from public.users where name = p_name
   $$`,

  // A sign-in, as on a book file: five wrong in a row lock the user for five minutes (users.handlers.ts).
  // A user without a password signs in only while nobody has one. On success, a session token.
  `create function daftar_sign_in(p_name text, p_key text, p_new_hash text) returns json
   language plpgsql ${DEFINER} as $$
   declare
     u public.users%rowtype;
     now_text text := ${NOW};
     token text;
     right_one boolean;
   begin
     select * into u from public.users where name = p_name for update;
     if not found then return json_build_object('result', 'wrong'); end if;
     if u.locked_until is not null and u.locked_until > now_text then
       return json_build_object('result', 'locked', 'until', u.locked_until);
     end if;
     right_one := case
       when u.password_hash is null then not exists (select 1 from public.users where password_hash is not null)
       else p_key is not null and split_part(u.password_hash, '$', 6) = p_key end;
     if not right_one then
       update public.users set failed_attempts = failed_attempts + 1,
         locked_until = case when failed_attempts + 1 >= 5
           then to_char((clock_timestamp() + interval '5 minutes') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
           else null end
       where id = u.id;
       return json_build_object('result', 'wrong');
     end if;
     -- A hash made with weaker settings is made again with today's (the desktop knows the password now).
     update public.users set failed_attempts = 0, locked_until = null,
       password_hash = case when u.password_hash is not null and p_new_hash is not null then p_new_hash else password_hash end
     where id = u.id;
     token := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
     insert into public.user_sessions (token_hash, user_id, created_at) values (${TOKEN_HASH('token')}, u.id, now_text);
     return json_build_object('result', 'ok', 'id', u.id, 'token', token);
   end $$`,

  `create function daftar_sign_out(p_token text) returns void
   language sql ${DEFINER} as $$
     delete from public.user_sessions where token_hash = ${TOKEN_HASH('p_token')}
   $$`,

  // Who acts, refused unless signed in and holding the permission. Not for desktops to call: it answers a whole users row.
  `create function daftar_acting(p_token text, p_permission text) returns public.users
   language plpgsql stable ${DEFINER} as $$
   declare u public.users%rowtype;
   begin
     select the_user.* into u from public.user_sessions s join public.users the_user on the_user.id = s.user_id
       where s.token_hash = ${TOKEN_HASH('p_token')};
     if not found then
       raise exception 'Sign in first' using errcode = '42501', hint = 'login_required';
     end if;
     if u.is_admin <> 1 and not (u.permissions_json::jsonb @> jsonb_build_array(p_permission)) then
       raise exception '% may not do this (%)', u.name, p_permission using errcode = '42501', hint = 'permission', detail = p_permission;
     end if;
     return u;
   end $$`,

  `create function daftar_add_user(p_token text, p_id text, p_name text, p_permissions_json text, p_password_hash text, p_now text)
   returns void language plpgsql ${DEFINER} as $$
   begin
     perform public.daftar_acting(p_token, 'manage_users');
     if jsonb_typeof(p_permissions_json::jsonb) <> 'array' then
       raise exception 'Permissions are a list' using errcode = '22023';
     end if;
     if p_password_hash is null then raise exception 'A new user needs a password' using errcode = '22023'; end if;
     if exists (select 1 from public.users where is_admin = 1 and password_hash is null) then
       raise exception 'Set the administrator''s password before adding users' using errcode = '42501', hint = 'admin_password_first';
     end if;
     insert into public.users (id, name, password_hash, permissions_json, is_admin, failed_attempts, locked_until, created_at, updated_at)
     values (p_id, p_name, p_password_hash, p_permissions_json, 0, 0, null, p_now, p_now);
   end $$`,

  // Only the administrator changes the administrator, whose permissions stay every one there is.
  `create function daftar_update_user(p_token text, p_id text, p_name text, p_permissions_json text, p_password_hash text, p_now text)
   returns void language plpgsql ${DEFINER} as $$
   declare actor public.users%rowtype; target public.users%rowtype;
   begin
     actor := public.daftar_acting(p_token, 'manage_users');
     if jsonb_typeof(p_permissions_json::jsonb) <> 'array' then
       raise exception 'Permissions are a list' using errcode = '22023';
     end if;
     select * into target from public.users where id = p_id for update;
     if not found then raise exception 'No user %', p_id using errcode = 'P0002'; end if;
     if target.is_admin = 1 and actor.is_admin <> 1 then
       raise exception 'Only the administrator may change the administrator' using errcode = '42501', hint = 'admin_only';
     end if;
     update public.users set name = p_name,
       permissions_json = case when target.is_admin = 1 then target.permissions_json else p_permissions_json end,
       password_hash = coalesce(p_password_hash, password_hash),
       updated_at = p_now
     where id = p_id;
     -- A new password ends the user's other sign-ins (on every desktop), not the one making the change.
     if p_password_hash is not null then
       delete from public.user_sessions where user_id = p_id and token_hash <> ${TOKEN_HASH('p_token')};
     end if;
   end $$`,

  `create function daftar_delete_user(p_token text, p_id text) returns void
   language plpgsql ${DEFINER} as $$
   begin
     perform public.daftar_acting(p_token, 'manage_users');
     if exists (select 1 from public.users where id = p_id and is_admin = 1) then
       raise exception 'The administrator cannot be removed' using errcode = '42501', hint = 'admin_kept';
     end if;
     delete from public.users where id = p_id;
   end $$`,

  // Credits are spent, never unspent: a spend goes at the end of the chain; a return gives back one
  // message's own spend, once, for its amount. Nothing is changed or removed (only synced_at is set).
  `create function daftar_add_spend(p_id text, p_amount integer, p_reason text, p_ref text, p_created_at text,
     p_chain_seq integer, p_chain_hash text) returns void
   language plpgsql ${DEFINER} as $$
   declare last_seq bigint; spent public.credit_spends%rowtype;
   begin
     perform pg_advisory_xact_lock(3, 0);
     select coalesce(max(chain_seq), 0) into last_seq from public.credit_spends;
     if p_chain_seq is distinct from last_seq + 1 then
       raise exception 'A spend goes at the end of the chain (%), not at %', last_seq + 1, p_chain_seq using errcode = '23514';
     end if;
     if p_reason = 'message' then
       if p_amount is null or p_amount <= 0 then
         raise exception 'A message spends at least one credit' using errcode = '23514';
       end if;
     elsif p_reason = 'return' then
       select * into spent from public.credit_spends where id = p_ref and reason = 'message';
       if not found or spent.amount <> -p_amount then
         raise exception 'A return gives back a message''s own spend, for its amount' using errcode = '23514';
       end if;
       if exists (select 1 from public.credit_spends where reason = 'return' and ref = p_ref) then
         raise exception 'The spend % was returned already', p_ref using errcode = '23514';
       end if;
     else
       raise exception 'No such spend reason %', p_reason using errcode = '23514';
     end if;
     insert into public.credit_spends (id, amount, reason, ref, created_at, synced_at, chain_seq, chain_hash, chain_link)
     values (p_id, p_amount, p_reason, p_ref, p_created_at, null, p_chain_seq, p_chain_hash, 2);
   end $$`,

  // A grant as the licensing server signed it: added once, never changed. The database cannot check
  // the signature; Daftar counts only grants whose signature checks (credits.repo.ts).
  `create function daftar_add_grant(p_id text, p_account_id text, p_device_id text, p_amount integer, p_reason text,
     p_seq integer, p_created_at text, p_signature text, p_received_at text) returns void
   language sql ${DEFINER} as $$
     insert into public.credit_grants (id, account_id, device_id, amount, reason, seq, created_at, signature, received_at)
     values (p_id, p_account_id, p_device_id, p_amount, p_reason, p_seq, p_created_at, p_signature, p_received_at)
     on conflict (id) do nothing
   $$`,

  // The mailbox's secrets are set by a user who may edit the mailbox. What a desktop does by itself
  // needs no user: the office key's check (once), a refreshed OAuth2 access token or a rotated refresh
  // token (only where a sign-in exists), and its place at the licensing server.
  `create function daftar_set_secret(p_token text, p_name text, p_sealed text, p_now text) returns void
   language plpgsql ${DEFINER} as $$
   begin
     if p_name = 'office.key-check' then
       insert into public.office_secrets (name, sealed, updated_at) values (p_name, p_sealed, p_now) on conflict (name) do nothing;
       return;
     end if;
     if not (p_name in ('smtp.oauth.access', 'licensing.deviceToken', 'licensing.accountKey')
         or (p_name = 'smtp.oauth.refresh' and exists (select 1 from public.office_secrets where name = p_name))) then
       perform public.daftar_acting(p_token, 'edit_company');
     end if;
     insert into public.office_secrets (name, sealed, updated_at) values (p_name, p_sealed, p_now)
     on conflict (name) do update set sealed = excluded.sealed, updated_at = excluded.updated_at;
   end $$`,

  // A dead OAuth2 sign-in is forgotten by whichever desktop finds it; the rest by a user who may edit the mailbox.
  `create function daftar_delete_secret(p_token text, p_name text) returns void
   language plpgsql ${DEFINER} as $$
   begin
     if p_name = 'office.key-check' then
       raise exception 'The office key''s check stays' using errcode = '42501';
     end if;
     if p_name not like 'smtp.oauth.%' then perform public.daftar_acting(p_token, 'edit_company'); end if;
     delete from public.office_secrets where name = p_name;
   end $$`,

  // The ledger is written once: a spend is never changed, except that the sync marks it acknowledged
  // (synced_at, from empty to a time). Removing one is left to the owner (the desktops may not).
  `create function daftar_spend_written_once() returns trigger
   language plpgsql set search_path = pg_catalog, pg_temp as $$
   begin
     if (new.id, new.amount, new.reason, new.ref, new.created_at, new.chain_seq, new.chain_hash, new.chain_link)
          is distinct from (old.id, old.amount, old.reason, old.ref, old.created_at, old.chain_seq, old.chain_hash, old.chain_link)
        or (old.synced_at is not null and new.synced_at is distinct from old.synced_at) then
       raise exception 'A credit spend is written once: only its acknowledgement by the licensing server is added' using errcode = '42501';
     end if;
     return new;
   end $$`,
  `create trigger credit_spends_written_once before update on public.credit_spends
   for each row execute function daftar_spend_written_once()`,

  // Functions may be run by anyone the owner lets in (office-roles.ts), except the one that answers a users row.
  `revoke execute on function daftar_acting(text, text) from public`,
];
