import type { Page, TestInfo } from '@playwright/test';
import { startSmtpTestServer, type SmtpTestServer } from '../test-support/smtp-test-server';
import { api } from './support/api';
import { expect, withLicensing as test } from './support/fixtures';
import type { RunningHost } from './support/host';
import { layoutProblems } from './support/layout';
import { loopbackMailbox } from '../test-support/fixtures';

/**
 * Every screen at the sizes offices use, in both languages, with the longest names and the
 * largest amounts the book keeps: a screenshot of each to look at, and a check that nothing
 * sticks out, hides under the status bar or is clipped.
 */
const LONG_NAME = 'شركة عبد الله بن عبد الرحمن الخطيب للتجارة العامة والمقاولات والاستيراد والتصدير المحدودة';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

let smtp: SmtpTestServer;
test.beforeEach(async () => {
  // The first message goes, the second is refused: the outbox and the report show both kinds.
  const replies: ({ code: number; message: string } | null)[] = [null, { code: 550, message: '5.1.1 User unknown' }];
  smtp = await startSmtpTestServer({ security: 'none', reply: () => replies.shift() ?? null });
});
test.afterEach(async () => smtp.close());

async function seed(host: RunningHost): Promise<void> {
  await api(host, 'company.save', {
    nameAr: 'شركة دفتر للتجارة العامة والمقاولات والاستيراد والتصدير المساهمة الخصوصية المحدودة',
    nameEn: 'Daftar General Trading, Contracting, Import and Export Private Shareholding Company Ltd.',
    address: 'نابلس، شارع فيصل، عمارة الخطيب، الطابق الثالث',
    phone: '09-2345678',
    taxNumber: '563412789',
    logo: null,
    defaultCurrency: 'ILS',
    defaultTaxBp: 1600,
  });
  await api(host, 'mailbox.save', loopbackMailbox(smtp.port));
  const party = await api(host, 'parties.save', {
    kind: 'customer',
    code: 'C-000000000001',
    name: LONG_NAME,
    phone: '059-9999999',
    address: 'رام الله، شارع الإرسال',
    taxNumber: '999999999',
    jobTitle: '',
    notes: '',
    emails: 'accounts.receivable.department@very-long-company-domain-name.ps, b@x.ps',
  });
  const line = (description: string, unitPriceMinor: number) => ({
    description,
    quantityMilli: 1000,
    unitPriceMinor,
    discountBp: 0,
    taxBp: 1600,
  });
  // 12-digit amounts: 123,456,789,012.34 and the like.
  const invoice = await api(host, 'vouchers.save', {
    type: 'sales_invoice',
    number: 999_999_999_999,
    date: '2026-11-15',
    partyId: party.id,
    currency: 'ILS',
    language: 'ar',
    notes: '',
    lines: [
      line('توريد مواد بناء وحديد تسليح ومواد عزل لمشروع العمارة السكنية', 12_345_678_901_234),
      line('نقل', 98_765_432_100),
    ],
  });
  await api(host, 'vouchers.save', {
    type: 'receipt',
    date: '2026-11-20',
    partyId: party.id,
    currency: 'ILS',
    language: 'ar',
    notes: '',
    payment: {
      amountMinor: 99_999_999_999_999,
      method: 'cheque',
      chequeNumber: '000123456789',
      chequeDueDate: '2026-12-31',
      transferReference: '',
      description: 'دفعة على الحساب',
    },
  });
  await api(host, 'mail.send', {
    target: { kind: 'voucher', id: invoice.id },
    to: ['accounts.receivable.department@very-long-company-domain-name.ps'],
    subject: 'فاتورة',
  });
  await api(host, 'mail.send', { target: { kind: 'voucher', id: invoice.id }, to: ['gone@x.ps'], subject: 'فاتورة' });
}

/** Each screen of the sidebar, one after another; then the states that open more (a form, a dialog, a detail). */
async function visitAll(page: Page, info: TestInfo, tag: string): Promise<string[]> {
  const found: string[] = [];
  const check = async (what: string) => {
    await page.screenshot({ path: info.outputPath(`${tag}-${what}.png`) });
    for (const problem of await layoutProblems(page)) found.push(`${tag} ${what}: ${problem}`);
  };
  const nav = page.getByRole('navigation').getByRole('button');
  const count = await nav.count();
  for (let i = 0; i < count; i++) {
    const item = nav.nth(i);
    const label = (await item.textContent())!.trim();
    await item.click();
    await expect(page.locator('main h1').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await check(`${String(i + 1).padStart(2, '0')}-${label.replace(/[\\/]/g, '-')}`);
  }
  return found;
}

for (const size of SIZES) {
  test(`every screen fits at ${size.width}×${size.height} in Arabic and English, with long names and 12-digit amounts`, async ({
    app,
    page,
    host,
  }, info) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await seed(host);
    await expect
      .poll(async () => (await api(host, 'mail.outbox', {})).items.map((m) => m.status).sort())
      .toEqual(['failed', 'sent']);
    const problems: string[] = [];
    for (const language of ['ar', 'en'] as const) {
      await api(host, 'settings.save', { language });
      await page.reload();
      await app.ready();
      const tag = `${size.width}-${language}`;
      problems.push(...(await visitAll(page, info, tag)));

      // The states behind the screens: a card, a voucher with its lines, a message's detail, the bulk preview.
      const shot = async (what: string) => {
        await page.screenshot({ path: info.outputPath(`${tag}-${what}.png`) });
        for (const problem of await layoutProblems(page)) problems.push(`${tag} ${what}: ${problem}`);
      };
      const nav = page.getByRole('navigation').getByRole('button');
      await nav.nth(0).click();
      await page.getByRole('row').getByRole('button').first().click();
      await expect(page.locator('section.card-form, form').first()).toBeVisible();
      await shot('card');
      // Saved, the card shows a notice above its buttons: they stay above the status bar, in reach.
      await page.locator('form').last().press('Enter');
      await expect(
        page.getByRole('status').filter({ hasText: language === 'ar' ? 'تم حفظ البطاقة.' : 'Card saved.' }),
      ).toBeVisible();
      await page.locator('.form-buttons button[type=submit]').last().scrollIntoViewIfNeeded();
      await shot('card-saved');
      await nav.nth(3).click();
      await page.getByRole('row').getByRole('button').first().click();
      await expect(page.getByTestId('voucher-total')).toBeVisible();
      await shot('invoice');
      const words =
        language === 'ar'
          ? { close: 'إغلاق', view: 'عرض', detail: 'الرسالة', newOne: 'جديد' }
          : { close: 'Close', view: 'View', detail: 'Message', newOne: 'New' };
      await page.locator('section.voucher-form button.envelope').click();
      const send = page.getByRole('dialog');
      await expect(send.getByTestId('mail-cost')).toBeVisible();
      await shot('send-dialog');
      await send.getByRole('button', { name: words.close }).click();
      await page.getByRole('button', { name: words.newOne }).click();
      await shot('invoice-new');

      await nav.nth(10).click(); // bulk email
      await page.getByRole('button', { name: words.view, exact: true }).click();
      await expect(page.getByTestId('bulk-summary')).toBeVisible();
      await shot('bulk-preview');

      await nav.nth(16).click(); // mail report
      await page.getByRole('table').getByRole('button').first().click();
      await expect(page.getByRole('region', { name: words.detail })).toBeVisible();
      await shot('mail-report-detail');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('region', { name: words.detail })).toHaveCount(0);
    }
    expect(problems).toEqual([]);
  });
}
