-- The schema of an office book (PostgreSQL) as Daftar's migrations leave it: pg_dump --schema-only.
-- Generated from a freshly migrated office book by `npm run docs:schema` (scripts/gen-schema.ts): do not edit.
-- scripts/book-schema.test.ts fails when this file no longer matches the migrations.
--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id text NOT NULL,
    name text NOT NULL,
    password_hash text,
    permissions_json text NOT NULL,
    is_admin bigint DEFAULT 0 NOT NULL,
    failed_attempts bigint DEFAULT 0 NOT NULL,
    locked_until text,
    created_at text NOT NULL,
    updated_at text NOT NULL
);


--
-- Name: daftar_acting(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_acting(p_token text, p_permission text) RETURNS public.users
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
   declare u public.users%rowtype;
   begin
     select the_user.* into u from public.user_sessions s join public.users the_user on the_user.id = s.user_id
       where s.token_hash = encode(sha256(convert_to(coalesce(p_token, ''), 'UTF8')), 'hex');
     if not found then
       raise exception 'Sign in first' using errcode = '42501', hint = 'login_required';
     end if;
     if u.is_admin <> 1 and not (u.permissions_json::jsonb @> jsonb_build_array(p_permission)) then
       raise exception '% may not do this (%)', u.name, p_permission using errcode = '42501', hint = 'permission', detail = p_permission;
     end if;
     return u;
   end $$;


--
-- Name: daftar_add_grant(text, text, text, integer, text, integer, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_add_grant(p_id text, p_account_id text, p_device_id text, p_amount integer, p_reason text, p_seq integer, p_created_at text, p_signature text, p_received_at text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
     insert into public.credit_grants (id, account_id, device_id, amount, reason, seq, created_at, signature, received_at)
     values (p_id, p_account_id, p_device_id, p_amount, p_reason, p_seq, p_created_at, p_signature, p_received_at)
     on conflict (id) do nothing
   $$;


--
-- Name: daftar_add_spend(text, integer, text, text, text, integer, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_add_spend(p_id text, p_amount integer, p_reason text, p_ref text, p_created_at text, p_chain_seq integer, p_chain_hash text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
   end $$;


--
-- Name: daftar_add_user(text, text, text, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_add_user(p_token text, p_id text, p_name text, p_permissions_json text, p_password_hash text, p_now text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
   end $$;


--
-- Name: daftar_delete_secret(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_delete_secret(p_token text, p_name text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
   begin
     if p_name = 'office.key-check' then
       raise exception 'The office key''s check stays' using errcode = '42501';
     end if;
     if p_name not like 'smtp.oauth.%' then perform public.daftar_acting(p_token, 'edit_company'); end if;
     delete from public.office_secrets where name = p_name;
   end $$;


--
-- Name: daftar_delete_user(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_delete_user(p_token text, p_id text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
   begin
     perform public.daftar_acting(p_token, 'manage_users');
     if exists (select 1 from public.users where id = p_id and is_admin = 1) then
       raise exception 'The administrator cannot be removed' using errcode = '42501', hint = 'admin_kept';
     end if;
     delete from public.users where id = p_id;
   end $$;


--
-- Name: daftar_password_salt(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_password_salt(p_name text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
     select array_to_string((string_to_array(password_hash, '$'))[1:5], '$') from public.users where name = p_name
   $_$;


--
-- Name: daftar_set_secret(text, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_set_secret(p_token text, p_name text, p_sealed text, p_now text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
   end $$;


--
-- Name: daftar_sign_in(text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_sign_in(p_name text, p_key text, p_new_hash text) RETURNS json
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
   declare
     u public.users%rowtype;
     now_text text := to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
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
     insert into public.user_sessions (token_hash, user_id, created_at) values (encode(sha256(convert_to(coalesce(token, ''), 'UTF8')), 'hex'), u.id, now_text);
     return json_build_object('result', 'ok', 'id', u.id, 'token', token);
   end $_$;


--
-- Name: daftar_sign_out(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_sign_out(p_token text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
     delete from public.user_sessions where token_hash = encode(sha256(convert_to(coalesce(p_token, ''), 'UTF8')), 'hex')
   $$;


--
-- Name: daftar_spend_written_once(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_spend_written_once() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
   begin
     if (new.id, new.amount, new.reason, new.ref, new.created_at, new.chain_seq, new.chain_hash, new.chain_link)
          is distinct from (old.id, old.amount, old.reason, old.ref, old.created_at, old.chain_seq, old.chain_hash, old.chain_link)
        or (old.synced_at is not null and new.synced_at is distinct from old.synced_at) then
       raise exception 'A credit spend is written once: only its acknowledgement by the licensing server is added' using errcode = '42501';
     end if;
     return new;
   end $$;


--
-- Name: daftar_update_user(text, text, text, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.daftar_update_user(p_token text, p_id text, p_name text, p_permissions_json text, p_password_hash text, p_now text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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
       delete from public.user_sessions where user_id = p_id and token_hash <> encode(sha256(convert_to(coalesce(p_token, ''), 'UTF8')), 'hex');
     end if;
   end $$;


--
-- Name: outbox_hours_follow(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.outbox_hours_follow() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      update outbox_hours set messages = messages - 1,
      recipients = recipients - old.recipients, credits = credits - case when old.status in ('failed', 'cancelled') then 0 else old.credits end
    where hour = substr(old.created_at, 1, 13) and state = case when old.status = 'sent' and old.bounced > 0 then 'bounced' else old.status end;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into outbox_hours as h (hour, state, messages, recipients, credits)
        values (substr(new.created_at, 1, 13), case when new.status = 'sent' and new.bounced > 0 then 'bounced' else new.status end, 1, new.recipients, case when new.status in ('failed', 'cancelled') then 0 else new.credits end)
        on conflict (hour, state) do update set messages = h.messages + 1,
          recipients = h.recipients + excluded.recipients, credits = h.credits + excluded.credits;
    end if;
    return null;
  end $$;


--
-- Name: voucher_days_follow(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.voucher_days_follow() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      update voucher_days set n = n - 1
    where type = old.type and status = old.status and date = old.date;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into voucher_days (type, status, date, n) values (new.type, new.status, new.date, 1)
    on conflict (type, status, date) do update set n = voucher_days.n + 1;
    end if;
    return null;
  end $$;


--
-- Name: bulk_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bulk_items (
    bulk_id text NOT NULL,
    "position" bigint NOT NULL,
    voucher_id text NOT NULL,
    state text NOT NULL,
    skip_reason text,
    outbox_id text
);


--
-- Name: bulk_sends; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bulk_sends (
    id text NOT NULL,
    number bigint NOT NULL,
    options_json text NOT NULL,
    status text NOT NULL,
    prepared bigint DEFAULT 0 NOT NULL,
    created_by text DEFAULT ''::text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL
);


--
-- Name: company; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.company (
    id bigint NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    address text NOT NULL,
    phone text NOT NULL,
    tax_number text NOT NULL,
    logo text,
    default_currency text NOT NULL,
    updated_at text NOT NULL,
    default_tax_bp bigint DEFAULT 0 NOT NULL,
    CONSTRAINT company_id_check CHECK ((id = 1))
);


--
-- Name: credit_grants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.credit_grants (
    id text NOT NULL,
    account_id text NOT NULL,
    device_id text NOT NULL,
    amount bigint NOT NULL,
    reason text NOT NULL,
    seq bigint NOT NULL,
    created_at text NOT NULL,
    signature text NOT NULL,
    received_at text NOT NULL
);


--
-- Name: credit_spends; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.credit_spends (
    id text NOT NULL,
    amount bigint NOT NULL,
    reason text NOT NULL,
    ref text NOT NULL,
    created_at text NOT NULL,
    synced_at text,
    chain_seq bigint,
    chain_hash text,
    chain_link bigint DEFAULT 1 NOT NULL,
    CONSTRAINT credit_spends_amount_check CHECK ((amount <> 0))
);


--
-- Name: imap_cursor; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.imap_cursor (
    folder text NOT NULL,
    uid_validity text NOT NULL,
    last_uid bigint NOT NULL
);


--
-- Name: kept_files; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kept_files (
    sha256 text NOT NULL,
    bytes bytea NOT NULL,
    created_at text NOT NULL
);


--
-- Name: kysely_migration; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kysely_migration (
    name character varying(255) NOT NULL,
    "timestamp" character varying(255) NOT NULL
);


--
-- Name: kysely_migration_lock; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kysely_migration_lock (
    id character varying(255) NOT NULL,
    is_locked bigint DEFAULT 0 NOT NULL
);


--
-- Name: licensing_orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.licensing_orders (
    id text NOT NULL,
    packs bigint NOT NULL,
    messages bigint NOT NULL,
    total_cents bigint NOT NULL,
    currency text NOT NULL,
    method text NOT NULL,
    state text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    created_by text DEFAULT ''::text NOT NULL
);


--
-- Name: licensing_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.licensing_state (
    id bigint NOT NULL,
    server_url text,
    account_id text,
    device_id text,
    last_sync_at text,
    last_attempt_at text,
    last_error text,
    server_account_balance bigint,
    pricing text,
    CONSTRAINT licensing_state_id_check CHECK ((id = 1))
);


--
-- Name: mailbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mailbox (
    id bigint NOT NULL,
    display_name text NOT NULL,
    address text NOT NULL,
    reply_to text NOT NULL,
    host text NOT NULL,
    port bigint NOT NULL,
    security text NOT NULL,
    username text NOT NULL,
    updated_at text NOT NULL,
    preset text DEFAULT 'other'::text NOT NULL,
    limit_per_message bigint,
    limit_per_minute bigint,
    limit_per_day bigint,
    sign_in text DEFAULT 'password'::text NOT NULL,
    oauth_provider text DEFAULT 'microsoft'::text NOT NULL,
    oauth_issuer text DEFAULT ''::text NOT NULL,
    oauth_client_id text DEFAULT ''::text NOT NULL,
    oauth_account text DEFAULT ''::text NOT NULL,
    imap_enabled bigint DEFAULT 0 NOT NULL,
    imap_host text DEFAULT ''::text NOT NULL,
    imap_port bigint DEFAULT 993 NOT NULL,
    imap_security text DEFAULT 'tls'::text NOT NULL,
    imap_username text DEFAULT ''::text NOT NULL,
    sent_copy bigint DEFAULT 0 NOT NULL,
    sent_folder text DEFAULT ''::text NOT NULL,
    imap_since text,
    CONSTRAINT mailbox_id_check CHECK ((id = 1)),
    CONSTRAINT mailbox_security_check CHECK ((security = ANY (ARRAY['tls'::text, 'starttls'::text, 'none'::text])))
);


--
-- Name: office_desktop_roles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.office_desktop_roles (
    name text NOT NULL
);


--
-- Name: office_secrets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.office_secrets (
    name text NOT NULL,
    sealed text NOT NULL,
    updated_at text NOT NULL
);


--
-- Name: outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox (
    id text NOT NULL,
    status text NOT NULL,
    to_json text NOT NULL,
    cc_json text NOT NULL,
    subject text NOT NULL,
    note text NOT NULL,
    body_text text NOT NULL,
    body_html text NOT NULL,
    language text NOT NULL,
    file_name text NOT NULL,
    pdf_file text NOT NULL,
    pdf_sha256 text NOT NULL,
    pdf_bytes bigint NOT NULL,
    message_id text NOT NULL,
    attempts bigint DEFAULT 0 NOT NULL,
    next_attempt_at text,
    last_reply text,
    last_error text,
    credits bigint NOT NULL,
    spend_id text,
    source_json text NOT NULL,
    source_key text NOT NULL,
    source_revision bigint,
    source_title text NOT NULL,
    doc_type text NOT NULL,
    party_id text NOT NULL,
    created_by text DEFAULT ''::text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    sent_at text,
    recipients bigint DEFAULT 0 NOT NULL,
    bounced bigint DEFAULT 0 NOT NULL,
    sent_copy text,
    raw_file text,
    claimed_by text,
    CONSTRAINT outbox_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'sending'::text, 'sent'::text, 'failed'::text, 'held'::text, 'cancelled'::text])))
);


--
-- Name: outbox_attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox_attempts (
    outbox_id text NOT NULL,
    attempt bigint NOT NULL,
    at text NOT NULL,
    outcome text NOT NULL,
    reply text
);


--
-- Name: outbox_bounces; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox_bounces (
    outbox_id text NOT NULL,
    recipient text NOT NULL,
    kind text NOT NULL,
    status_code text NOT NULL,
    diagnostic text NOT NULL,
    reported_at text NOT NULL,
    CONSTRAINT outbox_bounces_kind_check CHECK ((kind = ANY (ARRAY['bounced'::text, 'delayed'::text])))
);


--
-- Name: outbox_hours; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox_hours (
    hour text NOT NULL,
    state text NOT NULL,
    messages integer NOT NULL,
    recipients integer NOT NULL,
    credits integer NOT NULL
);


--
-- Name: parties; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.parties (
    id text NOT NULL,
    kind text NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    phone text DEFAULT ''::text NOT NULL,
    address text DEFAULT ''::text NOT NULL,
    tax_number text DEFAULT ''::text NOT NULL,
    job_title text DEFAULT ''::text NOT NULL,
    notes text DEFAULT ''::text NOT NULL,
    emails text DEFAULT ''::text NOT NULL,
    search_key text DEFAULT ''::text NOT NULL,
    archived_at text,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    revision bigint DEFAULT 1 NOT NULL,
    CONSTRAINT parties_kind_check CHECK ((kind = ANY (ARRAY['customer'::text, 'supplier'::text, 'employee'::text])))
);


--
-- Name: settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.settings (
    key text NOT NULL,
    value text NOT NULL
);


--
-- Name: user_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_sessions (
    token_hash text NOT NULL,
    user_id text NOT NULL,
    created_at text NOT NULL
);


--
-- Name: users_seen; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.users_seen AS
 SELECT users.id,
    users.name,
    users.permissions_json,
    users.is_admin,
    users.failed_attempts,
    users.locked_until,
    users.created_at,
    users.updated_at,
    (
        CASE
            WHEN (users.password_hash IS NULL) THEN 0
            ELSE 1
        END)::bigint AS has_password
   FROM public.users;


--
-- Name: voucher_days; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.voucher_days (
    type text NOT NULL,
    status text NOT NULL,
    date text NOT NULL,
    n bigint NOT NULL
);


--
-- Name: voucher_lines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.voucher_lines (
    voucher_id text NOT NULL,
    "position" bigint NOT NULL,
    description text NOT NULL,
    quantity_milli bigint NOT NULL,
    unit_price_minor bigint NOT NULL,
    discount_bp bigint NOT NULL,
    tax_bp bigint NOT NULL,
    gross_minor bigint NOT NULL,
    discount_minor bigint NOT NULL,
    tax_minor bigint NOT NULL,
    total_minor bigint NOT NULL
);


--
-- Name: voucher_prints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.voucher_prints (
    voucher_id text NOT NULL,
    revision bigint NOT NULL,
    language text NOT NULL,
    html_sha256 text NOT NULL,
    pdf_sha256 text NOT NULL,
    file text NOT NULL,
    bytes bigint NOT NULL,
    created_at text NOT NULL
);


--
-- Name: vouchers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.vouchers (
    id text NOT NULL,
    type text NOT NULL,
    number bigint NOT NULL,
    date text NOT NULL,
    party_id text NOT NULL,
    currency text NOT NULL,
    language text NOT NULL,
    notes text DEFAULT ''::text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    revision bigint DEFAULT 1 NOT NULL,
    subtotal_minor bigint NOT NULL,
    discount_minor bigint NOT NULL,
    tax_minor bigint NOT NULL,
    total_minor bigint NOT NULL,
    body text,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    cancelled_at text,
    CONSTRAINT vouchers_language_check CHECK ((language = ANY (ARRAY['ar'::text, 'en'::text]))),
    CONSTRAINT vouchers_number_check CHECK ((number > 0)),
    CONSTRAINT vouchers_status_check CHECK ((status = ANY (ARRAY['active'::text, 'cancelled'::text]))),
    CONSTRAINT vouchers_type_check CHECK ((type = ANY (ARRAY['sales_invoice'::text, 'sales_return'::text, 'purchase_invoice'::text, 'purchase_return'::text, 'receipt'::text, 'payment'::text, 'payslip'::text])))
);


--
-- Name: bulk_items bulk_items_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bulk_items
    ADD CONSTRAINT bulk_items_pk PRIMARY KEY (bulk_id, "position");


--
-- Name: bulk_sends bulk_sends_number_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bulk_sends
    ADD CONSTRAINT bulk_sends_number_key UNIQUE (number);


--
-- Name: bulk_sends bulk_sends_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bulk_sends
    ADD CONSTRAINT bulk_sends_pkey PRIMARY KEY (id);


--
-- Name: company company_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.company
    ADD CONSTRAINT company_pkey PRIMARY KEY (id);


--
-- Name: credit_grants credit_grants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_grants
    ADD CONSTRAINT credit_grants_pkey PRIMARY KEY (id);


--
-- Name: credit_spends credit_spends_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.credit_spends
    ADD CONSTRAINT credit_spends_pkey PRIMARY KEY (id);


--
-- Name: imap_cursor imap_cursor_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imap_cursor
    ADD CONSTRAINT imap_cursor_pkey PRIMARY KEY (folder);


--
-- Name: kept_files kept_files_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kept_files
    ADD CONSTRAINT kept_files_pkey PRIMARY KEY (sha256);


--
-- Name: kysely_migration_lock kysely_migration_lock_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kysely_migration_lock
    ADD CONSTRAINT kysely_migration_lock_pkey PRIMARY KEY (id);


--
-- Name: kysely_migration kysely_migration_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kysely_migration
    ADD CONSTRAINT kysely_migration_pkey PRIMARY KEY (name);


--
-- Name: licensing_orders licensing_orders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.licensing_orders
    ADD CONSTRAINT licensing_orders_pkey PRIMARY KEY (id);


--
-- Name: licensing_state licensing_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.licensing_state
    ADD CONSTRAINT licensing_state_pkey PRIMARY KEY (id);


--
-- Name: mailbox mailbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mailbox
    ADD CONSTRAINT mailbox_pkey PRIMARY KEY (id);


--
-- Name: office_desktop_roles office_desktop_roles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.office_desktop_roles
    ADD CONSTRAINT office_desktop_roles_pkey PRIMARY KEY (name);


--
-- Name: office_secrets office_secrets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.office_secrets
    ADD CONSTRAINT office_secrets_pkey PRIMARY KEY (name);


--
-- Name: outbox_attempts outbox_attempts_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_attempts
    ADD CONSTRAINT outbox_attempts_pk PRIMARY KEY (outbox_id, attempt);


--
-- Name: outbox_bounces outbox_bounces_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_bounces
    ADD CONSTRAINT outbox_bounces_pk PRIMARY KEY (outbox_id, recipient, kind);


--
-- Name: outbox_hours outbox_hours_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_hours
    ADD CONSTRAINT outbox_hours_pkey PRIMARY KEY (hour, state);


--
-- Name: outbox outbox_message_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_message_id_key UNIQUE (message_id);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);


--
-- Name: parties parties_kind_code_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.parties
    ADD CONSTRAINT parties_kind_code_unique UNIQUE (kind, code);


--
-- Name: parties parties_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.parties
    ADD CONSTRAINT parties_pkey PRIMARY KEY (id);


--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);


--
-- Name: user_sessions user_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT user_sessions_pkey PRIMARY KEY (token_hash);


--
-- Name: users users_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_name_key UNIQUE (name);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: voucher_days voucher_days_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.voucher_days
    ADD CONSTRAINT voucher_days_pkey PRIMARY KEY (type, status, date);


--
-- Name: voucher_lines voucher_lines_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.voucher_lines
    ADD CONSTRAINT voucher_lines_pk PRIMARY KEY (voucher_id, "position");


--
-- Name: voucher_prints voucher_prints_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.voucher_prints
    ADD CONSTRAINT voucher_prints_pk PRIMARY KEY (voucher_id, revision, language, html_sha256);


--
-- Name: vouchers vouchers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vouchers
    ADD CONSTRAINT vouchers_pkey PRIMARY KEY (id);


--
-- Name: vouchers vouchers_type_number_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vouchers
    ADD CONSTRAINT vouchers_type_number_unique UNIQUE (type, number);


--
-- Name: bulk_items_state; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bulk_items_state ON public.bulk_items USING btree (bulk_id, state, "position");


--
-- Name: credit_spends_chain; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX credit_spends_chain ON public.credit_spends USING btree (chain_seq);


--
-- Name: credit_spends_one_return; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX credit_spends_one_return ON public.credit_spends USING btree (ref) WHERE (reason = 'return'::text);


--
-- Name: credit_spends_returns; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX credit_spends_returns ON public.credit_spends USING btree (ref, chain_seq, id, amount) WHERE (reason = 'return'::text);


--
-- Name: credit_spends_unsynced; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX credit_spends_unsynced ON public.credit_spends USING btree (synced_at);


--
-- Name: outbox_bounces_recipient; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_bounces_recipient ON public.outbox_bounces USING btree (recipient);


--
-- Name: outbox_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_due ON public.outbox USING btree (status, next_attempt_at);


--
-- Name: outbox_message_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_message_id ON public.outbox USING btree (message_id);


--
-- Name: outbox_report_party; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_report_party ON public.outbox USING btree (party_id, created_at, status, credits, recipients, bounced);


--
-- Name: outbox_report_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_report_status ON public.outbox USING btree (status, created_at, credits, recipients, bounced);


--
-- Name: outbox_report_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_report_time ON public.outbox USING btree (created_at, status, credits, recipients, bounced);


--
-- Name: outbox_report_type; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_report_type ON public.outbox USING btree (doc_type, created_at, status, credits, recipients, bounced);


--
-- Name: outbox_report_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_report_user ON public.outbox USING btree (created_by, created_at, status, credits, recipients, bounced);


--
-- Name: outbox_search; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_search ON public.outbox USING gin (lower(((((subject || '
'::text) || to_json) || '
'::text) || cc_json)) public.gin_trgm_ops);


--
-- Name: outbox_sent_copy; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_sent_copy ON public.outbox USING btree (sent_copy) WHERE (sent_copy = 'pending'::text);


--
-- Name: outbox_sent_window; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_sent_window ON public.outbox USING btree (status, sent_at, recipients);


--
-- Name: outbox_source; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_source ON public.outbox USING btree (source_key, source_revision);


--
-- Name: parties_kind_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX parties_kind_name ON public.parties USING btree (kind, archived_at, name);


--
-- Name: parties_live_by_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX parties_live_by_name ON public.parties USING btree (kind, name, code) WHERE (archived_at IS NULL);


--
-- Name: parties_search; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX parties_search ON public.parties USING gin (search_key public.gin_trgm_ops);


--
-- Name: voucher_days_by_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX voucher_days_by_date ON public.voucher_days USING btree (date, type, status, n);


--
-- Name: vouchers_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX vouchers_date ON public.vouchers USING btree (date, number);


--
-- Name: vouchers_number; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX vouchers_number ON public.vouchers USING btree (number);


--
-- Name: vouchers_party_currency_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX vouchers_party_currency_date ON public.vouchers USING btree (party_id, currency, status, date);


--
-- Name: vouchers_type_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX vouchers_type_date ON public.vouchers USING btree (type, date, number);


--
-- Name: vouchers_type_status_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX vouchers_type_status_date ON public.vouchers USING btree (type, status, date, number) INCLUDE (id);


--
-- Name: credit_spends credit_spends_written_once; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER credit_spends_written_once BEFORE UPDATE ON public.credit_spends FOR EACH ROW EXECUTE FUNCTION public.daftar_spend_written_once();


--
-- Name: outbox outbox_hours_follow; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER outbox_hours_follow AFTER INSERT OR DELETE OR UPDATE OF status, bounced, credits, recipients, created_at ON public.outbox FOR EACH ROW EXECUTE FUNCTION public.outbox_hours_follow();


--
-- Name: vouchers voucher_days_follow; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER voucher_days_follow AFTER INSERT OR DELETE OR UPDATE OF type, status, date ON public.vouchers FOR EACH ROW EXECUTE FUNCTION public.voucher_days_follow();


--
-- Name: bulk_items bulk_items_bulk_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bulk_items
    ADD CONSTRAINT bulk_items_bulk_id_fkey FOREIGN KEY (bulk_id) REFERENCES public.bulk_sends(id);


--
-- Name: outbox_attempts outbox_attempts_outbox_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_attempts
    ADD CONSTRAINT outbox_attempts_outbox_id_fkey FOREIGN KEY (outbox_id) REFERENCES public.outbox(id);


--
-- Name: outbox_bounces outbox_bounces_outbox_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_bounces
    ADD CONSTRAINT outbox_bounces_outbox_id_fkey FOREIGN KEY (outbox_id) REFERENCES public.outbox(id);


--
-- Name: user_sessions user_sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT user_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: voucher_lines voucher_lines_voucher_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.voucher_lines
    ADD CONSTRAINT voucher_lines_voucher_id_fkey FOREIGN KEY (voucher_id) REFERENCES public.vouchers(id) ON DELETE CASCADE;


--
-- Name: voucher_prints voucher_prints_voucher_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.voucher_prints
    ADD CONSTRAINT voucher_prints_voucher_id_fkey FOREIGN KEY (voucher_id) REFERENCES public.vouchers(id);


--
-- Name: vouchers vouchers_party_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vouchers
    ADD CONSTRAINT vouchers_party_id_fkey FOREIGN KEY (party_id) REFERENCES public.parties(id);


--
-- PostgreSQL database dump complete
--


