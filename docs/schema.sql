-- The schema of a SQLite book as Daftar's migrations leave it: every table, index, view and trigger.
-- Generated from a freshly migrated book by `npm run docs:schema` (scripts/gen-schema.ts): do not edit.
-- scripts/book-schema.test.ts fails when this file no longer matches the migrations.

-- table bulk_items
CREATE TABLE "bulk_items" ("bulk_id" text not null references "bulk_sends" ("id"), "position" integer not null, "voucher_id" text not null, "state" text not null, "skip_reason" text, "outbox_id" text, constraint "bulk_items_pk" primary key ("bulk_id", "position"));

-- table bulk_sends
CREATE TABLE "bulk_sends" ("id" text primary key, "number" integer not null unique, "options_json" text not null, "status" text not null, "prepared" integer default 0 not null, "created_by" text default '' not null, "created_at" text not null, "updated_at" text not null);

-- table company
CREATE TABLE "company" ("id" integer primary key check (id = 1), "name_ar" text not null, "name_en" text not null, "address" text not null, "phone" text not null, "tax_number" text not null, "logo" text, "default_currency" text not null, "updated_at" text not null, "default_tax_bp" integer default 0 not null);

-- table credit_grants
CREATE TABLE "credit_grants" ("id" text primary key, "account_id" text not null, "device_id" text not null, "amount" integer not null, "reason" text not null, "seq" integer not null, "created_at" text not null, "signature" text not null, "received_at" text not null);

-- table credit_spends
CREATE TABLE "credit_spends" ("id" text primary key, "amount" integer not null check (amount <> 0), "reason" text not null, "ref" text not null, "created_at" text not null, "synced_at" text, "chain_seq" integer, "chain_hash" text, "chain_link" integer default 1 not null);

-- table imap_cursor
CREATE TABLE "imap_cursor" ("folder" text primary key, "uid_validity" text not null, "last_uid" integer not null);

-- table kept_files
CREATE TABLE "kept_files" ("sha256" text primary key, "bytes" blob not null, "created_at" text not null);

-- table kysely_migration
CREATE TABLE "kysely_migration" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null);

-- table kysely_migration_lock
CREATE TABLE "kysely_migration_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null);

-- table licensing_orders
CREATE TABLE "licensing_orders" ("id" text primary key, "packs" integer not null, "messages" integer not null, "total_cents" integer not null, "currency" text not null, "method" text not null, "state" text not null, "created_at" text not null, "updated_at" text not null, "created_by" text default '' not null);

-- table licensing_state
CREATE TABLE "licensing_state" ("id" integer primary key check (id = 1), "server_url" text, "account_id" text, "device_id" text, "last_sync_at" text, "last_attempt_at" text, "last_error" text, "server_account_balance" integer, "pricing" text);

-- table mailbox
CREATE TABLE "mailbox" ("id" integer primary key check (id = 1), "display_name" text not null, "address" text not null, "reply_to" text not null, "host" text not null, "port" integer not null, "security" text not null check (security in ('tls', 'starttls', 'none')), "username" text not null, "updated_at" text not null, "preset" text default 'other' not null, "limit_per_message" integer, "limit_per_minute" integer, "limit_per_day" integer, "sign_in" text default 'password' not null, "oauth_provider" text default 'microsoft' not null, "oauth_issuer" text default '' not null, "oauth_client_id" text default '' not null, "oauth_account" text default '' not null, "imap_enabled" integer default 0 not null, "imap_host" text default '' not null, "imap_port" integer default 993 not null, "imap_security" text default 'tls' not null, "imap_username" text default '' not null, "sent_copy" integer default 0 not null, "sent_folder" text default '' not null, "imap_since" text);

-- table office_secrets
CREATE TABLE "office_secrets" ("name" text primary key, "sealed" text not null, "updated_at" text not null);

