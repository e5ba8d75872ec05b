import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { Printer } from '../ports';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium unless DAFTAR_CHROMIUM says otherwise (Playwright never downloads one here). */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.DAFTAR_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error("Chromium was not found: install Debian's chromium package or set DAFTAR_CHROMIUM");
  return found;
}

/**
 * Page.printToPDF in headless Chromium, for the Node host. The browser starts on the
 * first PDF and is reused for every later one; each PDF gets its own short-lived page.
 */
export class ChromiumPrinter implements Printer {
  private browser: Promise<Browser> | null = null;

  private launch(): Promise<Browser> {
    if (this.browser) return this.browser;
    const launching: Promise<Browser> = chromium
      .launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
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

  async pdf(html: string): Promise<Uint8Array> {
    const browser = await this.launch();
    const page = await browser.newPage({ javaScriptEnabled: false });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = null;
    if (pending) await (await pending).close().catch(() => {});
  }
}
