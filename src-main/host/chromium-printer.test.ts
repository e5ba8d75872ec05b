import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ChromiumPrinter } from './chromium-printer';
import { RESOURCES_DIR } from '../../test-support/test-core';

const printer = new ChromiumPrinter(RESOURCES_DIR);
const dir = mkdtempSync(join(tmpdir(), 'daftar-pdf-'));
afterAll(async () => {
  await printer.close();
  rmSync(dir, { recursive: true, force: true });
});

it('prints HTML to a PDF whose text reads back, reusing one browser for several PDFs', async () => {
  const first = await printer.pdf('<html><body><h1>Invoice 1042</h1></body></html>');
  const second = await printer.pdf('<html><body><p>Receipt 7</p></body></html>');
  expect(Buffer.from(first).subarray(0, 5).toString()).toBe('%PDF-');
  const file = join(dir, 'second.pdf');
  writeFileSync(file, second);
  expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('Receipt 7');
}, 60_000);

it('starts a new browser when the one it had went away (a crash, an OOM kill), instead of failing every PDF after', async () => {
  const crashing = new ChromiumPrinter(RESOURCES_DIR);
  try {
    await crashing.pdf('<p>first</p>');
    // The browser disappears under the printer, as after a crash.
    const browser = await (crashing as unknown as { browser: Promise<import('playwright-core').Browser> }).browser;
    await browser.close();
    const after = await crashing.pdf('<p>after the crash</p>');
    const file = join(dir, 'after.pdf');
    writeFileSync(file, after);
    expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('after the crash');
  } finally {
    await crashing.close();
  }
}, 60_000);

it('lets a printed page reach nothing on the network, not even 127.0.0.1', async () => {
  const heard: string[] = [];
  const server = createServer((req, res) => {
    heard.push(req.url ?? '');
    res.end('');
  });
  const port = await new Promise<number>((r) =>
    server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)),
  );
  try {
    const pdf = await printer.pdf(
      `<html><head><link rel="stylesheet" href="http://127.0.0.1:${port}/style.css"></head>
       <body><p>Voucher 9</p><img src="http://127.0.0.1:${port}/pixel.png"><img src="http://localhost:${port}/beacon.png">
       <iframe src="http://127.0.0.1:${port}/frame"></iframe></body></html>`,
    );
    const file = join(dir, 'offline.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('Voucher 9');
    expect(heard).toEqual([]);
  } finally {
    server.close();
  }
}, 60_000);