-- table outbox
CREATE TABLE "outbox" ("id" text primary key, "status" text not null check (status in ('queued', 'sending', 'sent', 'failed', 'held', 'cancelled')), "to_json" text not null, "cc_json" text not null, "subject" text not null, "note" text not null, "body_text" text not null, "body_html" text not null, "language" text not null, "file_name" text not null, "pdf_file" text not null, "pdf_sha256" text not null, "pdf_bytes" integer not null, "message_id" text not null unique, "attempts" integer default 0 not null, "next_attempt_at" text, "last_reply" text, "last_error" text, "credits" integer not null, "spend_id" text, "source_json" text not null, "source_key" text not null, "source_revision" integer, "source_title" text not null, "doc_type" text not null, "party_id" text not null, "created_by" text default '' not null, "created_at" text not null, "updated_at" text not null, "sent_at" text, "recipients" integer default 0 not null, "bounced" integer default 0 not null, "sent_copy" text, "raw_file" text, "claimed_by" text);

-- table outbox_attempts
CREATE TABLE "outbox_attempts" ("outbox_id" text not null references "outbox" ("id"), "attempt" integer not null, "at" text not null, "outcome" text not null, "reply" text, constraint "outbox_attempts_pk" primary key ("outbox_id", "attempt"));

-- table outbox_bounces
CREATE TABLE "outbox_bounces" ("outbox_id" text not null references "outbox" ("id"), "recipient" text not null, "kind" text not null check (kind in ('bounced', 'delayed')), "status_code" text not null, "diagnostic" text not null, "reported_at" text not null, constraint "outbox_bounces_pk" primary key ("outbox_id", "recipient", "kind"));

-- table outbox_hours
CREATE TABLE outbox_hours (
    hour text not null,
    state text not null,
    messages integer not null,
    recipients integer not null,
    credits integer not null,
    primary key (hour, state)
  ) without rowid;

-- table outbox_search
CREATE VIRTUAL TABLE outbox_search using fts5(
    subject, to_json, cc_json, content = 'outbox', content_rowid = 'rowid', tokenize = 'trigram'
  );

-- table outbox_search_config
CREATE TABLE 'outbox_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table outbox_search_data
CREATE TABLE 'outbox_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table outbox_search_docsize
CREATE TABLE 'outbox_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table outbox_search_facts
CREATE TABLE outbox_search_facts (
    rid integer primary key,
    at integer not null,
    state integer not null,
    recipients integer not null,
    credits integer not null,
    version integer not null
  , subject_text integer not null default 0, to_text integer not null default 0, cc_text integer not null default 0, party_key integer not null default 0, user_key integer not null default 0, type_key integer not null default 0);

-- table outbox_search_hours
CREATE TABLE outbox_search_hours (
    hour integer primary key,
    first_rid integer not null,
    last_rid integer not null
  );

-- table outbox_search_idx
CREATE TABLE 'outbox_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table outbox_search_keys
CREATE TABLE outbox_search_keys (id integer primary key, value text not null unique);

-- table outbox_search_texts
CREATE TABLE outbox_search_texts (id integer primary key, value text not null unique);

-- table outbox_search_texts_index
CREATE VIRTUAL TABLE outbox_search_texts_index using fts5(
    value, content = 'outbox_search_texts', content_rowid = 'id', tokenize = 'trigram'
  );

-- table outbox_search_texts_index_config
CREATE TABLE 'outbox_search_texts_index_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table outbox_search_texts_index_data
CREATE TABLE 'outbox_search_texts_index_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table outbox_search_texts_index_docsize
CREATE TABLE 'outbox_search_texts_index_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table outbox_search_texts_index_idx
CREATE TABLE 'outbox_search_texts_index_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table parties
CREATE TABLE "parties" ("id" text primary key, "kind" text not null check (kind in ('customer', 'supplier', 'employee')), "code" text not null, "name" text not null, "phone" text default '' not null, "address" text default '' not null, "tax_number" text default '' not null, "job_title" text default '' not null, "notes" text default '' not null, "emails" text default '' not null, "search_key" text default '' not null, "archived_at" text, "created_at" text not null, "updated_at" text not null, "revision" integer default 1 not null, constraint "parties_kind_code_unique" unique ("kind", "code"));

