import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { AppPage } from '../pages/app.page';
import { startHost, type RunningHost } from './host';

/** Each test gets its own host on a fresh book, and a page already signed in with the token. */
export const test = base.extend<{ host: RunningHost; app: AppPage }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHost();
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

export { expect };
