import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { test } from '../../../test-support/server-test';
import { reserveCredits, returnCredits } from '../../credits/ledger';
import { LicensingClient } from '../../credits/licensing-client';
import { ACCOUNT_KEY_KEY, DEVICE_TOKEN_KEY } from '../../credits/sync';
import { BOOK_FILE_NAME } from '../book-file';
import { testCore } from '../../../test-support/test-core';
import { openBook } from '../open-book';
import { migrations } from './index';

// Links as the version before made them: id, amount and time, no reason and nothing returned.
const linkV1 = (prev: string, seq: number, id: string, amount: number, createdAt: string) =>
  createHash('sha256')
    .update(JSON.stringify(['daftar-spend-v1', prev, seq, id, amount, createdAt]))
    .digest('hex');

// The licensing server is the file's (the licensing fixture); the book, an old one made here.
test('keeps the links a book made before: its refunds still count, and the server takes them with what follows', async ({
  licensing: L,
}) => {
  const dataFolder = mkdtempSync(join(tmpdir(), 'daftar-0024-'));
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0024'));
  const old = await openBook({ file: join(dataFolder, BOOK_FILE_NAME), migrations: before });
  // The desktop registered and got its trial back then.
  const client = new LicensingClient(L.server.url, 2000);
  const device = await client.register('A', 'B', 'install-0123456789abcdef');
  const [grant] = (await client.sync(device.deviceToken, [], 0)).grants;
  old.sqlite
    .prepare(`update licensing_state set server_url = ?, account_id = ?, device_id = ?, last_sync_at = ?`)
    .run(L.server.url, device.accountId, device.deviceId, grant!.createdAt);
  old.sqlite
    .prepare(
      `insert into credit_grants (id, account_id, device_id, amount, reason, seq, created_at, signature, received_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      grant!.id,
      grant!.accountId,
      grant!.deviceId,
      grant!.amount,
      grant!.reason,
      grant!.seq,
      grant!.createdAt,
      grant!.signature,
      grant!.createdAt,
    );
  const add = old.sqlite.prepare(
    `insert into credit_spends (id, amount, reason, ref, created_at, synced_at, chain_seq, chain_hash)
     values (?, ?, ?, ?, ?, null, ?, ?)`,
  );
  // A message of 2 that failed and gave its credits back, then a message of 1: none synced yet.
  let hash = '';
  const history: [string, number, 'message' | 'return', string][] = [
    ['m1', 2, 'message', 'outbox-1'],
    ['r1', -2, 'return', 'm1'],
    ['m2', 1, 'message', 'outbox-2'],
  ];
  for (const [i, [id, amount, reason, ref]] of history.entries()) {
    const at = `2026-11-0${i + 1}T00:00:00.000Z`;
    hash = linkV1(hash, i + 1, id, amount, at);
    add.run(id, amount, reason, ref, at, i + 1, hash);
  }
  await old.close();

  const t = await testCore({
    dataFolder,
    onDisk: true,
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
  });
  onTestFinished(() => t.close());
  await t.ports.secrets.set(DEVICE_TOKEN_KEY, device.deviceToken);
  await t.ports.secrets.set(ACCOUNT_KEY_KEY, device.accountKey);
  expect((await t.ok('credits.status', {})).balance).toBe(4);
  expect(await t.ok('credits.sync', {})).toMatchObject({ balance: 4, lastError: null, unsyncedSpends: 0 });
  const taken = await L.ctx.store.db.selectFrom('spends').select(['id', 'returns']).orderBy('seq').execute();
  expect(taken).toEqual([
    { id: 'm1', returns: null },
    { id: 'r1', returns: 'm1' },
    { id: 'm2', returns: null },
  ]);

  // New links follow on from the old ones, with their reason and what they return.
  const spend = await reserveCredits(t.core.book, t.core.grants, 3, 'outbox-3', new Date());
  await returnCredits(t.core.book, spend, new Date());
  const links = await t.core.book.db
    .selectFrom('credit_spends')
    .select(['id', 'chain_link'])
    .orderBy('chain_seq')
    .execute();
  expect(links.map((l) => Number(l.chain_link))).toEqual([1, 1, 1, 2, 2]);
  expect(await t.ok('credits.sync', {})).toMatchObject({ balance: 4, lastError: null, unsyncedSpends: 0 });
  const standing = await L.ctx.store.db.selectFrom('devices').select('standing').executeTakeFirstOrThrow();
  expect(standing.standing).toBe('ok');
});
