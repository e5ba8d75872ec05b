import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openBook } from '../book/open-book';
import * as repo from './outbox.repo';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-window-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('counts the sending windows from the sent-window index alone, not the outbox rows (asked before every message)', async () => {
  const book = await openBook({ file: join(dir, 'book.sqlite') });
  const since = '2026-12-01T00:00:00.000Z';
  for (const query of [repo.sentSinceQuery(book.db, since), repo.sentTimesQuery(book.db, since)]) {
    const { sql: text, parameters } = query.compile();
    const plan = book.sqlite.prepare(`explain query plan ${text}`).all(...(parameters as unknown[])) as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING COVERING INDEX outbox_sent_window/);
  }
  // The repo's own queries give the same answers an index gives.
  expect(await repo.sentSince(book.db, since)).toEqual({ messages: 0, recipients: 0 });
  await book.close();
});