-- table settings
CREATE TABLE "settings" ("key" text primary key, "value" text not null);

-- table users
CREATE TABLE "users" ("id" text primary key, "name" text not null unique, "password_hash" text, "permissions_json" text not null, "is_admin" integer default 0 not null, "failed_attempts" integer default 0 not null, "locked_until" text, "created_at" text not null, "updated_at" text not null);

-- table voucher_days
CREATE TABLE voucher_days (
    type text not null,
    status text not null,
    date text not null,
    n integer not null,
    primary key (type, status, date)
  ) without rowid;

-- table voucher_lines
CREATE TABLE "voucher_lines" ("voucher_id" text not null references "vouchers" ("id") on delete cascade, "position" integer not null, "description" text not null, "quantity_milli" integer not null, "unit_price_minor" integer not null, "discount_bp" integer not null, "tax_bp" integer not null, "gross_minor" integer not null, "discount_minor" integer not null, "tax_minor" integer not null, "total_minor" integer not null, constraint "voucher_lines_pk" primary key ("voucher_id", "position"));

-- table voucher_prints
CREATE TABLE "voucher_prints" ("voucher_id" text not null references "vouchers" ("id"), "revision" integer not null, "language" text not null, "html_sha256" text not null, "pdf_sha256" text not null, "file" text not null, "bytes" integer not null, "created_at" text not null, constraint "voucher_prints_pk" primary key ("voucher_id", "revision", "language", "html_sha256"));

-- table vouchers
CREATE TABLE "vouchers" ("id" text primary key, "type" text not null check (type in ('sales_invoice', 'sales_return', 'purchase_invoice', 'purchase_return', 'receipt', 'payment', 'payslip')), "number" integer not null check (number > 0), "date" text not null, "party_id" text not null references "parties" ("id"), "currency" text not null, "language" text not null check (language in ('ar', 'en')), "notes" text default '' not null, "status" text default 'active' not null check (status in ('active', 'cancelled')), "revision" integer default 1 not null, "subtotal_minor" integer not null, "discount_minor" integer not null, "tax_minor" integer not null, "total_minor" integer not null, "body" text, "created_at" text not null, "updated_at" text not null, "cancelled_at" text, constraint "vouchers_type_number_unique" unique ("type", "number"));

-- index bulk_items_state
CREATE INDEX "bulk_items_state" on "bulk_items" ("bulk_id", "state", "position");

-- index credit_spends_chain
CREATE UNIQUE INDEX credit_spends_chain on credit_spends (chain_seq);

-- index credit_spends_one_return
CREATE UNIQUE INDEX credit_spends_one_return on credit_spends (ref) where reason = 'return';

-- index credit_spends_returns
CREATE INDEX credit_spends_returns on credit_spends (ref, chain_seq, id, amount) where reason = 'return';

-- index credit_spends_unsynced
CREATE INDEX "credit_spends_unsynced" on "credit_spends" ("synced_at");

-- index outbox_bounces_recipient
CREATE INDEX "outbox_bounces_recipient" on "outbox_bounces" ("recipient");

-- index outbox_due
CREATE INDEX "outbox_due" on "outbox" ("status", "next_attempt_at");

-- index outbox_message_id
CREATE INDEX "outbox_message_id" on "outbox" ("message_id");

-- index outbox_report_party
CREATE INDEX "outbox_report_party" on "outbox" ("party_id", "created_at", "status", "credits", "recipients", "bounced");

-- index outbox_report_status
CREATE INDEX "outbox_report_status" on "outbox" ("status", "created_at", "credits", "recipients", "bounced");

-- index outbox_report_time
CREATE INDEX "outbox_report_time" on "outbox" ("created_at", "status", "credits", "recipients", "bounced");

