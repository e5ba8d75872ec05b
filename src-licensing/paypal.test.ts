import { createSign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { paypalProvider } from './providers/paypal';
import { startTestLicensing, type TestLicensing } from '../test-support/licensing/test-server';

// PayPal's documented webhook signature, reproduced with a test certificate.
const KEY = readFileSync(new URL('../test-support/licensing/paypal/signer.key', import.meta.url), 'utf8');
const fixture = (name: string) =>
  readFileSync(new URL(`../test-support/licensing/paypal/${name}`, import.meta.url), 'utf8');
/** Issued to messageverificationcerts.paypal.com by the test CA, which the tests trust besides Node's roots. */
const CERT = fixture('signer.pem');
const TEST_CA = fixture('ca.pem');
const CERT_URL = 'https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-test';
const WEBHOOK_ID = 'WH-TEST-1';

let L: TestLicensing;
afterEach(() => L?.close());

/** The PayPal provider as configured for PayPal's sandbox, talking to the given stand-in for its API. */
const testProvider = (fetch: typeof globalThis.fetch) =>
  paypalProvider({
    trustedCertificates: [TEST_CA],
    clientId: 'c',
    clientSecret: 's',
    webhookId: WEBHOOK_ID,
    apiBase: 'https://api-m.sandbox.paypal.com',
    returnUrl: 'http://x/paid',
    cancelUrl: 'http://x/cancelled',
    fetch,
  });

function signed(body: string, over: Record<string, string> = {}, when = new Date()) {
  const transmissionId = `tx-${Math.random()}`;
  const time = when.toISOString();
  const signer = createSign('RSA-SHA256');
  signer.update(`${transmissionId}|${time}|${WEBHOOK_ID}|${crc32(Buffer.from(body)) >>> 0}`);
  return {
    'paypal-transmission-id': transmissionId,
    'paypal-transmission-time': time,
    'paypal-cert-url': CERT_URL,
    'paypal-auth-algo': 'SHA256withRSA',
    'paypal-transmission-sig': signer.sign(KEY, 'base64'),
    ...over,
  };
}

it('PayPal: checkout link, capture on approval, credit on capture completed; forged or stale webhooks credit nothing', async () => {
  const calls: string[] = [];
  // No network here: a stand-in for PayPal's REST API answering as its docs say.
  const fakePayPal: typeof fetch = async (input, init) => {
    const url = String(input);
    calls.push(`${init?.method ?? 'GET'} ${url.replace(/^https:\/\/[^/]+/, '')}`);
    if (url === CERT_URL) return new Response(CERT);
    if (url.endsWith('/v1/oauth2/token')) return new Response(JSON.stringify({ access_token: 'A21-test' }));
    if (url.endsWith('/v2/checkout/orders')) {
      const body = JSON.parse(String(init?.body));
      expect(body.purchase_units[0].amount).toEqual({ currency_code: 'USD', value: '20.00' });
      return new Response(
        JSON.stringify({
          id: '5O190127TN364715T',
          links: [{ rel: 'payer-action', href: 'https://www.paypal.com/checkoutnow?token=5O190127TN364715T' }],
        }),
      );
    }
    if (url.endsWith('/capture')) return new Response(JSON.stringify({ status: 'COMPLETED' }), { status: 201 });
    return new Response('{}', { status: 404 });
  };
  L = await startTestLicensing('sqlite', [testProvider(fakePayPal)]);
  const api = (path: string, body: unknown, token?: string) =>
    fetch(`${L.server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const reg = (await api('/v1/register', { companyName: 'A', deviceName: 'B', installId: 'install-paypal-test' })).body;
  const order = (await api('/v1/orders', { packs: 2, method: 'paypal' }, reg.deviceToken)).body;
  expect(order.checkoutUrl).toBe('https://www.paypal.com/checkoutnow?token=5O190127TN364715T');

  const hook = (body: string, headers: Record<string, string>) =>
    fetch(`${L.server.url}/webhooks/paypal`, { method: 'POST', headers, body }).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
  const approved = JSON.stringify({
    id: 'WH-1',
    event_type: 'CHECKOUT.ORDER.APPROVED',
    resource: { id: '5O190127TN364715T', purchase_units: [{ custom_id: order.order.id }] },
  });
  expect((await hook(approved, signed(approved))).status).toBe(200);
  expect(calls).toContain('POST /v2/checkout/orders/5O190127TN364715T/capture');

  const capture = (id: string, value: string) =>
    JSON.stringify({
      id,
      event_type: 'PAYMENT.CAPTURE.COMPLETED',
      resource: { id: '3C679366HH908993F', custom_id: order.order.id, amount: { currency_code: 'USD', value } },
    });
  const completed = capture('WH-2', '20.00');
  // A capture of less than the order's price credits nothing.
  const cheap = capture('WH-3', '0.20');
  expect((await hook(cheap, signed(cheap))).body).toMatchObject({ outcome: 'amount_mismatch' });
  expect((await hook(completed.replace('WH-2', 'WH-X'), signed(completed))).body).toMatchObject({
    code: 'bad_signature',
    reason: 'mismatch',
  });
  expect((await hook(completed, signed(completed, {}, new Date(Date.now() - 3_600_000)))).body.reason).toBe('stale');
  expect(
    (await hook(completed, signed(completed, { 'paypal-cert-url': 'https://evil.example/cert.pem' }))).body.reason,
  ).toBe('untrusted_certificate');
  let sync = (await api('/v1/sync', {}, reg.deviceToken)).body;
  expect(sync.accountBalance).toBe(5);

  expect((await hook(completed, signed(completed))).body).toMatchObject({ outcome: 'applied' });
  expect((await hook(completed, signed(completed))).body).toMatchObject({ outcome: 'duplicate' });
  sync = (await api('/v1/sync', {}, reg.deviceToken)).body;
  expect(sync.accountBalance).toBe(2005);
});

it('PayPal: keeps at most a few certificates in memory, however many URLs webhooks name', async () => {
  const fetched: string[] = [];
  const provider = testProvider(async (input) => {
    fetched.push(String(input));
    return new Response(CERT);
  });
  const body = JSON.stringify({ id: 'WH-C', event_type: 'PAYMENT.SALE.COMPLETED', resource: { id: 'x' } });
  const urls = Array.from({ length: 200 }, (_, i) => `${CERT_URL}-${i}`);
  for (const url of urls) {
    const result = await provider.parseWebhook(body, signed(body, { 'paypal-cert-url': url }), Date.now() / 1000);
    expect(result.ok).toBe(true);
  }
  // The first certificate was let go to make room: naming it again fetches it again.
  await provider.parseWebhook(body, signed(body, { 'paypal-cert-url': urls[0]! }), Date.now() / 1000);
  expect(fetched.filter((u) => u === urls[0])).toHaveLength(2);
  // The last one is still kept.
  await provider.parseWebhook(body, signed(body, { 'paypal-cert-url': urls[199]! }), Date.now() / 1000);
  expect(fetched.filter((u) => u === urls[199])).toHaveLength(1);
});

/**
 * A stand-in for fetch over the Internet where PayPal's certificate URL answers with a redirect:
 * followed unless the caller says `redirect: 'error'` or `'manual'`, as fetch does.
 */
function redirectingFetch(from: string, to: string, pems: Record<string, string>, fetched: string[]): typeof fetch {
  return async (input, init) => {
    let url = String(input);
    if (url === from) {
      if (init?.redirect === 'error') throw new TypeError('fetch failed: unexpected redirect');
      if (init?.redirect === 'manual') return new Response(null, { status: 302, headers: { location: to } });
      url = to;
    }
    fetched.push(url);
    return pems[url] ? new Response(pems[url]) : new Response('', { status: 404 });
  };
}

it('PayPal: refuses a certificate URL that redirects to another host, never fetching from there', async () => {
  const fetched: string[] = [];
  const evil = 'https://evil.example/cert.pem';
  const provider = testProvider(redirectingFetch(CERT_URL, evil, { [evil]: fixture('self-signed.pem') }, fetched));
  const body = JSON.stringify({ id: 'WH-R', event_type: 'PAYMENT.SALE.COMPLETED', resource: { id: 'x' } });
  const result = await provider.parseWebhook(body, signed(body), Date.now() / 1000);
  expect(result).toEqual({ ok: false, reason: 'untrusted_certificate' });
  expect(fetched).not.toContain(evil);
});

it('PayPal: refuses a self-signed certificate in PayPal’s name, one issued to another name, and one expired', async () => {
  const urls = {
    selfSigned: `${CERT_URL}-self-signed`,
    wrongSubject: `${CERT_URL}-wrong-subject`,
    good: CERT_URL,
  };
  const provider = testProvider(
    redirectingFetch(
      '-',
      '-',
      {
        [urls.selfSigned]: fixture('self-signed.pem'),
        [urls.wrongSubject]: fixture('wrong-subject.pem'),
        [urls.good]: CERT,
      },
      [],
    ),
  );
  const body = JSON.stringify({ id: 'WH-S', event_type: 'PAYMENT.SALE.COMPLETED', resource: { id: 'x' } });
  const check = (url: string, when = new Date()) =>
    provider.parseWebhook(body, signed(body, { 'paypal-cert-url': url }, when), when.getTime() / 1000);
  // The same key signs all three: only the certificate tells them apart.
  expect.soft(await check(urls.selfSigned)).toEqual({ ok: false, reason: 'untrusted_certificate' });
  expect.soft(await check(urls.wrongSubject)).toEqual({ ok: false, reason: 'untrusted_certificate' });
  expect.soft(await check(urls.good)).toEqual({ ok: true, event: null });
  // The day after the certificate ends (it is already kept from the call above), it is refused.
  const ended = new Date(new X509Certificate(CERT).validTo);
  expect.soft(await check(urls.good, new Date(ended.getTime() + 86_400_000))).toEqual({
    ok: false,
    reason: 'untrusted_certificate',
  });
  // And before it began.
  const began = new Date(new X509Certificate(CERT).validFrom);
  expect.soft(await check(urls.good, new Date(began.getTime() - 86_400_000))).toEqual({
    ok: false,
    reason: 'untrusted_certificate',
  });
});
