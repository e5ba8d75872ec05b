import type { Locator, Page } from '@playwright/test';

export class MailboxPage {
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.result = page.locator('.smtp-result');
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }
}