-- index outbox_report_type
CREATE INDEX "outbox_report_type" on "outbox" ("doc_type", "created_at", "status", "credits", "recipients", "bounced");

-- index outbox_report_user
CREATE INDEX "outbox_report_user" on "outbox" ("created_by", "created_at", "status", "credits", "recipients", "bounced");

-- index outbox_search_facts_version
CREATE INDEX outbox_search_facts_version on outbox_search_facts (version);

-- index outbox_sent_copy
CREATE INDEX outbox_sent_copy on outbox (sent_copy) where sent_copy = 'pending';

-- index outbox_sent_window
CREATE INDEX outbox_sent_window on outbox (status, sent_at, recipients);

-- index outbox_source
CREATE INDEX "outbox_source" on "outbox" ("source_key", "source_revision");

-- index parties_kind_name
CREATE INDEX "parties_kind_name" on "parties" ("kind", "archived_at", "name");

-- index parties_live_by_name
CREATE INDEX parties_live_by_name on parties (kind, name, code) where archived_at is null;

-- index voucher_days_by_date
CREATE INDEX voucher_days_by_date on voucher_days (date, type, status, n);

-- index vouchers_date
CREATE INDEX "vouchers_date" on "vouchers" ("date", "number");

-- index vouchers_number
CREATE INDEX "vouchers_number" on "vouchers" ("number");

-- index vouchers_party_currency_date
CREATE INDEX "vouchers_party_currency_date" on "vouchers" ("party_id", "currency", "status", "date");

-- index vouchers_type_date
CREATE INDEX "vouchers_type_date" on "vouchers" ("type", "date", "number");

-- view users_seen
CREATE VIEW users_seen as
    select id, name, permissions_json, is_admin, failed_attempts, locked_until, created_at, updated_at,
      cast(case when password_hash is null then 0 else 1 end as bigint) as has_password
    from users;

-- trigger outbox_hours_delete
CREATE TRIGGER outbox_hours_delete after delete on outbox begin update outbox_hours set messages = messages - 1,
      recipients = recipients - old.recipients, credits = credits - case when old.status in ('failed', 'cancelled') then 0 else old.credits end
    where hour = substr(old.created_at, 1, 13) and state = case when old.status = 'sent' and old.bounced > 0 then 'bounced' else old.status end; end;

-- trigger outbox_hours_insert
CREATE TRIGGER outbox_hours_insert after insert on outbox begin insert into outbox_hours (hour, state, messages, recipients, credits)
    values (substr(new.created_at, 1, 13), case when new.status = 'sent' and new.bounced > 0 then 'bounced' else new.status end, 1, new.recipients, case when new.status in ('failed', 'cancelled') then 0 else new.credits end)
    on conflict (hour, state) do update set messages = messages + 1,
      recipients = recipients + excluded.recipients, credits = credits + excluded.credits; end;

-- trigger outbox_hours_update
CREATE TRIGGER outbox_hours_update after update of status, bounced, credits, recipients, created_at on outbox
    begin update outbox_hours set messages = messages - 1,
      recipients = recipients - old.recipients, credits = credits - case when old.status in ('failed', 'cancelled') then 0 else old.credits end
    where hour = substr(old.created_at, 1, 13) and state = case when old.status = 'sent' and old.bounced > 0 then 'bounced' else old.status end; insert into outbox_hours (hour, state, messages, recipients, credits)
    values (substr(new.created_at, 1, 13), case when new.status = 'sent' and new.bounced > 0 then 'bounced' else new.status end, 1, new.recipients, case when new.status in ('failed', 'cancelled') then 0 else new.credits end)
    on conflict (hour, state) do update set messages = messages + 1,
      recipients = recipients + excluded.recipients, credits = credits + excluded.credits; end;

