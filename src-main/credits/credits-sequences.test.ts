import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestLicensing, type TestLicensing } from '../../test-support/licensing/test-server';
import { testCore, type TestCore } from '../../test-support/test-core';
import { reserveCredits, returnCredits } from './ledger';
import { payPacks } from '../../test-support/credits-sync';

let L: TestLicensing;
const cores: TestCore[] = [];
beforeEach(async () => {
  L = await startTestLicensing('sqlite');
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => {});
  await L.close();
});

describe('random buy / spend / sync / restart sequences', () => {
  it.each([1, 2, 3, 4, 5])(
    'seed %i: after a final sync the local balance is the server’s, and nothing is overspent',
    async (seed) => {
      let state = seed * 7919;
      const rand = () => (state = (state * 48271) % 2147483647) / 2147483647;
      let t = await testCore({
        onDisk: true,
        licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
      });
      const { sameBook } = t;
      const reservations: string[] = [];
      for (let step = 0; step < 25; step++) {
        const r = rand();
        if (r < 0.15) await payPacks(t, 1 + Math.floor(rand() * 2));
        else if (r < 0.55) {
          const answer = await reserveCredits(
            t.core.book,
            t.core.grants,
            1 + Math.floor(rand() * 4),
            `m${step}`,
            new Date(),
          ).catch((e: { code?: string }) => {
            expect(e.code).toBe('no_credit');
            return null;
          });
          if (answer) reservations.push(answer);
        } else if (r < 0.65 && reservations.length)
          await returnCredits(t.core.book, reservations[Math.floor(rand() * reservations.length)]!, new Date());
        else if (r < 0.85) await t.ok('credits.sync', {});
        else {
          await t.core.close(); // a restart: same book, same secrets
          const secrets = t.ports.secrets;
          t = await testCore({
            ...sameBook,
            bookFile: undefined,
            onDisk: true,
            licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
          });
          for (const [k, v] of secrets.values) await t.ports.secrets.set(k, v);
        }
      }
      const final = await t.ok('credits.sync', {});
      const device = await L.ctx.store.db.selectFrom('devices').select('id').executeTakeFirstOrThrow();
      const granted = Number(
        (
          await L.ctx.store.db
            .selectFrom('grants')
            .select((eb) => eb.fn.sum('amount').as('n'))
            .where('device_id', '=', device.id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
      const spent = Number(
        (
          await L.ctx.store.db
            .selectFrom('spends')
            .select((eb) => eb.fn.sum('amount').as('n'))
            .where('device_id', '=', device.id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
      expect(final.balance).toBe(granted - spent);
      expect(spent).toBeLessThanOrEqual(granted);
      expect(final.unsyncedSpends).toBe(0);
      cores.push(t);
    },
  );
});
