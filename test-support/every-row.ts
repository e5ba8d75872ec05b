import type { LocalBook } from '../src-main/book/book';
import { fillDemoBook } from '../src-main/demo/demo-data';
import { liveOutbox } from './live-outbox';

/**
 * A book file with at least one row in every table: demo cards and vouchers, a live outbox, and one
 * row of each kind the app writes elsewhere (credits, licensing, bulk sends, prints, bounces, the
 * IMAP cursor, kept files, office secrets, settings). For tests of the file itself, as other tools see it.
 */
export function fillEveryTable(book: LocalBook): void {
  fillDemoBook(book, { vouchers: 40, customers: 5, suppliers: 3, employees: 2, seed: 3 });
  liveOutbox(book, 300);
  const at = '2026-03-02T10:00:00.000Z';
  const voucher = book.sqlite.prepare('select id from vouchers limit 1').pluck().get() as string;
  const message = book.sqlite.prepare('select id from outbox limit 1').pluck().get() as string;
  book.sqlite.exec(`
    insert into settings (key, value) values ('language', '"ar"');
    insert into voucher_prints (voucher_id, revision, language, html_sha256, pdf_sha256, file, bytes, created_at)
      values ('${voucher}', 1, 'ar', 'h', 'p', '${voucher}-r1-ar.pdf', 1000, '${at}');
    insert into credit_grants (id, account_id, device_id, amount, reason, seq, created_at, signature, received_at)
      values ('g1', 'a1', 'd1', 100, 'purchase', 1, '${at}', 'sig', '${at}');
    insert into credit_spends (id, amount, reason, ref, created_at) values ('s1', -1, 'message', '${message}', '${at}');
    insert into licensing_orders (id, packs, messages, total_cents, currency, method, state, created_at, updated_at)
      values ('o1', 1, 100, 500, 'USD', 'card', 'paid', '${at}', '${at}');
    insert into outbox_attempts (outbox_id, attempt, at, outcome, reply) values ('${message}', 1, '${at}', 'sent', '250 OK');
    insert into outbox_bounces (outbox_id, recipient, kind, status_code, diagnostic, reported_at)
      values ('${message}', 'a@x.ps', 'bounced', '5.1.1', 'no such user', '${at}');
    insert into bulk_sends (id, number, options_json, status, created_at, updated_at)
      values ('b1', 1, '{}', 'done', '${at}', '${at}');
    insert into bulk_items (bulk_id, position, voucher_id, state, outbox_id) values ('b1', 0, '${voucher}', 'queued', '${message}');
    insert into imap_cursor (folder, uid_validity, last_uid) values ('INBOX', '1', 42);
    insert into kept_files (sha256, bytes, created_at) values ('k1', x'255044462d312e37', '${at}');
    insert into office_secrets (name, sealed, updated_at) values ('check', 'sealed', '${at}');
  `);
}
