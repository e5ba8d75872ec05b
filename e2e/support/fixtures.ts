import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { AppPage } from '../pages/app.page';
import { startHost, type RunningHost } from './host';
import { startLicensingProcess, type RunningLicensing } from './licensing';

/**
 * Each test gets its own host on a fresh book, and a page already signed in with the token.
 * A test that asks for `licensing` also gets a real licensing server, and the host uses it.
 */
export const test = base.extend<{
  host: RunningHost;
  app: AppPage;
  licensing: RunningLicensing | null;
  /** More arguments for the host (e.g. a CA to trust). */
  hostArgs: string[];
  /** The host on a computer whose Chromium is gone (root only). */
  withoutChromium: boolean;
}>({
  licensing: [null, { option: true }],
  hostArgs: [[], { option: true }],
  withoutChromium: [false, { option: true }],
  host: async ({ licensing, hostArgs, withoutChromium }, use) => {
    const host = await startHost(
      [
        ...(licensing ? ['--licensing-url', licensing.url, '--licensing-key', licensing.publicKeyFile] : []),
        ...hostArgs,
      ],
      { withoutChromium },
    );
    await use(host);
    await host.stop();
  },
  app: async ({ page, host }, use) => {
    // Errors in the page fail the test, checked while the host is still up.
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(host.url);
    const app = new AppPage(page);
    await app.ready();
    await use(app);
    expect(errors, 'errors thrown in the page').toEqual([]);
  },
});

/** A full-page screenshot kept with the test's output (test-results/…). */
export async function screenshot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** For tests that buy credits: a licensing server process for the test's host. */
export const withLicensing = test.extend<{ licensing: RunningLicensing | null }>({
  // Playwright fixtures take their dependencies as a destructured object, here none.
  // eslint-disable-next-line no-empty-pattern
  licensing: async ({}, use) => {
    const server = await startLicensingProcess();
    await use(server);
    await server.stop();
  },
});

export { expect };
