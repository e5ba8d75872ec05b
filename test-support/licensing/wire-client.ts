import { randomUUID, verify } from 'node:crypto';
import { afterEach, expect } from 'vitest';
import { grantMessage, type SignedGrant } from '../../src-shared/licensing/grant';
import { CHAIN_START, spendLinkMessage } from '../../src-shared/licensing/spend-chain';
import { sha256 } from '../../src-licensing/keys';
import { SANDBOX_SIGNATURE_HEADER } from '../../src-licensing/providers/sandbox';
import { startTestLicensing, type TestLicensing } from './test-server';

// A desktop's calls to a test licensing server over HTTP, as the licensing server's tests make them.

/** The test's licensing server, once it started one with `useLicensing`. */
export let L: TestLicensing;
/** Starts the test's licensing server (closed after the test by `closeLicensingAfterEach`). */
export const useLicensing = async (...args: Parameters<typeof startTestLicensing>) =>
  (L = await startTestLicensing(...args));
export const closeLicensingAfterEach = () => afterEach(() => L?.close());

export const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
  const res = await fetch(`${L.server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  // The server's JSON, read loosely: each test asserts the fields it cares about.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
};
export const register = async (companyName = 'شركة دفتر', deviceName = 'المحاسبة') =>
  (await api('/v1/register', { body: { companyName, deviceName, installId: `install-${randomUUID()}` } })).body;
export const syncDevice = async (token: string, spends: unknown[] = [], sinceSeq = 0) =>
  api('/v1/sync', { token, body: { spends, sinceSeq } });
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
export const validGrant = (g: SignedGrant) =>
  verify(null, Buffer.from(grantMessage(g)), L.publicKeyPem, Buffer.from(g.signature, 'base64'));
export const now = () => Math.floor(L.clock.now.getTime() / 1000);

export async function payOrder(token: string, packs: number) {
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

export const sandboxWebhook = (body: string, signature: string) =>
  fetch(`${L.server.url}/webhooks/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
    body,
  });
