import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Printer, PrinterMissing } from '../ports';
import { chromiumInstallCommand, chromiumPath, findChromium } from './chromium-path';

export { chromiumPath };

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The printer's browser reaches nothing on the network, loopback included: every http(s) and
 * ws request goes to a proxy that is not there. Its own files (file:, data:) still load.
 */
export const PRINT_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

/**
 * Page.printToPDF in headless Chromium, for the Node host. The browser starts on the first PDF and
 * is reused. So are its pages (two by default, so that two documents render at once on two cores):
 * each opens the resources folder's `print-shell.html` once, and every document is then set into
 * it. The page keeps that file's address, so the fonts the document names (`fonts/…ttf`) load
 * from the resources folder once and stay decoded for every later document.
 */
export class ChromiumPrinter implements Printer {
  private browser: Promise<Browser> | null = null;
  /** Pages with the shell loaded, free for the next document. */
  private idle: Page[] = [];
  private free: number;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly resourcesDir: string,
    pages = 2,
  ) {
    this.free = pages;
  }

  /** Looked for again while missing (cheap: no file), so installing Chromium needs no restart. */
  private chromium: string | null = null;

  missing(): PrinterMissing | null {
    this.chromium ??= findChromium();
    return this.chromium ? null : { install: chromiumInstallCommand() };
  }

  private launch(): Promise<Browser> {
    if (this.browser) return this.browser;
    const launching: Promise<Browser> = chromium
      .launch({ executablePath: chromiumPath(), args: PRINT_CHROMIUM_ARGS })
      .then((browser) => {
        // A browser that goes away (a crash, an OOM kill) is forgotten: the next PDF starts a new one.
        browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        });
        return browser;
      })
      .catch((error: unknown) => {
        this.browser = null;
        throw error;
      });
    this.browser = launching;
    return launching;
  }

  private async take(): Promise<Page> {
    while (this.free === 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.free--;
    try {
      let page = this.idle.pop();
      while (page?.isClosed()) page = this.idle.pop();
      if (page) return page;
      const browser = await this.launch();
      page = await browser.newPage({ javaScriptEnabled: false });
      await page.goto(pathToFileURL(join(this.resourcesDir, 'print-shell.html')).href);
      return page;
    } catch (error) {
      this.give(null);
      throw error;
    }
  }

  /** A page back to the pool (null: it is gone), and the next document waiting may go. */
  private give(page: Page | null): void {
    if (page && !page.isClosed()) this.idle.push(page);
    this.free++;
    this.waiting.shift()?.();
  }

  async pdf(html: string): Promise<Uint8Array> {
    const page = await this.take();
    let reusable = false;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // Fonts named by URL load asynchronously: print only once they are in. Written as the
      // page's own expression: the main side is compiled without the window's types.
      await page.evaluate('document.fonts.ready.then(() => undefined)');
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      reusable = true;
      return pdf;
    } finally {
      if (!reusable) await page.close().catch(() => undefined);
      this.give(reusable ? page : null);
    }
  }

  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = null;
    this.idle = [];
    if (pending) await (await pending).close().catch(() => {});
  }
}