-- trigger outbox_search_delete
CREATE TRIGGER outbox_search_delete after delete on outbox begin
    insert into outbox_search (outbox_search, rowid, subject, to_json, cc_json)
      values ('delete', old.rowid, old.subject, old.to_json, old.cc_json);
  end;

-- trigger outbox_search_facts_delete
CREATE TRIGGER outbox_search_facts_delete after delete on outbox begin
    update outbox_search_facts set state = -1, version = (select coalesce(max(version), 0) + 1 from outbox_search_facts) where rid = old.rowid;
  end;

-- trigger outbox_search_facts_insert
CREATE TRIGGER outbox_search_facts_insert after insert on outbox begin
    insert into outbox_search_texts (value)
    select value from (select (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.subject, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v))) as value union select (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.to_json, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v))) as value union select (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.cc_json, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v))) as value)
    where value not in (select value from outbox_search_texts);
insert into outbox_search_keys (value)
    select value from (select 'party:' || new.party_id as value union select 'user:' || new.created_by as value union select 'type:' || new.doc_type as value)
    where value not in (select value from outbox_search_keys);
    insert into outbox_search_facts (rid, at, state, recipients, credits, version, subject_text, to_text, cc_text, party_key, user_key, type_key)
      values (new.rowid, (cast(strftime('%s', new.created_at) as integer) * 1000 + cast(substr(new.created_at, 21, 3) as integer)), case when new.status = 'sent' and new.bounced > 0 then 1
    when new.status = 'sent' then 0 when new.status = 'bounced' then 1 when new.status = 'failed' then 2 when new.status = 'queued' then 3 when new.status = 'sending' then 4 when new.status = 'held' then 5 when new.status = 'cancelled' then 6 else -1 end, new.recipients, case when new.status in ('failed', 'cancelled') then 0 else new.credits end, (select coalesce(max(version), 0) + 1 from outbox_search_facts),
        (select id from outbox_search_texts where value = (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.subject, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v)))), (select id from outbox_search_texts where value = (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.to_json, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v)))), (select id from outbox_search_texts where value = (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.cc_json, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v)))), (select id from outbox_search_keys where value = 'party:' || new.party_id), (select id from outbox_search_keys where value = 'user:' || new.created_by), (select id from outbox_search_keys where value = 'type:' || new.doc_type))
      on conflict (rid) do update set at = excluded.at, state = excluded.state,
        recipients = excluded.recipients, credits = excluded.credits, version = excluded.version,
        subject_text = excluded.subject_text, to_text = excluded.to_text, cc_text = excluded.cc_text, party_key = excluded.party_key, user_key = excluded.user_key, type_key = excluded.type_key;
    insert into outbox_search_hours (hour, first_rid, last_rid)
    values ((cast(strftime('%s', new.created_at) as integer) * 1000 + cast(substr(new.created_at, 21, 3) as integer)) / 3600000, new.rowid, new.rowid)
    on conflict (hour) do update set first_rid = min(first_rid, excluded.first_rid),
      last_rid = max(last_rid, excluded.last_rid);
  end;

-- trigger outbox_search_facts_update
CREATE TRIGGER outbox_search_facts_update after update of status, bounced, credits, recipients, created_at
    on outbox begin
    update outbox_search_facts set at = (cast(strftime('%s', new.created_at) as integer) * 1000 + cast(substr(new.created_at, 21, 3) as integer)), state = case when new.status = 'sent' and new.bounced > 0 then 1
    when new.status = 'sent' then 0 when new.status = 'bounced' then 1 when new.status = 'failed' then 2 when new.status = 'queued' then 3 when new.status = 'sending' then 4 when new.status = 'held' then 5 when new.status = 'cancelled' then 6 else -1 end, recipients = new.recipients,
      credits = case when new.status in ('failed', 'cancelled') then 0 else new.credits end, version = (select coalesce(max(version), 0) + 1 from outbox_search_facts) where rid = new.rowid;
    insert into outbox_search_hours (hour, first_rid, last_rid)
    values ((cast(strftime('%s', new.created_at) as integer) * 1000 + cast(substr(new.created_at, 21, 3) as integer)) / 3600000, new.rowid, new.rowid)
    on conflict (hour) do update set first_rid = min(first_rid, excluded.first_rid),
      last_rid = max(last_rid, excluded.last_rid);
  end;

