import type { Locator, Page } from '@playwright/test';

/** A vouchers screen and its voucher form. */
export class VouchersPage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.locator('section.voucher-form');
  }

  /** A field by its label (a required field's label ends with a * mark). */
  field(label: string): Locator {
    return this.form.getByLabel(new RegExp(`^${label}( \\*)?$`));
  }

  async fillLine(
    index: number,
    values: { description: string; quantity: string; unitPrice: string; discount?: string; tax?: string },
  ): Promise<void> {
    const n = index + 1;
    await this.form.getByRole('textbox', { name: `البيان ${n}`, exact: true }).fill(values.description);
    await this.form.getByRole('textbox', { name: `الكمية ${n}`, exact: true }).fill(values.quantity);
    await this.form.getByRole('textbox', { name: `سعر الوحدة ${n}`, exact: true }).fill(values.unitPrice);
    if (values.discount)
      await this.form.getByRole('textbox', { name: `الخصم % ${n}`, exact: true }).fill(values.discount);
    if (values.tax) await this.form.getByRole('textbox', { name: `الضريبة % ${n}`, exact: true }).fill(values.tax);
  }
}
