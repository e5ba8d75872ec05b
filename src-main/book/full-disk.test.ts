import { execFileSync } from 'node:child_process';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statfsSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { payCheckout } from '../../test-support/licensing/pay';
import { addParty, invoiceInput } from '../../test-support/fixtures';
import { test as serverTest } from '../../test-support/server-test';
import { testCore, type TestCore } from '../../test-support/test-core';
import { backupsDirOf, takeDailyBackup } from './backups';
import { migrate } from './migrate';
import { localBook, type LocalBook } from './book';

// A real small filesystem: a 24 MB tmpfs, mounted for this test (root only; skipped elsewhere, and said so).
const root = mkdtempSync(join(tmpdir(), 'daftar-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', root], { stdio: 'ignore' });
  mounted = true;
} catch {
  console.log('[full-disk test] skipped: mounting a tmpfs needs root (CI runs as root)');
}

const filler = join(root, 'filler.bin');

/**
 * A core with its data folder on the small filesystem, that prints, knows the licensing server, sends
 * to the test's SMTP server and has the trial's credits; closed (before the unmount) after its test.
 */
const test = serverTest.extend(
  'diskCore',
  async ({ printer, licensing: L, smtp }, { onCleanup }): Promise<TestCore> => {
    const dataFolder = join(root, 'data');
    mkdirSync(dataFolder);
    const t = await testCore({
      dataFolder,
      onDisk: true,
      printer,
      licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
    });
    onCleanup(() => t.close().catch(() => {}));
    await t.ok('mailbox.save', {
      displayName: 'Daftar',
      address: 'office@daftar.ps',
      replyTo: '',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      username: '',
      password: '',
    });
    await t.ok('credits.sync', {});
    return t;
  },
);

afterAll(() => {
  // Lazily: a test that failed part-way may leave a file open there, and the mount must not outlive the run.
  if (mounted) execFileSync('umount', ['-l', root]);
  rmSync(root, { recursive: true, force: true });
});

/** Fill the filesystem to the last byte, as a disk that ran out. */
function fill(): void {
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch {
    // ENOSPC: full. Then the last few bytes too.
    try {
      for (;;) writeSync(fd, block.subarray(0, 512));
    } catch {
      /* full */
    }
  } finally {
    closeSync(fd);
  }
}

