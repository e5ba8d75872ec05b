import { expect, test } from '@playwright/test';
import { startDnsTestServer, type DnsTestServer } from '../test-support/dns-test-server';
import { AppPage } from './pages/app.page';
import { screenshot } from './support/fixtures';
import { startHost } from './support/host';

// The host asks a real DNS server (dnsmasq on 127.0.0.1) holding fixture records.
let dns: DnsTestServer;
test.beforeEach(async () => {
  dns = await startDnsTestServer({
    zones: ['test', 'outlook.com', 'google.com'],
    txt: {
      'spf.protection.outlook.com': ['v=spf1 ip4:40.92.0.0/15 -all'],
      '_spf.google.com': ['v=spf1 ip4:35.190.247.0/24 ~all'],
      'alnoor.test': ['v=spf1 include:_spf.google.com -all'],
      '_dmarc.alnoor.test': ['v=DMARC1; p=reject'],
    },
    a: { 'alnoor.test': '192.0.2.10' },
  });
});
test.afterEach(() => dns.close());

test('the sender domain check says Microsoft 365 may not send for the domain, what to add, and what DMARC will do', async ({
  page,
}, info) => {
  const host = await startHost(['--dns-server', dns.server]);
  try {
    await page.goto(host.url);
    const app = new AppPage(page);
    await app.ready();
    await app.go('البريد المرسِل');
    await page.getByLabel('المزوّد').selectOption({ label: 'Microsoft 365' });
    await page.getByLabel('عنوان المرسِل').fill('office@alnoor.test');
    await page.getByRole('button', { name: 'افحص نطاق المرسِل' }).click();
    const result = page.locator('.domain-check');
    await expect(result).toHaveAttribute('data-spf', 'fail');
    await expect(result).toContainText('لا يسمح النطاق لـ Microsoft 365 بالإرسال باسمه');
    await expect(result.locator('code').first()).toHaveText('include:spf.protection.outlook.com');
    await expect(result).toContainText('السياسة رفض (p=reject)');
    await expect(result).toContainText('لن تصل رسائلك كما يجب');
    await expect(result).toContainText('لا يوجد مفتاح DKIM لـ Microsoft 365');
    await screenshot(page, info, 'domain-check');

    // Saving offers the check at once.
    await page.getByRole('button', { name: 'حفظ', exact: true }).click();
    await expect(page.getByText('افحص الآن هل يسمح نطاق المرسِل')).toBeVisible();
    await page.getByRole('status').getByRole('button', { name: 'افحص نطاق المرسِل' }).click();
    await expect(result).toHaveAttribute('data-spf', 'fail');
  } finally {
    await host.stop();
  }
});