-- trigger outbox_search_insert
CREATE TRIGGER outbox_search_insert after insert on outbox begin
    insert into outbox_search (rowid, subject, to_json, cc_json) values (new.rowid, new.subject, new.to_json, new.cc_json);
  end;

-- trigger outbox_search_texts_insert
CREATE TRIGGER outbox_search_texts_insert after insert on outbox_search_texts begin
    insert into outbox_search_texts_index (rowid, value) values (new.id, new.value);
  end;

-- trigger outbox_search_update
CREATE TRIGGER outbox_search_update after update of subject, to_json, cc_json on outbox begin
    insert into outbox_search (outbox_search, rowid, subject, to_json, cc_json)
      values ('delete', old.rowid, old.subject, old.to_json, old.cc_json);
    insert into outbox_search (rowid, subject, to_json, cc_json) values (new.rowid, new.subject, new.to_json, new.cc_json);
  end;

-- trigger outbox_search_values_update
CREATE TRIGGER outbox_search_values_update
    after update of subject, to_json, cc_json, party_id, created_by, doc_type on outbox begin
    insert into outbox_search_texts (value)
    select value from (select (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.subject, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v))) as value union select (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.to_json, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v))) as value union select (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.cc_json, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v))) as value)
    where value not in (select value from outbox_search_texts);
insert into outbox_search_keys (value)
    select value from (select 'party:' || new.party_id as value union select 'user:' || new.created_by as value union select 'type:' || new.doc_type as value)
    where value not in (select value from outbox_search_keys);
    update outbox_search_facts set version = (select coalesce(max(version), 0) + 1 from outbox_search_facts),
      subject_text = (select id from outbox_search_texts where value = (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.subject, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v)))), to_text = (select id from outbox_search_texts where value = (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.to_json, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v)))), cc_text = (select id from outbox_search_texts where value = (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '۰', '0'), '۱', '0'), '۲', '0'), '۳', '0'), '۴', '0'), '۵', '0'), '۶', '0'), '۷', '0'), '۸', '0'), '۹', '0') from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(v, '٠', '0'), '١', '0'), '٢', '0'), '٣', '0'), '٤', '0'), '٥', '0'), '٦', '0'), '٧', '0'), '٨', '0'), '٩', '0') as v from (select replace(replace(replace(replace(replace(replace(replace(replace(replace(new.cc_json, '1', '0'), '2', '0'), '3', '0'), '4', '0'), '5', '0'), '6', '0'), '7', '0'), '8', '0'), '9', '0') as v)))), party_key = (select id from outbox_search_keys where value = 'party:' || new.party_id), user_key = (select id from outbox_search_keys where value = 'user:' || new.created_by), type_key = (select id from outbox_search_keys where value = 'type:' || new.doc_type) where rid = new.rowid;
  end;

-- trigger voucher_days_delete
CREATE TRIGGER voucher_days_delete after delete on vouchers begin update voucher_days set n = n - 1
    where type = old.type and status = old.status and date = old.date; end;

-- trigger voucher_days_insert
CREATE TRIGGER voucher_days_insert after insert on vouchers begin insert into voucher_days (type, status, date, n) values (new.type, new.status, new.date, 1)
    on conflict (type, status, date) do update set n = voucher_days.n + 1; end;

-- trigger voucher_days_update
CREATE TRIGGER voucher_days_update after update of type, status, date on vouchers
    begin update voucher_days set n = n - 1
    where type = old.type and status = old.status and date = old.date; insert into voucher_days (type, status, date, n) values (new.type, new.status, new.date, 1)
    on conflict (type, status, date) do update set n = voucher_days.n + 1; end;
