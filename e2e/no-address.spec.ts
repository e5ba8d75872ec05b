import { api } from './support/api';
import { CardsPage } from './pages/cards.page';
import { expect, test } from './support/fixtures';

test('a card with no email address: the send dialog says so and opens that card to add one', async ({
  app,
  page,
  host,
}) => {
  const party = await api(host, 'parties.save', {
    kind: 'customer',
    code: '7',
    name: 'زبون بلا بريد',
    phone: '',
    address: '',
    taxNumber: '',
    jobTitle: '',
    notes: '',
    emails: '',
  });
  await api(host, 'vouchers.save', {
    type: 'sales_invoice',
    date: '2026-04-01',
    partyId: party.id,
    currency: 'ILS',
    language: 'ar',
    notes: '',
    lines: [{ description: 'بند', quantityMilli: 1000, unitPriceMinor: 500, discountBp: 0, taxBp: 0 }],
  });
  await app.go('فواتير المبيعات');
  await page.getByRole('row').getByRole('button', { name: '١', exact: true }).click();
  await page.getByRole('button', { name: /إرسال بالبريد/ }).click();
  const dialog = page.getByRole('dialog', { name: /بالبريد/ });
  await expect(dialog.getByText('لا يوجد عنوان بريد إلكتروني في بطاقة زبون بلا بريد.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'إرسال', exact: true })).toBeDisabled();
  await dialog.getByRole('button', { name: 'افتح البطاقة' }).click();
  const cards = new CardsPage(page);
  await expect(cards.field('الاسم')).toHaveValue('زبون بلا بريد');
  await cards.field('عناوين البريد الإلكتروني').fill('found@x.ps');
  await cards.field('الاسم').press('Enter');
  await expect(cards.form.getByText('تم حفظ البطاقة.')).toBeVisible();
});
