import { api } from './support/api';
import { expect, screenshot, test } from './support/fixtures';

test('a user without "send email" sees no envelope, and the core refuses a forged send', async ({
  app,
  page,
  host,
}, info) => {
  const party = await api(host, 'parties.save', {
    kind: 'customer',
    code: '1',
    name: 'زبون',
    phone: '',
    address: '',
    taxNumber: '',
    jobTitle: '',
    notes: '',
    emails: 'c@x.ps',
  });
  const voucher = await api(host, 'vouchers.save', {
    type: 'sales_invoice',
    date: '2026-04-01',
    partyId: party.id,
    currency: 'ILS',
    language: 'ar',
    notes: '',
    lines: [{ description: 'بند', quantityMilli: 1000, unitPriceMinor: 500, discountBp: 0, taxBp: 0 }],
  });
  await api(host, 'users.save', { id: 'admin', name: 'admin', permissions: [], password: 'admin-pass-1' });
  await api(host, 'users.save', { name: 'clerk', permissions: ['view_mail_report'], password: 'clerk-pass-1' });
  await api(host, 'users.logout', {});

  await page.reload();
  await expect(page.getByRole('heading', { name: 'الدخول إلى دفتر' })).toBeVisible();
  await page.getByLabel('اسم المستخدم').fill('clerk');
  await page.getByLabel('كلمة المرور').fill('wrong');
  await page.getByLabel('كلمة المرور').press('Enter');
  await expect(page.getByText('اسم المستخدم أو كلمة المرور غير صحيحة.')).toBeVisible();
  await page.getByLabel('كلمة المرور').fill('clerk-pass-1');
  await page.getByLabel('كلمة المرور').press('Enter');
  await app.ready();
  await expect(app.statusBar).toContainText('المستخدم: clerk');
  await expect(app.nav.getByRole('button', { name: 'البريد الجماعي' })).toHaveCount(0);
  await expect(app.nav.getByRole('button', { name: 'معلومات الشركة' })).toHaveCount(0);

  await app.go('فواتير المبيعات');
  await page.getByRole('row').getByRole('button', { name: '١', exact: true }).click();
  await expect(page.getByRole('button', { name: 'معاينة' })).toBeVisible();
  await expect(page.getByRole('button', { name: /إرسال بالبريد/ })).toHaveCount(0);
  await screenshot(page, info, 'no-envelope');

  // A forged call from the page, with the session's own cookie: refused by the core.
  const answer = await page.evaluate(async (id) => {
    const res = await fetch('/api/call/mail.send', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: { kind: 'voucher', id }, to: ['c@x.ps'], subject: 'x' }),
    });
    return res.json();
  }, voucher.id);
  expect(answer).toMatchObject({
    ok: false,
    error: { code: 'forbidden', details: { reason: 'permission', permission: 'send_email' } },
  });
});
