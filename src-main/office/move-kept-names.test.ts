import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { fillDemoBook } from '../demo/demo-data';
import { connectionOf } from '../../test-support/fresh-postgres';
import { test } from '../../test-support/server-test';
import { moveBookToOffice } from './move-to-office';
import { openOfficeBook } from './office-book';
import { openBook } from '../book/open-book';

// Issue 37: moving a book to the office server copies each message's kept PDF into the book, where
// every desktop of the office can read it. A row of the file book (a book handed over, a backup
// restored) whose pdf_file climbs out of outbox/ must not carry this computer's secrets there.
// The office database is the test's (officeDatabase); the book file is in a folder of the test's own.
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-move-names-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('copies no file outside outbox/ to the office server, whatever a message row names', async ({
  officeDatabase: database,
}) => {
  const marker = randomBytes(12).toString('hex');
  const secrets = Buffer.from(`{"smtp.password":"secret-${marker}"}`);
  writeFileSync(join(dir, 'secrets.json'), secrets);
  const local = await openBook({ file: join(dir, 'daftar.sqlite') });
  fillDemoBook(local, { vouchers: 5, customers: 2, seed: 9 });
  const partyId = (local.sqlite.prepare(`select id from parties limit 1`).get() as { id: string }).id;
  local.sqlite
    .prepare(
      `insert into outbox (id, status, to_json, cc_json, recipients, subject, note, body_text, body_html, language, file_name,
        pdf_file, pdf_sha256, pdf_bytes, message_id, credits, source_json, source_key, source_title, doc_type, party_id,
        created_by, created_at, updated_at)
      values ('01KAB0000000000000000000AA', 'sent', '["a@x.ps"]', '[]', 1, 'فاتورة', '', '', '', 'ar', 'f.pdf',
        '../secrets.json', ?, ?, '<m@x>', 1, '{}', 'k', 't', 'sales_invoice', ?, 'admin',
        '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z')`,
    )
    .run(createHash('sha256').update(secrets).digest('hex'), secrets.length, partyId);

  const office = await openOfficeBook(connectionOf(database.url));
  const moved = await moveBookToOffice(local, office, dir);
  const kept = await office.db.selectFrom('kept_files').select('bytes').execute();
  await local.close();
  await office.close();

  expect(moved.rows.kept_files).toBe(0);
  expect(kept.map((k) => Buffer.from(k.bytes).toString('latin1')).join('\n')).not.toContain(marker);
  expect(readFileSync(join(dir, 'secrets.json'))).toEqual(secrets);
}, 120_000);
