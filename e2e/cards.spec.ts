import { CardsPage } from './pages/cards.page';
import { answerConfirm } from './pages/app.page';
import { expect, screenshot, test } from './support/fixtures';

test('create a customer with two addresses; a bad address is named and nothing is saved', async ({
  app,
  page,
}, info) => {
  const cards = new CardsPage(page);
  await expect(page.getByRole('heading', { level: 1, name: 'الزبائن' })).toBeVisible();
  await page.getByRole('button', { name: 'جديد' }).click();
  await expect(cards.field('الرمز')).toHaveValue('1'); // suggested
  await cards.field('الاسم').fill('شركة النور للتجارة');
  await cards.field('الهاتف').fill('0599123456');

  // A bad second address: named, with its position, before and after saving.
  await cards.field('عناوين البريد الإلكتروني').fill('accounts@alnoor.ps, sales@alnoor');
  const error = cards.form.getByRole('alert').filter({ hasText: 'sales@alnoor' });
  await expect(error).toContainText('العنوان رقم ٢');
  await cards.field('الاسم').press('Enter');
  await expect(cards.form.getByText('بعض الحقول تحتاج إلى تصحيح.')).toBeVisible();
  await expect(page.getByText('لا توجد بطاقات بعد')).toBeVisible();
  await screenshot(page, info, 'customer-bad-address');

  // Fixed: saved with Enter, both addresses kept, listed.
  await cards.field('عناوين البريد الإلكتروني').fill('accounts@alnoor.ps; sales@alnoor.ps');
  await cards.field('الاسم').press('Enter');
  await expect(cards.form.getByText('تم حفظ البطاقة.')).toBeVisible();
  await expect(cards.row('شركة النور للتجارة')).toContainText('accounts@alnoor.ps, sales@alnoor.ps');
  await expect(page.getByText('بطاقة واحدة')).toBeVisible();
  await screenshot(page, info, 'customers');

  // Survives a reload (it is in the book, not in the page).
  await page.reload();
  await app.ready();
  await expect(cards.row('شركة النور للتجارة')).toBeVisible();
});

test('search finds Arabic names regardless of hamza; archive hides a card', async ({ app, page }) => {
  const cards = new CardsPage(page);
  for (const name of ['مؤسسة الأمل', 'شركة إسراء']) {
    await page.getByRole('button', { name: 'جديد' }).click();
    await cards.field('الاسم').fill(name);
    await cards.field('الاسم').press('Enter');
    await expect(cards.form.getByText('تم حفظ البطاقة.')).toBeVisible();
  }
  await page.getByRole('searchbox').fill('اسراء');
  await expect(cards.list.getByRole('row')).toHaveCount(2); // header + one
  await expect(cards.row('شركة إسراء')).toBeVisible();

  await page.getByRole('searchbox').fill('');
  await cards.row('مؤسسة الأمل').getByRole('button').click();
  await cards.form.getByRole('button', { name: 'أرشفة' }).click();
  await expect(cards.form.getByText('هذه البطاقة مؤرشفة')).toBeVisible();
  await expect(cards.row('مؤسسة الأمل')).toHaveCount(0);
  await page.getByLabel('إظهار البطاقات المؤرشفة').check();
  await expect(cards.row('مؤسسة الأمل')).toContainText('مؤرشفة');

  // A card no voucher uses can be deleted, after confirming.
  await cards.row('شركة إسراء').getByRole('button').click();
  await cards.form.getByRole('button', { name: 'حذف' }).click();
  expect(await answerConfirm(page, true)).toContain('شركة إسراء');
  await expect(cards.row('شركة إسراء')).toHaveCount(0);
  void app;
});

test('employees are cards too, with a job title; Esc asks, then closes the form without saving', async ({
  app,
  page,
}, info) => {
  const cards = new CardsPage(page);
  await app.go('الموظفون');
  await page.getByRole('button', { name: 'جديد' }).click();
  await expect(cards.field('المسمى الوظيفي')).toBeVisible();
  await expect(cards.form.getByLabel('الرقم الضريبي')).toHaveCount(0);
  await cards.field('الاسم').fill('سامي');
  // A changed card asks before its edits are thrown away.
  await cards.field('الاسم').press('Escape');
  expect(await answerConfirm(page, true)).toBe('هل تريد إغلاق البطاقة وفقدان التعديلات؟');
  await expect(cards.form).toHaveCount(0);
  await expect(page.getByText('لا توجد بطاقات بعد')).toBeVisible();

  await page.getByRole('button', { name: 'جديد' }).click();
  await cards.field('الاسم').fill('سامي يوسف');
  await cards.field('المسمى الوظيفي').fill('محاسب');
  await cards.field('عناوين البريد الإلكتروني').fill('sami@daftar.ps');
  await cards.field('المسمى الوظيفي').press('Enter');
  await expect(cards.row('سامي يوسف')).toBeVisible();
  await screenshot(page, info, 'employees');
});
