import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import { migrations } from '../book/migrations';
import { openBook } from '../book/open-book';
import { hourlyCountsQuery, reportWindow, splitByWholeHours } from './mail-report.hours';
import { summary } from './mail-report.repo';
import { withSearchHits } from './mail-report.search';
import { byStatus, countedByHand, inZone, liveOutbox, SEARCHED, type Row } from '../../test-support/live-outbox';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-report-hours-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const FILTERS: MailReportFilters[] = [
  { from: '2026-03-01', to: '2026-03-04', search: '' },
  { from: '2026-03-02', to: '2026-03-03', search: '' },
  { from: '2026-03-02', to: '2026-03-02', search: '' },
  ...byStatus(''),
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
