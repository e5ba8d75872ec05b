import type { Locator, Page } from '@playwright/test';

/** A cards screen (customers, suppliers or employees) and its card form. */
export class CardsPage {
  readonly form: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.form = page.locator('section.card-form');
    this.list = page.locator('table.list');
  }

  /** A text field of the form by its accessible name (the required mark is not part of it). */
  field(label: string): Locator {
    return this.form.getByRole('textbox', { name: label, exact: true });
  }

  row(name: string): Locator {
    return this.list.getByRole('row').filter({ hasText: name });
  }
}
