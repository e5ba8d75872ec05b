import SQLite from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { WalFlusher } from './wal-flusher';

let dir: string;
let sqlite: SQLite.Database;
let flusher: WalFlusher;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-wal-'));
  const file = join(dir, 'book.sqlite');
  sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table t (x integer)');
  flusher = new WalFlusher(sqlite, `${file}-wal`);
});
afterEach(async () => {
  await flusher.close();
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = () => sqlite.prepare('insert into t values (1)').run();

it('flushes the -wal file once per change, and not when nothing changed since', async () => {
  insert();
  await flusher.flush();
  expect(flusher.flushes).toBe(1);
  await flusher.flush();
  expect(flusher.flushes).toBe(1);
  insert();
  await flusher.flush();
  expect(flusher.flushes).toBe(2);
});

it('lets callers waiting at once share one flush, and flushes again for a commit made while one ran', async () => {
  insert();
  const first = flusher.flush();
  insert(); // committed after the first flush began: it cannot count on it
  await Promise.all([first, flusher.flush(), flusher.flush()]);
  expect(flusher.flushes).toBe(2);
});

it('does not count rows of a transaction still open as flushed', async () => {
  insert();
  sqlite.exec('begin');
  insert();
  await flusher.flush(); // flushes the commit before; the open transaction is not on disk
  sqlite.exec('commit');
  await flusher.flush();
  expect(flusher.flushes).toBe(2);
});

it('has nothing to wait for when no -wal file exists', async () => {
  const none = new WalFlusher(sqlite, join(dir, 'never-written.sqlite-wal'));
  insert();
  await none.flush();
  expect(none.flushes).toBe(0);
  await none.close();
});
