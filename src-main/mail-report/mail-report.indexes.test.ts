import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrations } from '../book/migrations';
import { openBook } from '../book/open-book';
import { BROAD_SEARCH, page, pageQuery, summary, summaryQuery } from './mail-report.repo';
import { withSearchHits } from './mail-report.search';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-report-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const year = { from: '2026-01-01', to: '2026-12-31', search: '' };

it('counts the recipients of messages queued before the report kept a count (migration 0007)', async () => {
  const file = join(dir, 'book.sqlite');
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0007'));
  const old = await openBook({ file, migrations: before });
  await sql`insert into outbox (id, status, to_json, cc_json, subject, note, body_text, body_html, language, file_name, pdf_file, pdf_sha256, pdf_bytes, message_id, credits, source_json, source_key, source_title, doc_type, party_id, created_at, updated_at)
    values ('m1', 'sent', '["a@x.ps","b@x.ps"]', '["c@x.ps"]', 's', '', '', '', 'ar', 'f.pdf', 'm1.pdf', '', 1, '<m1@x>', 3, '{}', 'k', 't', 'sales_invoice', 'p1', '2026-05-01T10:00:00Z', '2026-05-01T10:00:00Z')`.execute(
    old.db,
  );
  await old.close();

  const book = await openBook({ file });
  expect(await book.db.selectFrom('outbox').select('recipients').execute()).toEqual([{ recipients: 3 }]);
  expect((await summary(book.db, year)).totals.recipients).toBe(3);
  await book.close();
});

it.each([
  ['no filter', {}, 'outbox_report_time'],
  ['status', { status: 'failed' }, 'outbox_report_status'],
  ['user', { userId: 'admin' }, 'outbox_report_user'],
  ['document type', { docType: 'statement' }, 'outbox_report_type'],
  ['card', { partyId: '01JCARD0000000000000000000' }, 'outbox_report_party'],
] as const)('totals and the chart by %s are counted from an index alone, never the rows', async (_, filter, index) => {
  const book = await openBook({ file: join(dir, 'book.sqlite') });
  const { sql: text, parameters } = summaryQuery(book.db, { ...year, ...filter }).compile();
  const plan = (
    book.sqlite.prepare(`explain query plan ${text}`).all(...(parameters as unknown[])) as { detail: string }[]
  )
    .map((p) => p.detail)
    .join('\n');
  expect(plan).toContain(`USING COVERING INDEX ${index}`);
  // The page of rows walks the time index newest first instead of sorting the range.
  const list = pageQuery(book.db, year, 100, 0).compile();
  const listPlan = (
    book.sqlite.prepare(`explain query plan ${list.sql}`).all(...(list.parameters as unknown[])) as { detail: string }[]
  )
    .map((p) => p.detail)
    .join('\n');
  expect(listPlan).toMatch(/outbox_report_time/);
  await book.close();
});

it("counts messages on the office's own day, not the UTC day", async () => {
  const zone = process.env.TZ;
  process.env.TZ = 'Asia/Hebron'; // UTC+2 in November
  try {
    const book = await openBook({ file: join(dir, 'book.sqlite') });
    const add = (id: string, at: string) =>
      sql`insert into outbox (id, status, to_json, cc_json, recipients, subject, note, body_text, body_html, language, file_name, pdf_file, pdf_sha256, pdf_bytes, message_id, credits, source_json, source_key, source_title, doc_type, party_id, created_at, updated_at)
        values (${id}, 'sent', '["a@x.ps"]', '[]', 1, 's', '', '', '', 'ar', 'f.pdf', 'f.pdf', '', 1, ${`<${id}@x>`}, 1, '{}', 'k', 't', 'sales_invoice', 'p1', ${at}, ${at})`.execute(
        book.db,
      );
    await add('late', '2026-11-26T21:30:00.000Z'); // 23:30 on the 26th in Nablus
    await add('early', '2026-11-26T22:30:00.000Z'); // 00:30 on the 27th in Nablus
    const day = (d: string) => ({ from: d, to: d, search: '' });
    expect((await summary(book.db, day('2026-11-27'))).perDay).toEqual([
      { day: '2026-11-27', sent: 1, bounced: 0, failed: 0 },
    ]);
    expect((await summary(book.db, day('2026-11-26'))).perDay).toEqual([
      { day: '2026-11-26', sent: 1, bounced: 0, failed: 0 },
    ]);
    expect((await summary(book.db, { from: '2026-11-26', to: '2026-11-27', search: '' })).totals.messages).toBe(2);
    await book.close();
  } finally {
    process.env.TZ = zone;
    if (zone === undefined) delete process.env.TZ;
  }
});

it.each([
  ['narrow', '9@x.ps', 'outbox_report_time'],
  ['broad', 'boss@', 'outbox_report_user'],
] as const)(
  'a %s search found once gives the same totals and page as reading the index in each query',
  async (_, search, index) => {
    const book = await openBook({ file: join(dir, 'book.sqlite') });
    // More "boss@" messages than a narrow search holds, one in three failed, and a few others.
    const insert = book.sqlite
      .prepare(`insert into outbox (id, status, to_json, cc_json, recipients, subject, note, body_text, body_html, language, file_name, pdf_file, pdf_sha256, pdf_bytes, message_id, credits, source_json, source_key, source_title, doc_type, party_id, created_at, updated_at)
      values (?, ?, ?, '[]', 1, 's', '', '', '', 'ar', 'f.pdf', 'f.pdf', '', 1, ?, 1, '{}', 'k', 't', 'sales_invoice', 'p1', ?, ?)`);
    book.sqlite.transaction(() => {
      for (let i = 0; i < BROAD_SEARCH * 1.25; i++) {
        const to = i % 10 === 9 ? `c${i}@x.ps` : `boss@c${i}.ps`;
        const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
        insert.run(`m${i}`, i % 3 ? 'sent' : 'failed', JSON.stringify([to]), `<m${i}@x>`, at, at);
      }
    })();
    book.sqlite.exec('analyze'); // as a book that has run "pragma optimize" has statistics
    const f = { ...year, search, status: 'failed' as const };
    const plain = { totals: (await summary(book.db, f)).totals, rows: await page(book.db, f, 50, 20) };
    const found = await withSearchHits(book.db, f, async (hits) => {
      // By user: a search with only days and status is counted from its matches' facts instead.
      const { sql: text, parameters } = summaryQuery(book.db, { ...year, search, userId: 'admin' }, hits).compile();
      const plan = book.sqlite.prepare(`explain query plan ${text}`).all(...(parameters as unknown[])) as {
        detail: string;
      }[];
      return {
        hits: hits?.count,
        plan: plan.map((p) => p.detail).join('\n'),
        totals: (await summary(book.db, f, hits)).totals,
        rows: await page(book.db, f, 50, 20, hits),
      };
    });
    expect(plain.totals.messages).toBeGreaterThan(20);
    expect(found.totals).toEqual(plain.totals);
    expect(found.rows).toEqual(plain.rows);
    if (search === 'boss@') {
      expect(found.hits).toBeGreaterThan(BROAD_SEARCH);
      // Broad: the filter's index is walked and each entry looked up among the matches.
      expect(found.plan).toContain(`USING COVERING INDEX ${index}`);
    } else {
      // Narrow: the planner may start from the matches or the index; either way the same rows.
      expect(found.hits).toBeLessThan(BROAD_SEARCH);
    }
    // The matches' table is gone once the report has them.
    const temp = book.sqlite.prepare("select name from temp.sqlite_master where name like 'report_hits_%'").all();
    expect(temp).toEqual([]);
    await book.close();
  },
);
