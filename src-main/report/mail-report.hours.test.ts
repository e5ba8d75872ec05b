import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import { migrations } from '../book/migrations';
import { openBook, type LocalBook } from '../book/open-book';
import { hourlyCountsQuery, reportWindow, splitByWholeHours } from './mail-report.hours';
import { summary } from './mail-report.repo';
import { withSearchHits } from './mail-report.search';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-report-hours-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `work` with the desktop's clock in `zone`, as an office there would see the report. */
async function inZone<T>(zone: string, work: () => Promise<T>): Promise<T> {
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

/** A seeded run of what the outbox lives through: queued, sent, failed, bounced, retried, deleted. */
function liveOutbox(book: LocalBook, operations: number) {
  let seed = 11;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(of: readonly T[]) => of[Math.floor(rand() * of.length)]!;
  const start = Date.parse('2026-03-01T00:00:00Z');
  const insert = book.sqlite
    .prepare(`insert into outbox (id, status, to_json, cc_json, recipients, subject, note, body_text,
    body_html, language, file_name, pdf_file, pdf_sha256, pdf_bytes, message_id, credits, source_json, source_key,
    source_title, doc_type, party_id, created_at, updated_at)
    values (?, ?, '["a@x.ps"]', ?, ?, ?, '', '', '', 'ar', 'f.pdf', 'f.pdf', '', 1, ?, ?, '{}', 'k', 't',
    'sales_invoice', 'p1', ?, ?)`);
  const ids: string[] = [];
  book.sqlite.transaction(() => {
    for (let i = 0; i < operations; i++) {
      const roll = rand();
      if (roll < 0.55 || ids.length === 0) {
        // Spread over four days, to the minute, so days start and end inside hours in some zones; in
        // no order, as if the clock were put back and forth (rowids do not follow time).
        const at = new Date(start + Math.floor(rand() * 4 * 24 * 60) * 60_000 + (i % 1000)).toISOString();
        const id = `m${i}`;
        const recipients = 1 + Math.floor(rand() * 3);
        // One message in three copies the boss, for the searches.
        const cc = rand() < 0.33 ? '["boss@daftar.ps"]' : '[]';
        insert.run(id, pick(STATUSES), cc, recipients, `فاتورة ${i}`, `<${id}@x>`, recipients, at, at);
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

interface Row {
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
function countedByHand(book: LocalBook, f: MailReportFilters) {
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

const FILTERS: MailReportFilters[] = [
  { from: '2026-03-01', to: '2026-03-04', search: '' },
  { from: '2026-03-02', to: '2026-03-03', search: '' },
  { from: '2026-03-02', to: '2026-03-02', search: '' },
  ...(['sent', 'bounced', 'failed', 'queued', 'cancelled'] as const).map((status) => ({
    from: '2026-03-01',
    to: '2026-03-03',
    search: '',
    status,
  })),
];

it.each(['UTC', 'Asia/Hebron', 'Asia/Kolkata', 'America/St_Johns', 'Asia/Kathmandu'])(
  'the totals read from the per-hour counts equal the messages counted one by one (%s)',
  async (zone) => {
    await inZone(zone, async () => {
      const book = await openBook({ file: join(dir, 'book.sqlite') });
      liveOutbox(book, 3000);
      for (const f of FILTERS) {
        const { totals } = await summary(book.db, f);
        expect({ f, totals }).toEqual({ f, totals: countedByHand(book, f) });
      }
      await book.close();
    });
  },
);

const SEARCHED: MailReportFilters[] = [
  { from: '2026-03-01', to: '2026-03-04', search: 'boss@' },
  { from: '2026-03-02', to: '2026-03-03', search: 'BOSS@DAFTAR' },
  { from: '2026-03-02', to: '2026-03-02', search: 'فاتورة 1' },
  { from: '2026-03-01', to: '2026-03-04', search: 'no one at all' },
  ...(['sent', 'bounced', 'failed', 'queued', 'cancelled'] as const).map((status) => ({
    from: '2026-03-01',
    to: '2026-03-03',
    search: 'boss@',
    status,
  })),
];

it.each(['UTC', 'Asia/Hebron', 'Asia/Kolkata', 'America/St_Johns'])(
  "a search's totals and days from its matches' facts equal the messages counted one by one (%s)",
  async (zone) => {
    await inZone(zone, async () => {
      const book = await openBook({ file: join(dir, 'book.sqlite') });
      liveOutbox(book, 3000);
      for (const f of SEARCHED) {
        const { totals, perDay } = await withSearchHits(book.db, f, (hits) => summary(book.db, f, hits));
        expect({ f, totals }).toEqual({ f, totals: countedByHand(book, f) });
        // The days as the outbox's own rows give them, hour by hour.
        expect({ f, perDay }).toEqual({ f, perDay: (await summary(book.db, f)).perDay });
      }
      expect(countedByHand(book, SEARCHED[0]!).messages).toBeGreaterThan(300);
      await book.close();
    });
  },
);

it('the chart counts each message on its own day in a zone of whole hours', async () => {
  await inZone('Asia/Hebron', async () => {
    const book = await openBook({ file: join(dir, 'book.sqlite') });
    liveOutbox(book, 2000);
    const f = { from: '2026-03-01', to: '2026-03-04', search: '' };
    const byDay = new Map<string, { sent: number; bounced: number; failed: number }>();
    for (const r of book.sqlite.prepare('select created_at, status, bounced from outbox').all() as Row[]) {
      const local = new Date(r.created_at);
      const day = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
      if (day < f.from || day > f.to) continue;
      const entry = byDay.get(day) ?? { sent: 0, bounced: 0, failed: 0 };
      if (r.status === 'sent') entry[r.bounced > 0 ? 'bounced' : 'sent']++;
      if (r.status === 'failed') entry.failed++;
      byDay.set(day, entry);
    }
    const expected = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, n]) => ({ day, ...n }));
    expect((await summary(book.db, f)).perDay).toEqual(expected);
    await book.close();
  });
});

it('counts the messages a book held before the per-hour counts existed (migration 0014)', async () => {
  const file = join(dir, 'book.sqlite');
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0014'));
  const old = await openBook({ file, migrations: before });
  liveOutbox(old, 1500);
  await old.close();

  const book = await openBook({ file });
  const f = { from: '2026-03-01', to: '2026-03-04', search: '' };
  expect((await summary(book.db, f)).totals).toEqual(countedByHand(book, f));
  await book.close();
});

it("counts a search in the messages a book held before the matches' facts existed (migration 0021)", async () => {
  const file = join(dir, 'book.sqlite');
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0021'));
  const old = await openBook({ file, migrations: before });
  liveOutbox(old, 1500);
  await old.close();

  const book = await openBook({ file });
  for (const f of SEARCHED) {
    const { totals } = await withSearchHits(book.db, f, (hits) => summary(book.db, f, hits));
    expect({ f, totals }).toEqual({ f, totals: countedByHand(book, f) });
  }
  await book.close();
});

it('reads a year of whole hours from the per-hour counts, not from the outbox', async () => {
  await inZone('Asia/Kolkata', async () => {
    const book = await openBook({ file: join(dir, 'book.sqlite') });
    const { whole, edges } = splitByWholeHours(reportWindow({ from: '2026-01-01', to: '2026-12-31', search: '' }));
    // Midnight in Kolkata is half past a UTC hour: one half-hour at each end comes from the outbox.
    expect(edges.map((e) => (e.until.getTime() - e.since.getTime()) / 60_000)).toEqual([30, 30]);
    const { sql: text, parameters } = hourlyCountsQuery(book.db, whole!, undefined).compile();
    const plan = (
      book.sqlite.prepare(`explain query plan ${text}`).all(...(parameters as unknown[])) as { detail: string }[]
    )
      .map((p) => p.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH outbox_hours USING PRIMARY KEY/);
    expect(plan).not.toMatch(/\boutbox\b(?!_hours)/);
    await book.close();
  });
});
