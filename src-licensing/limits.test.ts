import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, startTestLicensing, type TestLicensing } from '../test-support/licensing/test-server';

let L: TestLicensing;
afterEach(() => L?.close());

const call = async (path: string, body?: unknown, token?: string) => {
  const res = await fetch(`${L.server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
};
const register = (installId?: string) =>
  call('/v1/register', { companyName: 'A', deviceName: 'B', ...(installId ? { installId } : {}) });

describe.each(BACKENDS)('the trial and rate limits on %s', (backend) => {
  it('gives the trial once per install: registering again from the same install brings no free messages', async () => {
    L = await startTestLicensing(backend);
    const first = (await register('install-0123456789abcdef')).body;
    const again = (await register('install-0123456789abcdef')).body;
    const other = (await register('install-fedcba9876543210')).body;
    const balance = async (token: string) => (await call('/v1/sync', { spends: [] }, token)).body.accountBalance;
    expect(await balance(first.deviceToken)).toBe(5);
    expect(await balance(again.deviceToken)).toBe(0);
    expect(await balance(other.deviceToken)).toBe(5);
  });

  it('answers 429 with Retry-After past the limits, per address and per account, and lets through after', async () => {
    L = await startTestLicensing(backend, [], {
      register: { perAddress: 3, windowSeconds: 3600 },
      join: { perAddress: 3, windowSeconds: 3600 },
      orders: { perAddress: 100, perAccount: 2, windowSeconds: 600 },
      sync: { perAddress: 100, perAccount: 3, windowSeconds: 60 },
    });
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await register(`install-${i}-0123456789`));
    expect(made.map((r) => r.status)).toEqual([201, 201, 201]);
    const refused = await register('install-9-0123456789');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(3600);

    const token = made[0]!.body.deviceToken;
    const order = () => call('/v1/orders', { packs: 1, method: 'card' }, token);
    expect([(await order()).status, (await order()).status, (await order()).status]).toEqual([201, 201, 429]);
    // Another account at the same address still orders.
    expect((await call('/v1/orders', { packs: 1, method: 'card' }, made[1]!.body.deviceToken)).status).toBe(201);

    const sync = () => call('/v1/sync', { spends: [] }, token);
    for (let i = 0; i < 3; i++) expect((await sync()).status).toBe(200);
    const busy = await sync();
    expect(busy.status).toBe(429);
    expect(Number(busy.retryAfter)).toBeLessThanOrEqual(60);

    // A window later, the account syncs again.
    L.clock.now = new Date(L.clock.now.getTime() + 61_000);
    expect((await sync()).status).toBe(200);
  });

  it('counts an IPv6 client by its /64: rotating addresses within it does not get past the limit', async () => {
    // Behind a reverse proxy, as deployed; an IPv6 host is given a whole /64 and may pick any address in it.
    L = await startTestLicensing(
      backend,
      [],
      {
        register: { perAddress: 3, windowSeconds: 3600 },
        join: { perAddress: 3, windowSeconds: 3600 },
        orders: { perAddress: 100, windowSeconds: 600 },
        sync: { perAddress: 100, windowSeconds: 60 },
      },
      { trustProxy: true },
    );
    const from = async (address: string, i: number) =>
      (
        await fetch(`${L.server.url}/v1/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify({ companyName: 'A', deviceName: 'B', installId: `install-${i}-0123456789` }),
        })
      ).status;
    const rotating = ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff:1:2:3', '2001:0db8:0001:0002:0::9'];
    const statuses = [];
    for (const [i, address] of rotating.entries()) statuses.push(await from(address, i));
    expect(statuses).toEqual([201, 201, 201, 429]);
    // The neighbouring /64 is someone else, and so is an IPv4 client.
    expect(await from('2001:db8:1:3::1', 10)).toBe(201);
    expect(await from('203.0.113.7', 11)).toBe(201);
    // An IPv4 client written as an IPv4-mapped IPv6 address is the same client as its IPv4 form.
    expect(await from('::ffff:203.0.113.7', 12)).toBe(201);
    expect(await from('203.0.113.7', 13)).toBe(201);
    expect(await from('::ffff:cb00:7107', 14)).toBe(429);
  });
});
