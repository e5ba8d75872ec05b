import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as m0012 from '../book/migrations/0012-mail-report-search';
import * as m0021 from '../book/migrations/0021-mail-report-search-facts';
import * as m0022 from '../book/migrations/0022-mail-report-search-values';
import { openBook } from '../book/open-book';
import { type LocalBook } from '../book/book';
import {
  POSTGRES_SEARCHED,
  SEARCH_FACT_HOUR,
  SEARCH_FACT_STATES,
  SEARCH_KEY_PREFIX,
  SEARCH_TEXT_DIGITS,
} from './search-constants';

// The runtime reads the search tables with its own constants; the triggers were written by the
// migrations with theirs. These tests fail when the two say different things.

let book: LocalBook;
beforeEach(async () => {
  book = await openBook({ file: ':memory:' });
});
afterEach(() => book.close());

const CREATED = '2026-03-02T10:15:00.250Z';
/** Every decimal digit of the three systems, spelled out here so a digit missing from SEARCH_TEXT_DIGITS shows. */
const EVERY_DIGIT = [0x30, 0x660, 0x6f0].flatMap((zero) =>
  [...Array(10).keys()].map((d) => String.fromCharCode(zero + d)),
);
const SUBJECT = `فاتورة ${EVERY_DIGIT.join('')} رقم 7`;

/** One message in each of the facts' states (a bounced one is sent with a bounced recipient). */
function queueOnePerState() {
  const insert = book.sqlite.prepare(`insert into outbox (id, status, bounced, to_json, cc_json, recipients, subject,
    note, body_text, body_html, language, file_name, pdf_file, pdf_sha256, pdf_bytes, message_id, credits,
    source_json, source_key, source_title, doc_type, party_id, created_by, created_at, updated_at)
    values (?, ?, ?, '["a@x.ps"]', '[]', 1, ?, '', '', '', 'ar', 'f.pdf', 'f.pdf', '', 1, ?, 1, '{}', 'k', 't',
      'statement', 'p7', 'u7', ?, ?)`);
  for (const state of SEARCH_FACT_STATES)
    insert.run(
      state,
      state === 'bounced' ? 'sent' : state,
      state === 'bounced' ? 1 : 0,
      SUBJECT,
      `<${state}@x>`,
      CREATED,
      CREATED,
    );
}

it("numbers each state as the facts' triggers do, and keys the hours by SEARCH_FACT_HOUR", () => {
  queueOnePerState();
  const facts = book.sqlite
    .prepare(`select o.id, f.state, f.at from outbox o join outbox_search_facts f on f.rid = o.rowid order by f.rid`)
    .all() as { id: string; state: number; at: number }[];
  expect(facts.map((f) => [f.id, f.state])).toEqual(SEARCH_FACT_STATES.map((state, code) => [state, code]));
  expect(facts[0]!.at).toBe(Date.parse(CREATED));
  const hours = book.sqlite.prepare(`select hour from outbox_search_hours`).pluck().all();
  expect(hours).toEqual([Math.floor(Date.parse(CREATED) / SEARCH_FACT_HOUR)]);
});

it('keeps texts with exactly SEARCH_TEXT_DIGITS written as 0, and keys with SEARCH_KEY_PREFIX', () => {
  queueOnePerState();
  const texts = book.sqlite.prepare(`select value from outbox_search_texts`).pluck().all();
  const zeroed = [...SUBJECT].map((c) => (SEARCH_TEXT_DIGITS.includes(c) ? '0' : c)).join('');
  expect(texts).toContain(zeroed);
  expect(texts).not.toContain(SUBJECT);
  const keys = book.sqlite.prepare(`select value from outbox_search_keys order by value`).pluck().all();
  expect(keys).toEqual(
    [`${SEARCH_KEY_PREFIX.partyId}p7`, `${SEARCH_KEY_PREFIX.docType}statement`, `${SEARCH_KEY_PREFIX.userId}u7`].sort(),
  );
});

it("equals the migrations' own copies, PostgreSQL's searched expression included", () => {
  const compiled = (expression: typeof POSTGRES_SEARCHED) => sql`${expression}`.compile(book.db).sql;
  expect(compiled(POSTGRES_SEARCHED)).toBe(compiled(m0012.POSTGRES_SEARCHED));
  expect(SEARCH_FACT_STATES).toEqual(m0021.SEARCH_FACT_STATES);
  expect(SEARCH_FACT_HOUR).toBe(m0021.SEARCH_FACT_HOUR);
  expect(SEARCH_TEXT_DIGITS).toBe(m0022.SEARCH_TEXT_DIGITS);
  expect(SEARCH_KEY_PREFIX).toEqual(m0022.SEARCH_KEY_PREFIX);
});
