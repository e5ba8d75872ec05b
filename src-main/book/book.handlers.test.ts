import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { addParty } from '../../test-support/fixtures';
import { testCore, type TestCore } from '../../test-support/test-core';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => {});
});

it('keeps the data folder and the book to their owner, backs up daily, and restores a chosen backup on restart', async () => {
  let restarts = 0;
  const t = await testCore({ onDisk: true, backups: { auto: true }, restart: () => restarts++ });
  cores.push(t);
  expect(statSync(t.dataFolder).mode & 0o777).toBe(0o700);
  expect(statSync(join(t.dataFolder, 'daftar.sqlite')).mode & 0o777).toBe(0o600);
  // The day's backup is taken at start, of the book as it was: empty.
  let backups = (await t.ok('book.backups', {})).backups;
  for (let i = 0; i < 100 && backups.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
    backups = (await t.ok('book.backups', {})).backups;
  }
  expect(backups).toMatchObject([{ kind: 'daily', name: 'daily-2026-11-27.sqlite' }]);
  expect(statSync(join(t.dataFolder, 'backups', backups[0]!.name)).mode & 0o777).toBe(0o600);
  await addParty(t, 'customer', 'بعد النسخة');

  expect(await t.fail('book.restore', { name: '../daftar.sqlite' })).toMatchObject({ code: 'not_found' });
  expect(await t.ok('book.restore', { name: backups[0]!.name })).toEqual({ restarting: true });
  await new Promise((r) => setTimeout(r, 100));
  expect(restarts).toBe(1);
  await t.core.close();

  const again = await testCore({ dataFolder: t.dataFolder, onDisk: true });
  cores.push(again);
  expect((await again.ok('parties.list', { kind: 'customer' })).total).toBe(0);
  expect(await again.ok('app.info', {})).toMatchObject({ restoredFrom: 'daily-2026-11-27.sqlite' });
  expect((await again.ok('book.backups', {})).backups.map((b) => b.kind).sort()).toEqual(['before-restore', 'daily']);
});

it('leaves a shared folder given as the data folder (sticky, like /tmp) as it is', async () => {
  const shared = mkdtempSync(join(tmpdir(), 'daftar-shared-'));
  chmodSync(shared, 0o1777);
  const t = await testCore({ dataFolder: shared, onDisk: true });
  cores.push(t);
  expect(statSync(shared).mode & 0o7777).toBe(0o1777);
  expect(statSync(join(shared, 'daftar.sqlite')).mode & 0o777).toBe(0o600);
});
