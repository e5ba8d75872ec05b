import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fillDemoBook } from '../demo/demo-data';
import { attachmentPath } from '../book/kept-files';
import { connectionOf, freshPostgres, type FreshDatabase } from '../../test-support/fresh-postgres';
import { testCore } from '../../test-support/test-core';
import { moveBookToOffice } from './move-to-office';
import { openOfficeBook } from './office-book';
import { openBook } from '../book/open-book';
import { type LocalBook } from '../book/book';

let dir: string;
let database: FreshDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-move-'));
  database = await freshPostgres('move');
});
afterEach(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const [M1, M2] = ['01KAB00000000000000000000M', '01KAB00000000000000000000N'];

/** A message with its kept PDF, as the outbox leaves one. */
function addMessage(book: LocalBook, id: string, partyId: string, status: string) {
  const pdf = Buffer.from(`%PDF-1.7 message ${id}`);
  mkdirSync(join(dir, 'outbox'), { recursive: true });
  writeFileSync(attachmentPath(dir, `${id}.pdf`), pdf);
  book.sqlite
    .prepare(
      `insert into outbox (id, status, to_json, cc_json, recipients, subject, note, body_text, body_html, language, file_name,
        pdf_file, pdf_sha256, pdf_bytes, message_id, credits, source_json, source_key, source_title, doc_type, party_id,
        created_by, created_at, updated_at)
      values (?, ?, '["a@x.ps"]', '[]', 1, 'فاتورة', '', '', '', 'ar', 'f.pdf', ?, ?, ?, ?, 1, '{}', 'k', 't',
        'sales_invoice', ?, 'admin', '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z')`,
    )
    .run(id, status, `${id}.pdf`, sha256(pdf), pdf.length, `<${id}@x>`, partyId);
  return pdf;
}

it('moves a book of 100,000 vouchers to an empty office database, checked, and leaves the file as it was', async () => {
  const file = join(dir, 'daftar.sqlite');
  const local = await openBook({ file });
  fillDemoBook(local, { vouchers: 100_000, customers: 500, suppliers: 80, employees: 20, seed: 7 });
  const partyId = (
    local.sqlite.prepare(`select id from parties where kind = 'customer' limit 1`).get() as { id: string }
  ).id;
  // Ids as the outbox gives them (ULIDs): a kept PDF is read only under the name Daftar gave it.
  const pdf = addMessage(local, M1, partyId, 'sent');
  addMessage(local, M2, partyId, 'failed');
  await local.close();
  const before = sha256(readFileSync(file));

  const source = await openBook({ file });
  const office = await openOfficeBook(connectionOf(database.url));
  const progress: string[] = [];
  const moved = await moveBookToOffice(source, office, dir, (p) => {
    if (p.done === p.total) progress.push(p.table);
  });
  await source.close();
  await office.close();
  expect(moved.rows.vouchers).toBe(100_000);
  expect(moved.rows.kept_files).toBe(2);
  expect(moved.balances).toBeGreaterThan(500);
  expect(progress).toContain('voucher_lines');
  // The file is the backup of the move: not a byte changed.
  expect(sha256(readFileSync(file))).toBe(before);

  // A desktop on the office book sees what this computer saw: a card's statement, the list, the PDF.
  const here = await testCore({ dataFolder: dir, bookFile: file });
  const there = await testCore({ office: connectionOf(database.url) });
  const statement = { partyId, from: '2024-01-01', to: '2026-12-31' };
  expect(await there.ok('statements.accountStatement', statement)).toEqual(
    await here.ok('statements.accountStatement', statement),
  );
  expect((await there.ok('vouchers.list', { type: 'sales_invoice' })).total).toBe(
    (await here.ok('vouchers.list', { type: 'sales_invoice' })).total,
  );
  const attachment = await there.ok('mailReport.attachment', { id: M1 });
  expect(Buffer.from(attachment.pdfBase64, 'base64')).toEqual(pdf);
  await here.core.close();
  await there.core.close();
}, 300_000);

it('refuses an office database that already holds a book, and changes nothing there', async () => {
  const local = await openBook({ file: join(dir, 'a.sqlite') });
  fillDemoBook(local, { vouchers: 20, customers: 5, seed: 1 });
  const office = await openOfficeBook(connectionOf(database.url));
  await moveBookToOffice(local, office, dir);
  const other = await openBook({ file: join(dir, 'b.sqlite') });
  fillDemoBook(other, { vouchers: 30, customers: 5, seed: 2 });
  await expect(moveBookToOffice(other, office, dir)).rejects.toMatchObject({
    details: { reason: 'office_not_empty', vouchers: 20 },
  });
  expect((await office.db.selectFrom('vouchers').select('id').execute()).length).toBe(20);
  await Promise.all([local.close(), other.close(), office.close()]);
});

it('keeps nothing on the server when the copy does not match (a row lost on the way)', async () => {
  const local = await openBook({ file: join(dir, 'a.sqlite') });
  fillDemoBook(local, { vouchers: 50, customers: 5, seed: 3 });
  const office = await openOfficeBook(connectionOf(database.url));
  // A fault on the server's side: one voucher line is silently dropped as it arrives.
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`create rule lose_one as on insert to voucher_lines where new.position = 2 do instead nothing`);
  await admin.end();
  await expect(moveBookToOffice(local, office, dir)).rejects.toMatchObject({
    details: {
      reason: 'move_mismatch',
      differences: [expect.stringMatching(/^voucher_lines: \d+ here, \d+ on the server$/)],
    },
  });
  for (const table of ['parties', 'vouchers', 'voucher_lines'] as const)
    expect(
      (
        await office.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .execute()
      )[0]!.n,
    ).toBe(0);
  await Promise.all([local.close(), office.close()]);
});

it('refuses to move a book with a table it does not know, rather than leave it behind', async () => {
  const local = await openBook({ file: join(dir, 'a.sqlite') });
  local.sqlite.exec('create table later_feature (id text primary key)');
  const office = await openOfficeBook(connectionOf(database.url));
  await expect(moveBookToOffice(local, office, dir)).rejects.toThrow(/later_feature/);
  await Promise.all([local.close(), office.close()]);
});
