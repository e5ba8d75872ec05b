import { startSmtpTestServer, type SmtpTestServer } from '../test-support/smtp-test-server';
import { MailboxPage } from './pages/mailbox.page';
import { api } from './support/api';
import { expect, screenshot, test } from './support/fixtures';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let smtp: SmtpTestServer;
test.beforeEach(async () => {
  smtp = await startSmtpTestServer({ security: 'none' });
});
test.afterEach(async () => smtp.close());

test('company info is saved and a missing Arabic name is refused by field', async ({ app, page }, info) => {
  await app.go('معلومات الشركة');
  await page.getByLabel('الاسم (بالإنجليزية)').fill('Daftar Trading');
  await page.getByLabel('الاسم (بالإنجليزية)').press('Enter');
  await expect(page.locator('.field-invalid')).toContainText('حقل مطلوب.');

  await page.getByLabel('الاسم (بالعربية)').fill('شركة دفتر للتجارة');
  await page.getByLabel('الهاتف').fill('09-2345678');
  await page.getByLabel('العملة الافتراضية').selectOption('USD');
  await expect(page.getByLabel('العملة الافتراضية').locator('option:checked')).toHaveText('دولار $');
  await page.getByLabel('نسبة الضريبة الافتراضية %').fill('١٦');
  // A logo that is too big is refused with its size; a small PNG is shown and kept.
  const logoInput = page.locator('input[type=file]');
  await logoInput.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(600 * 1024) });
  await expect(page.getByText('حجم الشعار ٦٠٠ كيلوبايت')).toBeVisible();
  await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') });
  await expect(page.getByRole('img', { name: 'الشعار' })).toBeVisible();
  await page.getByLabel('الهاتف').press('Enter');
  await expect(page.getByText('تم الحفظ')).toBeVisible();
  await screenshot(page, info, 'company');

  await page.reload();
  await app.ready();
  await app.go('معلومات الشركة');
  await expect(page.getByLabel('الاسم (بالعربية)')).toHaveValue('شركة دفتر للتجارة');
  await expect(page.getByLabel('العملة الافتراضية')).toHaveValue('USD');
  await expect(page.getByRole('img', { name: 'الشعار' })).toHaveAttribute('src', `data:image/png;base64,${PNG_1PX}`);
  await expect(page.getByLabel('نسبة الضريبة الافتراضية %')).toHaveValue('١٦');

  // New invoice lines start with the company's tax rate, in the interface's digits, in dollars.
  await app.go('فواتير المبيعات');
  await page.getByRole('button', { name: 'جديد' }).click();
  await expect(page.getByRole('textbox', { name: 'الضريبة % 1', exact: true })).toHaveValue('١٦');
  await expect(page.getByRole('textbox', { name: 'الكمية 1', exact: true })).toHaveValue('١');
  await expect(page.getByLabel(/^العملة/)).toHaveValue('USD');
});

test('a screen whose load fails says why and offers Try again, instead of waiting forever', async ({
  app,
  page,
}, info) => {
  // Daftar stops answering while the screen loads (the host busy or gone): the load fails as the user would meet it.
  await page.route('**/api/call/company.get', (route) => route.abort('connectionrefused'));
  await app.go('معلومات الشركة');
  const failed = page.getByRole('alert').filter({ hasText: 'دفتر لا يستجيب. هل ما زال يعمل؟' });
  await expect(failed).toBeVisible();
  await expect(page.getByText('جارٍ التحميل…')).toHaveCount(0);
  await screenshot(page, info, 'load-failed');

  // Back again: Try again loads the screen.
  await page.unroute('**/api/call/company.get');
  await failed.getByRole('button', { name: 'حاول مجددًا' }).click();
  await expect(page.getByLabel('الاسم (بالعربية)')).toBeVisible();
  await expect(failed).toHaveCount(0);
});