test.runIf(mounted)(
  'on a full disk, saving, queuing, printing and syncing each fail with disk_full, leave nothing half-written, and work once space is freed',
  async ({ diskCore: t }) => {
    const dataFolder = t.dataFolder;
    const customer = await addParty(t, 'customer', 'شركة النور', { emails: 'a@alnoor.ps' });
    const first = await t.ok('vouchers.save', invoiceInput(customer.id, { number: 1 }));
    const vouchers = () => localBook(t.core.book).sqlite.prepare('select count(*) as n from vouchers').get();
    const files = (folder: string) =>
      existsSync(join(dataFolder, folder)) ? readdirSync(join(dataFolder, folder)) : [];
    const before = { vouchers: vouchers(), outbox: files('outbox').length };

    const order = await t.ok('credits.createOrder', { packs: 1, method: 'card' });
    fill();
    const saved = await t.fail('vouchers.save', invoiceInput(customer.id, { number: 2 }));
    expect(saved).toMatchObject({ code: 'conflict', details: { reason: 'disk_full' } });
    const queued = await t.fail('mail.send', {
      target: { kind: 'voucher', id: first.id },
      to: ['a@alnoor.ps'],
      subject: 'فاتورة',
    });
    expect(queued).toMatchObject({ details: { reason: 'disk_full' } });
    const printed = await t.fail('print.pdf', { target: { kind: 'voucher', id: first.id, language: 'ar' } });
    expect(printed).toMatchObject({ details: { reason: 'disk_full' } });
    // The CSV is written by the read worker: the full disk comes back as such.
    const csv = await t.fail('mailReport.csv', { filters: { from: '2000-01-01', to: '2100-12-31' } });
    expect(csv).toMatchObject({ details: { reason: 'disk_full' } });
    await payCheckout(order.checkoutUrl); // paid meanwhile: the grant arrives with a sync
    expect(await t.ok('credits.sync', {})).toMatchObject({ lastError: 'disk_full' });

    // Nothing half-written: no new voucher, no message, no stray PDF, the book whole.
    expect(vouchers()).toEqual(before.vouchers);
    expect(localBook(t.core.book).sqlite.prepare('select count(*) as n from outbox').get()).toEqual({ n: 0 });
    expect(files('outbox').length).toBe(before.outbox);
    expect(files('prints').filter((f) => !f.endsWith('.pdf'))).toEqual([]);
    expect(files('exports').filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(localBook(t.core.book).sqlite.pragma('quick_check', { simple: true })).toBe('ok');
    expect((await t.ok('credits.status', {})).balance).toBe(5);

    // Space again: each works.
    rmSync(filler);
    expect(existsSync(filler)).toBe(false);
    await t.ok('vouchers.save', invoiceInput(customer.id, { number: 2 }));
    await t.ok('print.pdf', { target: { kind: 'voucher', id: first.id, language: 'ar' } });
    await t.ok('mail.send', { target: { kind: 'voucher', id: first.id }, to: ['a@alnoor.ps'], subject: 'فاتورة' });
    expect(await t.ok('credits.sync', {})).toMatchObject({ lastError: null, balance: 1004 });
    expect(await t.ok('mailReport.csv', { filters: { from: '2000-01-01', to: '2100-12-31' } })).toMatchObject({
      rows: 1,
    });
  },
  120_000,
);

test.runIf(mounted)(
  'a migration that meets a full disk reports the full disk and leaves the book as it was',
  async () => {
    const file = join(root, 'migrating.sqlite');
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table kept (n integer)');
    sqlite.exec('insert into kept values (1)');
    expect(await migrate(sqlite, {})).toBeNull(); // the migrator's own tables, as in a book already in use
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    fill();
    // Room for the migrator's bookkeeping, not for the migration.
    truncateSync(filler, statSync(filler).size - 512 * 1024);
    try {
      const failed = await migrate(sqlite, {
        '0001-grow': {
          up: async (db: Kysely<unknown>) => {
            await sql`create table grown (blob blob)`.execute(db);
            await sql`insert into grown values (randomblob(4 * 1024 * 1024))`.execute(db);
          },
        },
      });
      expect(failed).toMatchObject({ migration: '0001-grow' });
      expect(failed?.error).toMatch(/disk is full/);
      expect(sqlite.prepare('select name from sqlite_master where name = ?').get('grown')).toBeUndefined();
      expect(sqlite.prepare('select n from kept').all()).toEqual([{ n: 1 }]);
    } finally {
      sqlite.close();
      rmSync(filler, { force: true });
    }
  },
);

test.runIf(mounted)(
  'no daily backup is taken when it would leave the disk nearly full; the book still works',
  async () => {
    const file = join(root, 'lowspace.sqlite');
    const sqlite = new SQLite(file);
    sqlite.exec('create table big (blob blob)');
    sqlite.exec('insert into big values (randomblob(3 * 1024 * 1024))');
    // Leave room for one copy of the book but no more: the copy would take the disk's last bytes.
    const free = statfsSync(root).bavail * statfsSync(root).bsize;
    const fd = openSync(filler, 'w');
    writeSync(fd, Buffer.alloc(free - statSync(file).size - 512 * 1024, 1));
    closeSync(fd);
    try {
      const taken = await takeDailyBackup(
        { kind: 'here', dialect: 'sqlite', file, sqlite } as LocalBook,
        new Date('2026-12-03T10:00:00'),
      );
      expect(taken).toBeNull();
      expect(existsSync(backupsDirOf(file)) ? readdirSync(backupsDirOf(file)) : []).toEqual([]);
      sqlite.exec('insert into big values (1)'); // the book still has its room
      rmSync(filler);
      expect(
        await takeDailyBackup(
          { kind: 'here', dialect: 'sqlite', file, sqlite } as LocalBook,
          new Date('2026-12-03T10:00:00'),
        ),
      ).toMatch(/daily-2026-12-03/);
    } finally {
      sqlite.close();
      rmSync(filler, { force: true });
    }
  },
);
