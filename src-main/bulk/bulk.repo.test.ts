import { expect, it } from 'vitest';
import { bulkInput } from '../../test-support/fixtures';
import { fillTestBook } from '../../test-support/filled-book';
import { testCore } from '../../test-support/test-core';
import { prepareChunk } from './bulk.repo';

it('lists a large bulk a few hundred documents at a time, in sending order, each once', async () => {
  const t = await testCore();
  await fillTestBook(t, { vouchers: 1400, seed: 11, until: new Date('2026-11-27') });
  const db = t.core.book.db;
  await db
    .insertInto('bulk_sends')
    .values({
      id: 'B',
      number: 1,
      options_json: '{}',
      status: 'running',
      prepared: 0,
      created_by: '',
      created_at: 'now',
      updated_at: 'now',
    })
    .execute();
  const o = bulkInput({ type: undefined, range: { by: 'date', from: '2000-01-01', to: '2100-01-01' } });
  let chunks = 0;
  while (await prepareChunk(db, 'B', o)) chunks++;
  expect(chunks).toBe(2); // 500 + 500 + the rest

  const expected = await db
    .selectFrom('vouchers')
    .select('id')
    .where('status', '<>', 'cancelled')
    .orderBy('date')
    .orderBy('type')
    .orderBy('number')
    .execute();
  const listed = await db
    .selectFrom('bulk_items')
    .select(['position', 'voucher_id as id'])
    .where('bulk_id', '=', 'B')
    .orderBy('position')
    .execute();
  expect(listed.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  expect(listed.map((r) => r.position)).toEqual(listed.map((_, i) => i + 1));
  expect(await prepareChunk(db, 'B', o)).toBe(false); // nothing more, nothing twice
  await t.close();
});
