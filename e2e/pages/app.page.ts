import { expect, type Locator, type Page } from '@playwright/test';

/** The shell: navigation and status bar. Screens hang off it. */
export class AppPage {
  readonly nav: Locator;
  readonly statusBar: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation');
    this.statusBar = page.getByRole('contentinfo');
  }

  async ready(): Promise<void> {
    await expect(this.statusBar).toBeVisible();
  }

  async go(label: string): Promise<void> {
    await this.nav.getByRole('button', { name: label, exact: true }).click();
  }

  direction(): Promise<string | null> {
    return this.page.locator('html').getAttribute('dir');
  }
}
