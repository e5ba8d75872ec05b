import type { MailReportFilters } from '../src-shared/api/mail-report-filters';
import type { LocalBook } from '../src-main/book/book';
import { reportWindow } from '../src-main/mail-report/mail-report.hours';

// A book's outbox as it lives (queued, sent, failed, bounced, retried, deleted) and the mail
// report's totals counted from it by hand, for the report's tests.

/** Runs `work` with the desktop's clock in `zone`, as an office there would see the report. */
export async function inZone<T>(zone: string, work: () => Promise<T>): Promise<T> {
  const was = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await work();
  } finally {
    if (was === undefined) delete process.env.TZ;
    else process.env.TZ = was;
  }
}

const STATUSES = ['queued', 'sending', 'sent', 'failed', 'held', 'cancelled'] as const;

/**
 * A seeded run of what the outbox lives through: queued, sent, failed, bounced, retried, deleted.
 * Another `seed` on the same book writes other messages (their ids carry it).
 */
export function liveOutbox(book: LocalBook, operations: number, seed = 11) {
  const run = seed;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(of: readonly T[]) => of[Math.floor(rand() * of.length)]!;
  const start = Date.parse('2026-03-01T00:00:00Z');
  const insert = book.sqlite
    .prepare(`insert into outbox (id, status, to_json, cc_json, recipients, subject, note, body_text,
    body_html, language, file_name, pdf_file, pdf_sha256, pdf_bytes, message_id, credits, source_json, source_key,
    source_title, doc_type, party_id, created_by, created_at, updated_at)
    values (?, ?, '["a@x.ps"]', ?, ?, ?, '', '', '', 'ar', 'f.pdf', 'f.pdf', '', 1, ?, ?, '{}', 'k', 't',
    ?, ?, ?, ?, ?)`);
  const ids: string[] = [];
  book.sqlite.transaction(() => {
    for (let i = 0; i < operations; i++) {
      const roll = rand();
      if (roll < 0.55 || ids.length === 0) {
        // Spread over four days, to the minute, so days start and end inside hours in some zones; in
        // no order, as if the clock were put back and forth (rowids do not follow time).
        const at = new Date(start + Math.floor(rand() * 4 * 24 * 60) * 60_000 + (i % 1000)).toISOString();
        const id = `m${run}-${i}`;
        const recipients = 1 + Math.floor(rand() * 3);
        // One message in three copies the boss, for the searches.
        const cc = rand() < 0.33 ? '["boss@daftar.ps"]' : '[]';
        // Five cards, three users (and messages queued by no one), two document types, for the filters.
        const [type, party, user] = [i % 3 ? 'sales_invoice' : 'statement', `p${i % 5}`, i % 4 ? `u${i % 3}` : ''];
        insert.run(
          id,
          pick(STATUSES),
          cc,
          recipients,
          `فاتورة ${i}`,
          `<${id}@x>`,
          recipients,
          type,
          party,
          user,
          at,
          at,
        );
        ids.push(id);
      } else if (roll < 0.8) {
        book.sqlite
          .prepare('update outbox set status = ?, attempts = attempts + 1 where id = ?')
          .run(pick(STATUSES), pick(ids));
      } else if (roll < 0.9) {
        book.sqlite.prepare('update outbox set bounced = ? where id = ?').run(Math.floor(rand() * 2), pick(ids));
      } else if (roll < 0.95) {
        book.sqlite.prepare('update outbox set credits = credits + 1 where id = ?').run(pick(ids));
      } else {
        const gone = ids.splice(Math.floor(rand() * ids.length), 1)[0]!;
        book.sqlite.prepare('delete from outbox where id = ?').run(gone);
      }
    }
  })();
}

export interface Row {
  created_at: string;
  subject: string;
  to_json: string;
  cc_json: string;
  status: string;
  bounced: number;
  recipients: number;
  credits: number;
}

/** The report's totals counted here, row by row, from the messages themselves: what the counts must equal. */
export function countedByHand(book: LocalBook, f: MailReportFilters) {
  const { since, until } = reportWindow(f);
  const rows = (book.sqlite.prepare('select * from outbox').all() as Row[])
    .filter((r) => r.created_at >= since.toISOString() && r.created_at < until.toISOString())
    .filter((r) => `${r.subject}\n${r.to_json}\n${r.cc_json}`.toLowerCase().includes(f.search.toLowerCase()))
    .filter((r) => {
      const state = r.status === 'sent' && r.bounced > 0 ? 'bounced' : r.status;
      return !f.status || f.status === state;
    });
  const charged = (r: Row) => (r.status === 'failed' || r.status === 'cancelled' ? 0 : r.credits);
  return {
    messages: rows.length,
    recipients: rows.reduce((n, r) => n + r.recipients, 0),
    credits: rows.reduce((n, r) => n + charged(r), 0),
    sent: rows.filter((r) => r.status === 'sent' && r.bounced === 0).length,
    bounced: rows.filter((r) => r.status === 'sent' && r.bounced > 0).length,
    failed: rows.filter((r) => r.status === 'failed').length,
  };
}

/** The live outbox's first three days, once for each status a report can be filtered by. */
export const byStatus = (search: string): MailReportFilters[] =>
  (['sent', 'bounced', 'failed', 'queued', 'cancelled'] as const).map((status) => ({
    from: '2026-03-01',
    to: '2026-03-03',
    search,
    status,
  }));

/** Searches of the live outbox: broad, in capitals, Arabic, none, and by status. */
export const SEARCHED: MailReportFilters[] = [
  { from: '2026-03-01', to: '2026-03-04', search: 'boss@' },
  { from: '2026-03-02', to: '2026-03-03', search: 'BOSS@DAFTAR' },
  { from: '2026-03-02', to: '2026-03-02', search: 'فاتورة 1' },
  { from: '2026-03-01', to: '2026-03-04', search: 'no one at all' },
  ...byStatus('boss@'),
];
