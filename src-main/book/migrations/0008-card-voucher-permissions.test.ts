import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openBook } from '../open-book';
import { migrations } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-0008-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps editing cards and vouchers for every user a book had before they were permissions', async () => {
  const file = join(dir, 'book.sqlite');
  // The book as it was before this migration: every earlier one, none after.
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0008'));
  const old = await openBook({ file, migrations: before });
  const now = new Date().toISOString();
  await old.db
    .insertInto('users')
    .values({
      id: 'u1',
      name: 'سامي',
      password_hash: null,
      permissions_json: JSON.stringify(['send_email']),
      is_admin: 0,
      failed_attempts: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await old.close();

  const book = await openBook({ file });
  const rows = await book.db.selectFrom('users').select(['id', 'permissions_json']).orderBy('id').execute();
  const held = Object.fromEntries(rows.map((r) => [r.id, JSON.parse(r.permissions_json) as string[]]));
  expect(held.u1).toEqual(['edit_cards', 'edit_vouchers', 'send_email']);
  expect(held.admin).toEqual(expect.arrayContaining(['edit_cards', 'edit_vouchers', 'manage_users']));
  await book.close();
});
