import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, onTestFinished } from 'vitest';
import { startTestLicensing } from '../../test-support/licensing/test-server';
import { readOnlyBook } from '../../test-support/read-only-book';
import { syncOf, test } from '../../test-support/credits-sync';

// Each test: desktops (appCore) on a licensing server of its own (freshLicensing).
describe('sync when the server is away', () => {
  const listen = (server: Server | ReturnType<typeof createHttpServer>) =>
    new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));

  test('reports unreachable, timeout and server errors, keeps working, and recovers', async ({
    appCore,
    freshLicensing: L,
  }) => {
    // Down: nothing listens.
    const closed = createServer();
    const closedPort = await listen(closed);
    await new Promise<void>((r) => closed.close(() => r()));
    const down = await appCore(`http://127.0.0.1:${closedPort}`);
    expect(await down.ok('credits.sync', {})).toMatchObject({ online: false, lastError: 'unreachable', balance: null });

    // Slow: accepts, never answers.
    const silent = createServer(() => {});
    const slow = await appCore(`http://127.0.0.1:${await listen(silent)}`);
    expect(await slow.ok('credits.sync', {})).toMatchObject({ online: false, lastError: 'timeout' });
    silent.close();

    // Broken: answers 500.
    const broken = createHttpServer((_req, res) => {
      res.writeHead(500);
      res.end('boom');
    });
    const failing = await appCore(`http://127.0.0.1:${await listen(broken)}`);
    expect(await failing.ok('credits.sync', {})).toMatchObject({ online: false, lastError: 'server_error' });
    broken.close();

    // The book still works offline, and an order says so clearly.
    expect(await down.ok('parties.list', { kind: 'customer' })).toMatchObject({ total: 0 });
    expect(await down.fail('credits.createOrder', { packs: 1, method: 'card' })).toMatchObject({ code: 'offline' });

    // Recovery: the same book, the server back.
    const recovered = await appCore(L.server.url, L.publicKeyPem, {
      dataFolder: down.dataFolder,
      bookFile: undefined,
      onDisk: true,
    });
    expect(await recovered.ok('credits.sync', {})).toMatchObject({ online: true, balance: 5, lastError: null });
  });

  test('backs off as long as the server asks when it answers 429, and says so', async ({ appCore }) => {
    // A licensing server of this test's own, with tight limits.
    const L = await startTestLicensing('sqlite', [], {
      register: { perAddress: 10, windowSeconds: 60 },
      join: { perAddress: 10, windowSeconds: 60 },
      orders: { perAddress: 10, perAccount: 1, windowSeconds: 600 },
      sync: { perAddress: 10, perAccount: 1, windowSeconds: 600 },
    });
    onTestFinished(() => L.close()); // after the fixture closed the desktop
    const t = await appCore(L.server.url, L.publicKeyPem);
    expect(await t.ok('credits.sync', {})).toMatchObject({ online: true, balance: 5 });
    expect(await t.ok('credits.sync', {})).toMatchObject({ lastError: 'rate_limited', balance: 5 });
    const s = await syncOf(t, { url: L.server.url, publicKeyPem: L.publicKeyPem, intervalMs: 60_000 });
    await s.syncNow();
    // The server said ten minutes: no retry before, however short the usual back-off.
    expect(s.nextDelay()).toBeGreaterThanOrEqual(590_000);
    await t.ok('credits.createOrder', { packs: 1, method: 'card' });
    expect(await t.fail('credits.createOrder', { packs: 1, method: 'card' })).toMatchObject({
      code: 'offline',
      details: { reason: 'licensing_unavailable', why: 'rate_limited', retryAfterSeconds: expect.any(Number) },
    });
  });

  test('never sends the device token or account key to a licensing URL other than the one that issued them', async ({
    appCore,
    freshLicensing: L,
  }) => {
    const t = await appCore(L.server.url, L.publicKeyPem, { onDisk: true });
    await t.ok('credits.sync', {});
    const token = (await t.secret('licensing.deviceToken'))!;
    const accountKey = (await t.secret('licensing.accountKey'))!;
    const heard: string[] = [];
    const other = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        heard.push(`${req.url} ${req.headers.authorization ?? ''} ${body}`);
        res.writeHead(503);
        res.end('{}');
      });
    });
    const port = await new Promise<number>((r) =>
      other.listen(0, '127.0.0.1', () => r((other.address() as AddressInfo).port)),
    );
    try {
      const moved = await appCore(`http://127.0.0.1:${port}`, L.publicKeyPem, {
        ...t.sameBook,
        bookFile: undefined,
        onDisk: true,
      });
      for (const [k, v] of t.ports.secrets.values) await moved.ports.secrets.set(k, v);
      await moved.ok('credits.sync', {});
      expect(heard.length).toBeGreaterThan(0);
      expect(heard.join('\n')).not.toContain(token);
      expect(heard.join('\n')).not.toContain(accountKey);
    } finally {
      other.close();
    }
  });

  test('a sync whose failure cannot even be written down (the book read-only) neither throws nor stops syncing', async ({
    appCore,
    freshLicensing: L,
  }) => {
    const t = await appCore('http://127.0.0.1:1');
    const s = await syncOf(t, {
      url: 'http://127.0.0.1:1',
      publicKeyPem: L.publicKeyPem,
      intervalMs: 60_000,
      timeoutMs: 500,
      auto: true,
    });
    const writable = await readOnlyBook(t);
    try {
      const status = await s.syncNow().catch((e: unknown) => ({ threw: String(e) }));
      expect(status).not.toHaveProperty('threw');
      expect((s as unknown as { timer: NodeJS.Timeout | null }).timer).not.toBeNull();
    } finally {
      await writable();
      await s.stop();
    }
  });

  test('backs off after failures with jitter, up to the regular interval', async ({ appCore }) => {
    const t = await appCore('http://127.0.0.1:1');
    const { LicensingSync } = await import('./sync');
    const s = new LicensingSync({ book: t.core.book } as never, {
      url: 'http://127.0.0.1:1',
      publicKeyPem: '',
      intervalMs: 60_000,
    });
    expect(s.nextDelay()).toBe(60_000);
    (s as unknown as { failures: number }).failures = 1;
    expect(s.nextDelay()).toBeGreaterThanOrEqual(4_000);
    expect(s.nextDelay()).toBeLessThanOrEqual(6_000);
    (s as unknown as { failures: number }).failures = 20;
    expect(s.nextDelay()).toBeLessThanOrEqual(72_000);
  });
});
