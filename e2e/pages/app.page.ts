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

/**
 * Answer Daftar's own confirmation (never the browser's pop-up): yes presses the button that goes
 * ahead, no the one that goes back. Answers the question that was asked.
 */
export async function answerConfirm(page: Page, yes: boolean): Promise<string> {
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  const question = (await dialog.locator('#confirm-message').textContent()) ?? '';
  await dialog
    .getByRole('button')
    .nth(yes ? 0 : 1)
    .click();
  await expect(dialog).toHaveCount(0);
  return question;
}
