import { expect } from 'vitest';
import { silentLogger } from '../src-main/log';
import type { LicensingConfig } from '../src-main/credits/sync';
import { payCheckout } from './licensing/pay';
import { test as serverTest } from './server-test';
import { testCore, type TestCore } from './test-core';

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

/** A desktop that knows a licensing server (the test's own unless told), with a short timeout: the tests of an away server wait on it. */
export type AppCore = (url?: string, publicKeyPem?: string, over?: Parameters<typeof testCore>[0]) => Promise<TestCore>;

/** `test` with `appCore`, desktops on the test's licensing server (freshLicensing), closed after the test. */
export const test = serverTest.extend('appCore', async ({ freshLicensing: L }, { onCleanup }): Promise<AppCore> => {
  const cores: TestCore[] = [];
  onCleanup(async () => {
    for (const c of cores) await c.close().catch(() => {});
  });
  return async (url = L.server.url, publicKeyPem = L.publicKeyPem, over = {}) => {
    const t = await testCore({ licensing: { url, publicKeyPem, timeoutMs: 800 }, ...over });
    cores.push(t);
    return t;
  };
});
