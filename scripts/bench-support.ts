// What the benchmark scripts share: the big book, a core on a data folder with the real printer, and timing.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBook } from '../src-main/book/open-book';
import { fillDemoBook } from '../src-main/demo/demo-data';
import { readWorkerForTests } from '../test-support/read-worker-build';
import { BOOK_FILE_NAME } from '../src-main/book/book-file';
import { createCore, type CoreOptions } from '../src-main/core';
import { ChromiumPrinter } from '../src-main/host/chromium-printer';
import { silentLogger } from '../src-main/log';
import { systemClock } from '../src-main/ports';
import { MemorySecretStore, RESOURCES_DIR } from '../test-support/test-core';

/**
 * The benchmarks' book of `vouchers` vouchers, kept in the temp folder between runs (same seed →
 * same book): built the first time, which takes minutes for a million. Answers its folder and file.
 */
export async function benchBook(vouchers: number): Promise<{ folder: string; file: string }> {
  const folder = join(tmpdir(), `daftar-bench-${vouchers}`);
  const file = join(folder, BOOK_FILE_NAME);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    const book = await openBook({ file });
    const started = Date.now();
    fillDemoBook(book, {
      vouchers,
      customers: 2000,
      suppliers: 300,
      employees: 40,
      seed: 1,
      until: new Date('2026-11-27'),
      onProgress: (d, t) => process.stderr.write(`\rbuilding book ${d}/${t}`),
    });
    book.sqlite.exec('analyze');
    await book.close();
    process.stderr.write(`\nbuilt in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  return { folder, file };
}

/** A core as the Node host builds it (real Chromium printer, system clock), quiet. */
export async function benchCore(dataFolder: string, options: Pick<CoreOptions, 'licensing' | 'mail'> = {}) {
  const printer = new ChromiumPrinter(RESOURCES_DIR);
  const core = await createCore({
    dataFolder,
    host: 'node',
    version: 'bench',
    resourcesDir: RESOURCES_DIR,
    log: silentLogger,
    // The heavy reads on the read worker, as in the hosts.
    readWorker: await readWorkerForTests(),
    ...options,
    ports: { printer, secrets: new MemorySecretStore(), opener: { open: async () => {} }, clock: systemClock },
  });
  return { core, printer };
}

/** The median time of `times` runs of an action; a call answering an error stops the benchmark. */
export async function median(
  label: string,
  times: number,
  action: (i: number) => Promise<unknown>,
): Promise<[string, number]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    const answer = (await action(i)) as { ok?: boolean; error?: unknown };
    samples.push(performance.now() - start);
    if (answer && answer.ok === false) throw new Error(`${label}: ${JSON.stringify(answer.error)}`);
  }
  samples.sort((a, b) => a - b);
  return [label, samples[Math.floor(samples.length / 2)]!];
}

/**
 * Medians of two ways to do the same thing, taken in turns after a few rounds of warming up each, so
 * that what else this shared machine does at the moment weighs on both alike.
 */
export async function pairedMedians(
  label: string,
  times: number,
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
): Promise<[number, number]> {
  const warmUp = Math.max(1, Math.round(times / 5));
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < warmUp + times; i++) {
    for (const [action, samples] of [
      [first, a],
      [second, b],
    ] as const) {
      const start = performance.now();
      const answer = (await action()) as { ok?: boolean; error?: unknown };
      if (i >= warmUp) samples.push(performance.now() - start);
      if (answer && answer.ok === false) throw new Error(`${label}: ${JSON.stringify(answer.error)}`);
    }
  }
  const mid = (samples: number[]) => samples.sort((x, y) => x - y)[Math.floor(samples.length / 2)]!;
  return [mid(a), mid(b)];
}

/**
 * The floor for one PDF: Chromium's page.pdf() alone, on a warm page that already holds the
 * document (fonts loaded), with nothing of Daftar around it. Median of one run per page given.
 */
export async function pdfFloor(htmls: string[]): Promise<number> {
  const { chromium } = await import('playwright-core');
  const { pathToFileURL } = await import('node:url');
  const { PRINT_CHROMIUM_ARGS, chromiumPath } = await import('../src-main/host/chromium-printer');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: PRINT_CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(pathToFileURL(`${RESOURCES_DIR}/print-shell.html`).href);
    const samples: number[] = [];
    for (const html of htmls) {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const start = performance.now();
      await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)]!;
  } finally {
    await browser.close();
  }
}
