import { expect, screenshot, withLicensing as test } from './support/fixtures';
import { answerConfirm } from './pages/app.page';

test('buy 2 packs by card with the sandbox provider: pending order, pay, the balance +2000 shows by itself', async ({
  app,
  page,
  context,
}, info) => {
  // The first sync at start registers this desktop and brings the 5-message trial.
  await expect(page.getByTestId('credits-status')).toContainText('الرسائل: ٥');
  await expect(page.getByTestId('credits-status')).toContainText('متصل');

  await app.go('شراء / تمديد الحساب');
  await expect(page.getByText('١٬٠٠٠ رسالة بسعر ١٠٫٠٠ USD')).toBeVisible();
  await page.getByLabel('عدد الحزم').fill('٢'); // Arabic-Indic digits are numbers too
  await page.getByLabel('بطاقة ائتمان').check();
  await expect(page.getByTestId('invoice-total')).toHaveText('٢٠٫٠٠ USD');
  await screenshot(page, info, 'buy');

  const checkoutOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'ادفع' }).click();
  await answerConfirm(page, true);
  const checkout = await checkoutOpened;
  await expect(page.getByText('تم تسجيل الطلب')).toBeVisible();
  await expect(page.getByRole('table', { name: 'الطلبات' })).toContainText('بانتظار الدفع');
  // While the order waits for its payment, Pay is not offered again.
  await expect(page.getByTestId('awaiting-payment')).toContainText('طلب ٢٬٠٠٠ رسالة بانتظار الدفع');
  await expect(page.getByRole('button', { name: 'ادفع' })).toBeDisabled();

  // The provider's page: pay.
  await expect(checkout.getByText('Total: 20.00 USD')).toBeVisible();
  await checkout.getByRole('button', { name: 'Pay' }).click();
  await expect(checkout.getByText('Payment received')).toBeVisible();
  await checkout.close();

  // Nobody presses "sync": Daftar checks the pending order every few seconds, so it shows paid within seconds.
  await expect(page.getByTestId('buy-balance')).toHaveText('الرسائل: ٢٬٠٠٥', { timeout: 30_000 });
  await expect(page.getByTestId('awaiting-payment')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'ادفع' })).toBeEnabled();
  await expect(page.getByRole('table', { name: 'الطلبات' })).toContainText('مدفوع');
  await expect(page.getByTestId('credits-status')).toContainText('٢٬٠٠٥');
  await screenshot(page, info, 'buy-paid');
});
