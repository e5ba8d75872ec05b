import { PERMISSIONS, type Permission } from '../src-shared/users/permissions';
import { api } from './support/api';
import { expect, screenshot, test } from './support/fixtures';

/** What each permission opens in the window: its navigation entries (Arabic labels). */
const ENTRIES: Record<Permission, string[]> = {
  edit_cards: [],
  edit_vouchers: [],
  send_email: [],
  send_bulk: ['البريد الجماعي'],
  buy_credits: ['شراء / تمديد الحساب'],
  view_mail_report: ['تقرير البريد', 'صندوق الصادر'],
  edit_company: ['معلومات الشركة', 'البريد المرسِل', 'قوالب البريد'],
  manage_users: ['المستخدمون'],
};

test('for each permission, a user without it does not see what it opens, and sees the rest', async ({
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
  await api(host, 'vouchers.save', {
    type: 'sales_invoice',
    date: '2026-04-01',
    partyId: party.id,
    currency: 'ILS',
    language: 'ar',
    notes: '',
    lines: [{ description: 'بند', quantityMilli: 1000, unitPriceMinor: 500, discountBp: 0, taxBp: 0 }],
  });
  await api(host, 'users.save', { id: 'admin', name: 'admin', permissions: [], password: 'admin-pass-1' });
  for (const missing of PERMISSIONS) {
    await api(host, 'users.save', {
      name: `without-${missing}`,
      permissions: PERMISSIONS.filter((p) => p !== missing),
      password: 'user-pass-1',
    });
  }

  for (const missing of PERMISSIONS) {
    await api(host, 'users.login', { name: `without-${missing}`, password: 'user-pass-1' });
    await page.reload();
    await app.ready();
    await expect(app.statusBar).toContainText(`without-${missing}`);
    for (const [permission, labels] of Object.entries(ENTRIES)) {
      for (const label of labels) {
        await expect(
          app.nav.getByRole('button', { name: label, exact: true }),
          `${label} for a user without ${missing}`,
        ).toHaveCount(permission === missing ? 0 : 1);
      }
    }
    // The balance in the status bar leads to the buy screen only for those who may buy.
    await expect(page.getByTestId('credits-status')).toHaveJSProperty(
      'tagName',
      missing === 'buy_credits' ? 'SPAN' : 'BUTTON',
    );
    // A card opens for everyone; only those who may edit cards get "New", Save and editable fields.
    await app.go('الزبائن');
    await expect(page.getByRole('button', { name: 'جديد', exact: true })).toHaveCount(missing === 'edit_cards' ? 0 : 1);
    await page.getByRole('row').getByRole('button', { name: 'زبون', exact: true }).click();
    const card = page.getByRole('region', { name: /زبون/ });
    await expect(card.getByLabel('الاسم')).toHaveValue('زبون');
    if (missing === 'edit_cards') await expect(card.getByLabel('الاسم')).toBeDisabled();
    else await expect(card.getByLabel('الاسم')).toBeEditable();
    await expect(card.getByRole('button', { name: 'حفظ', exact: true })).toHaveCount(missing === 'edit_cards' ? 0 : 1);
    if (missing === 'edit_cards') await screenshot(page, info, 'card-read-only');

    // The envelope on a saved voucher, and Save and email, only for those who may send;
    // Save and Cancel voucher only for those who may edit vouchers.
    await app.go('فواتير المبيعات');
    await expect(page.getByRole('button', { name: 'جديد', exact: true })).toHaveCount(
      missing === 'edit_vouchers' ? 0 : 1,
    );
    await page.getByRole('row').getByRole('button', { name: '١', exact: true }).click();
    await expect(page.getByRole('button', { name: 'معاينة' })).toBeVisible();
    await expect(page.getByRole('button', { name: /إرسال بالبريد/ })).toHaveCount(missing === 'send_email' ? 0 : 1);
    const editable = missing === 'edit_vouchers' ? 0 : 1;
    await expect(page.getByRole('button', { name: 'حفظ', exact: true })).toHaveCount(editable);
    await expect(page.getByRole('button', { name: 'إبطال السند', exact: true })).toHaveCount(editable);
    if (missing === 'edit_vouchers') await screenshot(page, info, 'voucher-read-only');
  }
});
