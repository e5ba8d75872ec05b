import { startOAuthTestServer, TEST_CLIENT_ID, type OAuthTestServer } from '../test-support/oauth-test-server';
import { startSmtpTestServer, type SmtpTestServer } from '../test-support/smtp-test-server';
import { api, saveCustomer } from './support/api';
import { expect, screenshot, withLicensing as test } from './support/fixtures';

const OFFICE = 'office@daftar.ps';
let op: OAuthTestServer;
let smtp: SmtpTestServer;
/** The tokens the SMTP server was shown, in order, and whether the provider vouched for each. */
let logins: { token: string; ok: boolean }[];

test.beforeEach(async () => {
  logins = [];
  // Access tokens live two seconds at this provider: each later send needs a refreshed one.
  op = await startOAuthTestServer({ accessTokenTtlSeconds: 2 });
  smtp = await startSmtpTestServer({
    security: 'none',
    xoauth2: async (user, token) => {
      const { active, sub } = await op.introspect(token);
      logins.push({ token, ok: active && sub === user });
      return active && sub === user;
    },
  });
});
test.afterEach(async () => {
  await smtp.close();
  await op.close();
});

async function queueInvoice(host: Parameters<typeof api>[0], to: string) {
  const party = await saveCustomer(host, `زبون ${to}`, to, to);
  const invoice = await api(host, 'vouchers.save', {
    type: 'sales_invoice',
    date: '2026-11-30',
    partyId: party.id,
    currency: 'ILS',
    language: 'ar',
    notes: '',
    lines: [{ description: 'بند', quantityMilli: 1000, unitPriceMinor: 500, discountBp: 0, taxBp: 0 }],
  });
  await api(host, 'mail.send', { target: { kind: 'voucher', id: invoice.id }, to: [to], subject: 'فاتورة' });
}

test('sign in at the provider’s own page, send with no password kept; an expired token is renewed; a revoked grant pauses sending until signing in again', async ({
  app,
  page,
  context,
  host,
}, info) => {
  await api(host, 'company.save', {
    nameAr: 'شركة دفتر',
    nameEn: '',
    address: '',
    phone: '',
    taxNumber: '',
    logo: null,
    defaultCurrency: 'ILS',
  });
  await api(host, 'mailbox.save', {
    displayName: 'دفتر',
    address: OFFICE,
    replyTo: '',
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    username: '',
  });
  await api(host, 'credits.sync', {});

  // Settings → Sender mailbox: another OAuth2 provider, by its address and this app's client ID.
  await app.go('البريد المرسِل');
  await page.getByLabel('طريقة الدخول').selectOption({ label: 'مزوّد OAuth2 آخر' });
  await page.getByLabel('عنوان المزوّد (issuer)').fill(op.issuer);
  await page.getByLabel('معرّف العميل (Client ID)').fill(TEST_CLIENT_ID);
  await expect(page.getByTestId('oauth-status')).toHaveText(
    'لم يُسجَّل الدخول بعد: لا يمكن إرسال البريد قبل تسجيل الدخول.',
  );
  const providerOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: /تسجيل الدخول — مزوّد OAuth2 آخر/ }).click();
  const provider = await providerOpened;
  await expect(page.getByTestId('oauth-status')).toHaveText('بانتظار إكمال تسجيل الدخول في المتصفح…');

  // The provider's own pages: log in, then allow.
  await provider.locator('input[name="login"]').fill(OFFICE);
  await provider.locator('input[name="password"]').fill('the provider asks, not Daftar');
  await provider.getByRole('button', { name: 'Sign-in' }).click();
  await provider.getByRole('button', { name: 'Continue' }).click();
  await expect(provider.getByText('تم تسجيل الدخول. يمكنك إغلاق هذه النافذة والعودة إلى دفتر.')).toBeVisible();
  await provider.close();

  await expect(page.getByTestId('oauth-status')).toHaveText(`تم الدخول باسم ${OFFICE}`);
  await screenshot(page, info, 'mailbox-signed-in');
  // No password anywhere: not in the book, not in the secrets file.
  await page.getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(page.getByText('تم الحفظ')).toBeVisible();

  await queueInvoice(host, 'first@alnoor.ps');
  expect((await smtp.nextMessage()).rcptTo).toEqual(['first@alnoor.ps']);

  // The first token has expired at the provider by now: a refreshed one sends the next message.
  await new Promise((r) => setTimeout(r, 2500));
  await queueInvoice(host, 'second@alnoor.ps');
  expect((await smtp.nextMessage()).rcptTo).toEqual(['second@alnoor.ps']);
  expect(logins.filter((l) => l.ok)).toHaveLength(2);
  expect(logins.at(-1)!.token).not.toBe(logins[0]!.token);

  // The office revokes Daftar at the provider: sending pauses and says to sign in again; nothing fails.
  await op.revoke(logins.at(-1)!.token);
  await new Promise((r) => setTimeout(r, 2500));
  await queueInvoice(host, 'third@alnoor.ps');
  await app.go('صندوق الصادر');
  await expect(page.getByText(/يجب تسجيل دخول البريد من جديد/).first()).toBeVisible();
  await screenshot(page, info, 'outbox-sign-in-again');
  expect(smtp.messages).toHaveLength(2);

  // Sign in again (still logged in at the provider, the person only allows Daftar again): the waiting message goes.
  await app.go('البريد المرسِل');
  const again = context.waitForEvent('page');
  await page.getByRole('button', { name: /تسجيل الدخول — مزوّد OAuth2 آخر/ }).click();
  const second = await again;
  await second.getByRole('button', { name: 'Continue' }).click();
  await expect(second.getByText('Signed in. You can close this window and go back to Daftar.')).toBeVisible();
  await second.close();
  await expect(page.getByTestId('oauth-status')).toHaveText(`تم الدخول باسم ${OFFICE}`);
  expect((await smtp.nextMessage()).rcptTo).toEqual(['third@alnoor.ps']);
});
