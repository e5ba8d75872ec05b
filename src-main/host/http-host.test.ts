import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR, testCore, type TestCore } from '../../test-support/test-core';
import { newExport } from '../exports/exports';
import { startHttpHost, type HttpHost } from './http-host';

const TOKEN = 'test-token-123';
let t: TestCore;
let host: HttpHost;
let root: string;
let rendererDir: string;

beforeEach(async () => {
  t = await testCore();
  root = mkdtempSync(join(tmpdir(), 'daftar-host-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Daftar</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, '..', 'outside.txt'), 'secret outside');
  host = await startHttpHost({
    core: t.core,
    rendererDir,
    fontsDir: join(RESOURCES_DIR, 'fonts'),
    dataFolder: t.dataFolder,
    token: TOKEN,
  });
});
afterEach(async () => {
  await host.close();
  await t.close();
  rmSync(root, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${host.port}`;
const post = (name: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  fetch(`${base()}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const customer = {
  kind: 'customer',
  code: '1',
  name: 'Amal',
  phone: '',
  address: '',
  taxNumber: '',
  jobTitle: '',
  notes: '',
  emails: 'a@x.ps',
};

describe('the Node host', () => {
  it('refuses a call without the token with 401 and runs nothing', async () => {
    const res = await post('parties.save', customer, {});
    expect(res.status).toBe(401);
    expect((await post('parties.save', customer, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect(await t.ok('parties.list', { kind: 'customer' })).toMatchObject({ total: 0 });
  });

  it('refuses the page and the event stream without the token', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(401);
    expect((await fetch(`${base()}/api/events`)).status).toBe(401);
    expect((await fetch(`${base()}/?token=nope`)).status).toBe(401);
  });

  it('answers calls with the envelope', async () => {
    const created = await (await post('parties.save', customer)).json();
    expect(created).toMatchObject({ ok: true, value: { name: 'Amal', emails: 'a@x.ps' } });
    expect(await (await post('parties.get', { id: 'nope' })).json()).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await (await post('no.such', {})).json()).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('trades the token in the URL for an HttpOnly cookie that then opens the app', async () => {
    const first = await fetch(host.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${base()}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Daftar</title>');
  });

  it('scopes the token cookie to this host’s port: another server’s daftar cookie opens nothing', async () => {
    const first = await fetch(host.url, { redirect: 'manual' });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toBe(`daftar_token_${host.port}=${TOKEN}`);
    // The same token under a name without the port (as another host on 127.0.0.1 could set it).
    expect((await fetch(`${base()}/`, { headers: { cookie: `daftar_token=${TOKEN}` } })).status).toBe(401);
  });

  it('refuses calls a page of another site or another local server makes with the cookie', async () => {
    const cookie = (await fetch(host.url, { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
    const call = (headers: Record<string, string>) => post('parties.save', customer, { cookie, ...headers });
    // A page on another port of 127.0.0.1 is "same-site" to the browser, but not us.
    expect((await call({ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await call({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await call({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await call({ origin: 'null' })).status).toBe(403);
    expect(await t.ok('parties.list', { kind: 'customer' })).toMatchObject({ total: 0 });
    // Our own page, and an address typed or opened from the terminal, are let in.
    expect((await call({ origin: base(), 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    const opened = await fetch(`${base()}/`, { headers: { cookie, 'sec-fetch-site': 'none' } });
    expect(opened.status).toBe(200);
  });

  it('serves assets but nothing outside the renderer folder', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(await (await fetch(`${base()}/assets/app.js`, { headers: auth })).text()).toBe('console.log(1)');
    const escape = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/../outside.txt', headers: auth }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      });
      req.end();
    });
    expect(escape).not.toContain('secret outside');
  });

  it('serves the print fonts a printed page names (fonts/…?v=hash), and nothing else under /fonts/', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const font = await fetch(`${base()}/fonts/NotoNaskhArabic-Regular.ttf?v=abc`, { headers: auth });
    expect(font.headers.get('content-type')).toBe('font/ttf');
    expect(Buffer.from(await font.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
    expect((await fetch(`${base()}/fonts/missing.ttf`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${base()}/fonts/NotoSans-Regular.ttf`)).status).toBe(401);
  });

  it('downloads a file the core wrote (a CSV export) by its id, with the token only', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const { id, path } = newExport(t.dataFolder, 'mail-report 2026-01-01 2026-12-31.csv');
    writeFileSync(path, '\uFEFFcreated_at\r\nعبد الله\r\n');
    const file = await fetch(`${base()}/exports/${id}`, { headers: auth });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''mail-report%202026-01-01%202026-12-31.csv",
    );
    expect(Buffer.from(await file.arrayBuffer()).toString('utf8')).toBe('\uFEFFcreated_at\r\nعبد الله\r\n');
    expect((await fetch(`${base()}/exports/${id}`)).status).toBe(401);
    expect((await fetch(`${base()}/exports/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${base()}/exports/..%2F..%2Fdaftar.sqlite`, { headers: auth })).status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve) => {
      request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/',
          headers: { host: 'evil.example:80', authorization: `Bearer ${TOKEN}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(421);
  });

  it('pushes core events to the event stream', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base()}/api/events`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // the ': connected' comment
    await post('settings.save', { language: 'en' });
    const { value } = await reader.read();
    controller.abort();
    expect(new TextDecoder().decode(value)).toBe(
      `event: daftar\ndata: ${JSON.stringify({ name: 'settings.changed', payload: { language: 'en', showSaveOptions: false, confirmTotalAbove: 1_000_000 } })}\n\n`,
    );
  });

  it('rejects a body that is not JSON', async () => {
    const res = await fetch(`${base()}/api/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{nope',
    });
    expect(res.status).toBe(400);
  });
});
