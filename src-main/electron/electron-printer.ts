import { BrowserWindow, session } from 'electron';
import { PRINT_PARTITION, printRequestAllowed } from './print-network';
import { pathToFileURL } from 'node:url';
import type { Printer } from '../ports';

/**
 * webContents.printToPDF and webContents.print in one hidden window, reused for every document (no
 * scripts run in it). Each page is loaded with the resources folder as its base, so the fonts it
 * names (`fonts/…ttf`) come from the app's resources, loaded once by this window and kept.
 */
export class ElectronPrinter implements Printer {
  private window: BrowserWindow | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly base: string;

  constructor(resourcesDir: string) {
    this.base = `${pathToFileURL(resourcesDir).href}/`;
  }

  private load(html: string) {
    return this.hiddenWindow().webContents.loadURL(
      `data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`,
      { baseURLForDataURL: this.base },
    );
  }

  private hiddenWindow(): BrowserWindow {
    if (!this.window || this.window.isDestroyed()) {
      const printSession = session.fromPartition(PRINT_PARTITION);
      printSession.webRequest.onBeforeRequest((details, callback) =>
        callback({ cancel: !printRequestAllowed(details.url) }),
      );
      this.window = new BrowserWindow({
        show: false,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
          session: printSession,
        },
      });
    }
    return this.window;
  }

  pdf(html: string): Promise<Uint8Array> {
    // One page at a time through the one window.
    const job = this.queue.then(async () => {
      await this.load(html);
      const contents = this.hiddenWindow().webContents;
      return new Uint8Array(
        await contents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }),
      );
    });
    this.queue = job.catch(() => {});
    return job;
  }

  /** The same page, loaded the same way, sent to the system print dialog. */
  print(html: string): Promise<void> {
    const job = this.queue.then(async () => {
      await this.load(html);
      const contents = this.hiddenWindow().webContents;
      await new Promise<void>((resolve, reject) =>
        contents.print({ silent: false, printBackground: true }, (success, reason) =>
          success || reason === 'cancelled' ? resolve() : reject(new Error(reason)),
        ),
      );
    });
    this.queue = job.catch(() => {});
    return job;
  }

  async close(): Promise<void> {
    if (this.window && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }
}