test('sender mailbox: save, test connection, wrong password, send a test email', async ({ app, host, page }, info) => {
  const mailbox = new MailboxPage(page);
  await app.go('البريد المرسِل');
  await mailbox.field('الحماية').selectOption('none');
  await mailbox.fill({
    'الاسم الظاهر': 'شركة دفتر',
    'عنوان المرسِل': 'office@daftar.ps',
    'خادم SMTP': '127.0.0.1',
    المنفذ: String(smtp.port),
    'اسم المستخدم': 'daftar',
    'كلمة المرور': 'correct horse',
  });
  await mailbox.field('كلمة المرور').press('Enter');
  await expect(page.getByText('تم الحفظ')).toBeVisible();
  // The password is kept but never shown again.
  await expect(mailbox.field('كلمة المرور')).toHaveValue('');
  await expect(mailbox.field('كلمة المرور')).toHaveAttribute('placeholder', /محفوظة/);

  await page.getByRole('button', { name: 'اختبار الاتصال' }).click();
  await expect(mailbox.result).toContainText('نجح الاتصال وتسجيل الدخول.');
  await screenshot(page, info, 'mailbox-test-ok');

  await mailbox.field('كلمة المرور').fill('wrong');
  await page.getByRole('button', { name: 'اختبار الاتصال' }).click();
  await expect(mailbox.result).toContainText('رفض الخادم اسم المستخدم أو كلمة المرور.');
  await expect(mailbox.result).toContainText('535');
  await screenshot(page, info, 'mailbox-test-auth');

  await mailbox.field('كلمة المرور').fill('');
  await page.getByLabel('أرسل رسالة تجريبية إلى').fill('owner@daftar.ps');
  await page.getByRole('button', { name: 'إرسال رسالة تجريبية' }).click();
  // The address keeps its own direction inside the Arabic sentence (first-strong isolation).
  await expect(mailbox.result).toContainText('أُرسلت الرسالة التجريبية إلى \u2068owner@daftar.ps\u2069');
  const { mail } = await smtp.nextMessage();
  expect(mail.subject).toBe('رسالة تجريبية من دفتر');
  expect(mail.from?.value[0]).toEqual({ name: 'شركة دفتر', address: 'office@daftar.ps' });

  // Another port: the saved password is not offered to that server, and the form says why.
  await mailbox.fill({ المنفذ: '2526' });
  await expect(page.getByText('كلمة المرور المحفوظة تخص الخادم الذي حُفظت له')).toBeVisible();
  await expect(mailbox.field('كلمة المرور')).not.toHaveAttribute('placeholder', /محفوظة/);
  await screenshot(page, info, 'mailbox-password-other-server');
  // Another machine without security, the password typed: refused at the field, nothing saved.
  await mailbox.fill({ 'خادم SMTP': 'mail.daftar.ps', 'كلمة المرور': 'correct horse' });
  await mailbox.field('كلمة المرور').press('Enter');
  await expect(page.getByText('دون حماية ستعبر كلمة المرور الشبكة نصًا مكشوفًا')).toBeVisible();
  await screenshot(page, info, 'mailbox-password-in-clear');
  expect((await api(host, 'mailbox.get', {})).host).toBe('127.0.0.1');
});

test('a closed port is reported as refused, in English after switching language', async ({ app, page }, info) => {
  await app.go('خصائص البرنامج');
  await page.getByLabel('لغة الواجهة').selectOption('en');
  await expect(page.getByLabel('لغة الواجهة')).toHaveValue('en');
  await page.getByLabel('لغة الواجهة').press('Enter'); // Enter on a drop-down saves the form
  await expect(page.getByRole('heading', { level: 1, name: 'Program properties' })).toBeVisible();
  expect(await app.direction()).toBe('ltr');
  await screenshot(page, info, 'properties-english');

  const mailbox = new MailboxPage(page);
  await app.go('Sender mailbox');
  await mailbox.field('Security').selectOption('none');
  await mailbox.fill({ 'Sender address': 'office@daftar.ps', 'SMTP server': '127.0.0.1', Port: '1' });
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(mailbox.result).toContainText('The server refused the connection on port 1');
  await screenshot(page, info, 'mailbox-english');
});

test('a provider preset fills the mailbox and its sending limits, which stay editable and are kept', async ({
  app,
  page,
}, info) => {
  await app.go('البريد المرسِل');
  await page.getByLabel('المزوّد').selectOption({ label: 'Microsoft 365' });
  await expect(page.getByLabel('خادم SMTP')).toHaveValue('smtp.office365.com');
  await expect(page.getByLabel('المنفذ')).toHaveValue('587');
  await expect(page.getByLabel('الحماية')).toHaveValue('starttls');
  await expect(page.getByLabel('طريقة الدخول')).toHaveValue('microsoft');
  await expect(page.getByLabel('الرسائل في الدقيقة')).toHaveValue('30');
  await expect(page.getByLabel('المستلمون في اليوم (آخر ٢٤ ساعة)')).toHaveValue('10000');
  // The office's plan allows less: typed in Arabic-Indic digits.
  await page.getByLabel('المستلمون في اليوم (آخر ٢٤ ساعة)').fill('٢٠٠٠');
  await page.getByLabel('عنوان المرسِل').fill('office@daftar.ps');
  await screenshot(page, info, 'mailbox-preset');
  await page.getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(page.getByText('تم الحفظ')).toBeVisible();

  await page.reload();
  await app.ready();
  await app.go('البريد المرسِل');
  await expect(page.getByLabel('المزوّد')).toHaveValue('microsoft365');
  await expect(page.getByLabel('المستلمون في اليوم (آخر ٢٤ ساعة)')).toHaveValue('2000');
  await expect(page.getByLabel('المستلمون في الرسالة الواحدة')).toHaveValue('500');
});
