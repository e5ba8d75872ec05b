import { randomUUID, verify } from 'node:crypto';
import { expect, test as base } from 'vitest';
import { grantMessage, type SignedGrant } from '../../src-shared/licensing/grant';
import { CHAIN_START, spendLinkMessage } from '../../src-shared/licensing/spend-chain';
import { sha256 } from '../../src-licensing/keys';
import { SANDBOX_SIGNATURE_HEADER } from '../../src-licensing/providers/sandbox';
import { startTestLicensing, type TestLicensing } from './test-server';

// A desktop's calls to a test licensing server over HTTP, as the licensing server's tests make them.

/** How the test's licensing server is started: its backend, and payment providers beside the sandbox. */
export type LicensingServerOptions = Parameters<typeof startTestLicensing>;

/**
 * `test` with `wire`: a licensing server of the test's own, started as `licensingServer` says
 * (`test.override('licensingServer', ['postgres'])`; SQLite unless told) and closed after, and the
 * calls a desktop makes to it.
 */
export const test = base
  .extend('licensingServer', ['sqlite'] as LicensingServerOptions)
  .extend('wire', async ({ licensingServer }, { onCleanup }) => {
    const L = await startTestLicensing(...licensingServer);
    onCleanup(() => L.close());
    return wireClient(L);
  });

/** The calls to `L` a desktop makes, and what the tests read of it. */
export function wireClient(L: TestLicensing) {
  const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
    const res = await fetch(`${L.server.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    // The server's JSON, read loosely: each test asserts the fields it cares about.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (await res.json()) as any };
  };
  const register = async (companyName = 'شركة دفتر', deviceName = 'المحاسبة') =>
    (await api('/v1/register', { body: { companyName, deviceName, installId: `install-${randomUUID()}` } })).body;
  const syncDevice = async (token: string, spends: unknown[] = [], sinceSeq = 0) =>
    api('/v1/sync', { token, body: { spends, sinceSeq } });
  const validGrant = (g: SignedGrant) =>
    verify(null, Buffer.from(grantMessage(g)), L.publicKeyPem, Buffer.from(g.signature, 'base64'));
  const now = () => Math.floor(L.clock.now.getTime() / 1000);

  async function payOrder(token: string, packs: number) {
    const { body } = await api('/v1/orders', { token, body: { packs, method: 'card' } });
    const page = await fetch(body.checkoutUrl);
    expect(await page.text()).toContain(`Total: ${(packs * 10).toFixed(2)} USD`);
    const checkoutToken = new URL(body.checkoutUrl).searchParams.get('token')!;
    const paid = await fetch(`${L.server.url}/sandbox/checkout/${body.order.id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${checkoutToken}`,
    });
    expect(await paid.text()).toContain('Payment received');
    return body.order.id as string;
  }

  const sandboxWebhook = (body: string, signature: string) =>
    fetch(`${L.server.url}/webhooks/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
      body,
    });
  return { L, api, register, syncDevice, validGrant, now, payOrder, sandboxWebhook };
}

/** Spends as a desktop of the version before sends them: chained, each with the hash of the one before. */
export const chain = (
  spends: { id: string; amount: number; createdAt: string }[],
  from = { seq: 0, hash: CHAIN_START },
) => {
  let { seq, hash } = from;
  return spends.map((s) => {
    const link = { ...s, seq: ++seq, prevHash: hash };
    hash = sha256(spendLinkMessage(hash, { ...link, reason: 'message', returns: null, link: 1 }));
    return link;
  });
};
