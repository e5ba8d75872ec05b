import { expect } from 'vitest';
import { silentLogger } from '../src-main/log';
import type { LicensingConfig } from '../src-main/credits/sync';
import { payCheckout } from './licensing/pay';
import type { TestCore } from './test-core';

/** A licensing sync of its own on a test desktop's book and secrets, set up as a test needs. */
export async function syncOf(t: TestCore, config: LicensingConfig) {
  const { LicensingSync } = await import('../src-main/credits/sync');
  return new LicensingSync(
    {
      book: t.core.book,
      ports: { ...t.ports, secrets: t.core.secrets },
      events: { emit() {} },
      log: silentLogger,
      grants: t.core.grants,
    } as never,
    config,
  );
}

export const payPacks = async (t: TestCore, packs: number) => {
  const { checkoutUrl } = await t.ok('credits.createOrder', { packs, method: 'card' });
  expect((await payCheckout(checkoutUrl)).status).toBe(200);
};
