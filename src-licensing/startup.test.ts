import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';

// The server as an operator starts it (`npm run licensing`), in its own process.
let child: ChildProcess | undefined;
let folder = '';
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function startServer(args: string[], env: Record<string, string>) {
  folder = mkdtempSync(join(tmpdir(), 'daftar-licensing-start-'));
  const clean = { ...process.env };
  for (const name of Object.keys(clean))
    if (/^(DATABASE_URL|STRIPE_|PAYPAL_|SANDBOX_|LICENSING_|DISABLE_SANDBOX)/.test(name)) delete clean[name];
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-licensing/main.ts', '--port', '0', '--data', folder, ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...clean, ...env },
    },
  );
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child!.stdout! }).on('line', (line) => {
      lines.push(line);
      const match = /licensing server on (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child!.once('exit', (code) => reject(new Error(`licensing server exited (${code}): ${lines.join('\n')}`)));
  });
  return { url, lines };
}

const post = async (url: string, body: unknown, token?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { code?: string; deviceToken?: string } };
};

it('starts with Stripe only: no sandbox, and an order "by PayPal" is refused rather than given away', async () => {
  const { url, lines } = await startServer([], { STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
  expect(lines.join('\n')).toContain('providers: stripe [card]');
  expect(lines.join('\n')).not.toMatch(/sandbox/i);
  const reg = await post(`${url}/v1/register`, {
    companyName: 'A',
    deviceName: 'B',
    installId: 'install-startup-test',
  });
  const order = await post(`${url}/v1/orders`, { packs: 1000, method: 'paypal' }, reg.body.deviceToken);
  expect(order).toMatchObject({ status: 400, body: { code: 'method_unavailable' } });
  expect((await fetch(`${url}/webhooks/sandbox`, { method: 'POST', body: '{}' })).status).toBe(404);
});

it('turns the sandbox on only when asked with --sandbox, and says so loudly at start', async () => {
  const { url, lines } = await startServer(['--sandbox'], {});
  expect(lines.join('\n')).toMatch(/SANDBOX PAYMENTS ARE ON/);
  const reg = await post(`${url}/v1/register`, {
    companyName: 'A',
    deviceName: 'B',
    installId: 'install-startup-test',
  });
  expect((await post(`${url}/v1/orders`, { packs: 1, method: 'paypal' }, reg.body.deviceToken)).status).toBe(201);
});
