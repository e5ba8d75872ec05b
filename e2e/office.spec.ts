import { test, expect, type Page } from '@playwright/test';
import pg from 'pg';
import { startPrivatePostgres, type PrivatePostgres } from '../test-support/licensing/private-postgres';
import { connectionOf, freshPostgres, type FreshDatabase } from '../test-support/fresh-postgres';
import { startTcpProxy } from '../test-support/tcp-proxy';
import { answerConfirm, AppPage } from './pages/app.page';
import { api, saveCustomer } from './support/api';
import { screenshot } from './support/fixtures';
import { startHost } from './support/host';

let postgres: PrivatePostgres;
let database: FreshDatabase;
test.beforeAll(async () => {
  postgres = await startPrivatePostgres();
  database = await freshPostgres('e2e_office', postgres.url);
});
test.afterAll(async () => {
  await database?.drop();
  await postgres?.stop();
});

/** Settings → Program properties → Where the book is, the office server's form filled in. */
async function officeForm(page: Page, port: number, officeKey = '') {
  const app = new AppPage(page);
  await app.ready();
  await app.go('خصائص البرنامج');
  await page.getByRole('button', { name: 'مكان الدفتر…' }).click();
  const c = connectionOf(database.url);
  const form = page.getByRole('form', { name: 'خادم المكتب (PostgreSQL)' });
  await form.getByLabel('الخادم (اسمه أو عنوانه)').fill(c.host);
  await form.getByLabel('المنفذ').fill(String(port));
  await form.getByLabel('قاعدة البيانات').fill(c.database);
  // The desktops' role, as the README sets an office up (the owner's is typed only to make the book).
  await form.getByLabel('اسم المستخدم').fill(database.desktop.user);
  await form.getByLabel('التشفير (TLS)').selectOption('off');
  if (officeKey) await form.getByLabel('مفتاح المكتب').fill(officeKey);
  return form;
}

test('moves the book to the office server from Settings; a second desktop joins with the office key, and says plainly when the server is away', async ({
  page,
  browser,
}, info) => {
  test.setTimeout(240_000);
  const port = connectionOf(database.url).port;
  const first = await startHost();
  const proxy = await startTcpProxy(port);
  let second = await startHost();
  try {
    await saveCustomer(first, 'شركة الأمل', '', '1');
    await page.goto(first.url);
    let form = await officeForm(page, port);
    // A server that does not answer is named, with its port.
    await form.getByLabel('المنفذ').fill('1');
    await form.getByRole('button', { name: 'اختبر الاتصال' }).click();
    await expect(page.getByRole('alert')).toContainText('لا يرد على المنفذ 1');
    await form.getByLabel('المنفذ').fill(String(port));
    await form.getByRole('button', { name: 'اختبر الاتصال' }).click();
    await expect(page.getByText('قاعدة البيانات فارغة')).toBeVisible();
    // Moving without the owner: the desktops' role cannot make the book's tables, and says who must.
    await form.getByRole('button', { name: 'انقل هذا الدفتر إلى خادم المكتب' }).click();
    await answerConfirm(page, true);
    await expect(page.getByRole('alert')).toContainText('يجب أن ينشئ مالكُ دفتر المكتب الدفترَ');
    await form.getByLabel('اسم مستخدم المالك').fill(database.desktop.owner.user);
    await form.getByLabel('كلمة مرور المالك').fill(database.desktop.owner.password);
    await screenshot(page, info, 'office-tested-empty');
    await form.getByRole('button', { name: 'انقل هذا الدفتر إلى خادم المكتب' }).click();
    expect(await answerConfirm(page, true)).toContain('يبقى الملف على هذا الحاسوب كما هو');
    // Daftar starts again on the office book: the status bar says where it is.
    const status = page.getByRole('contentinfo');
    await expect(status).toContainText('دفتر المكتب', { timeout: 60_000 });
    await expect(status).toContainText(`127.0.0.1:${port}/${connectionOf(database.url).database}`);
    await expect(page.getByText('شركة الأمل')).toBeVisible();

    // The office key, to set up the next desktop.
    await new AppPage(page).go('خصائص البرنامج');
    await page.getByRole('button', { name: 'مكان الدفتر…' }).click();
    await page.getByRole('button', { name: 'أظهر مفتاح المكتب' }).click();
    const officeKey = (await page.locator('code.office-key').textContent())!.trim();
    expect(officeKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await screenshot(page, info, 'office-book-settings');

    // Desktop two, through the office network (a relay it can lose).
    const other = await browser.newPage();
    await other.goto(second.url);
    form = await officeForm(other, proxy.port);
    await form.getByRole('button', { name: 'اختبر الاتصال' }).click();
    await expect(other.getByText('في قاعدة البيانات دفتر مكتب')).toBeVisible();
    await expect(other.getByText('اكتب مفتاح المكتب لتعمل عليه')).toBeVisible();
    await form.getByLabel('مفتاح المكتب').fill(officeKey);
    await form.getByRole('button', { name: 'اختبر الاتصال' }).click();
    await expect(other.getByText('مفتاح المكتب يفتحه')).toBeVisible();
    await form.getByRole('button', { name: 'اعمل على دفتر المكتب' }).click();
    await answerConfirm(other, true);
    await expect(other.getByRole('contentinfo')).toContainText('دفتر المكتب', { timeout: 60_000 });
    await expect(other.getByText('شركة الأمل')).toBeVisible();

    // The office network goes down and desktop two starts again: it says so, and opens the book once it is back.
    await proxy.cut();
    await second.kill();
    second = await startHost([], { dataFolder: second.dataFolder });
    await other.goto(second.url);
    await expect(other.getByRole('heading', { name: 'تعذّر فتح دفتر المكتب' })).toBeVisible();
    await expect(other.getByRole('alert')).toContainText('لا يرد على المنفذ');
    await screenshot(other, info, 'office-unreachable');
    await proxy.mend();
    await other.getByRole('button', { name: 'أعد المحاولة' }).click();
    await expect(other.getByText('شركة الأمل')).toBeVisible({ timeout: 60_000 });
    await expect(other.getByRole('contentinfo')).toContainText('دفتر المكتب');
  } finally {
    await proxy.close();
    await first.stop();
    await second.stop();
  }
});

test('the file a move left behind opens from the rescue screen only for one of its users, and as a read-only record', async ({
  page,
}, info) => {
  test.setTimeout(90_000);
  const own = await freshPostgres('e2e_left', postgres.url);
  const c = connectionOf(own.url);
  const proxy = await startTcpProxy(c.port);
  let desktop = await startHost();
  try {
    await saveCustomer(desktop, 'شركة الأمل', '', '1');
    await api(desktop, 'users.save', { id: 'admin', name: 'admin', permissions: [], password: 'كلمة سر المدير' });
    await api(desktop, 'book.moveToOffice', {
      host: c.host,
      port: proxy.port,
      database: c.database,
      user: c.user,
      tls: 'off',
    });
    // The office server goes away, and the desktop starts again: the rescue screen.
    await proxy.cut();
    await desktop.kill();
    desktop = await startHost([], { dataFolder: desktop.dataFolder });
    await page.goto(desktop.url);
    await expect(page.getByRole('heading', { name: 'تعذّر فتح دفتر المكتب' })).toBeVisible();
    await page.getByRole('button', { name: 'اعمل على ملف الدفتر في هذا الحاسوب' }).click();
    expect(await answerConfirm(page, true)).toContain('سجلّ للقراءة فقط');
    // The file has users with passwords: one of them, by the file's password, opens it.
    const form = page.getByRole('form', { name: 'اعمل على ملف الدفتر في هذا الحاسوب' });
    await form.getByLabel('اسم المستخدم').fill('admin');
    await form.getByLabel('كلمة المرور').fill('not the password');
    await form.getByRole('button', { name: 'دخول' }).click();
    await expect(form.getByRole('alert')).toContainText('اسم المستخدم أو كلمة المرور غير صحيحة');
    await screenshot(page, info, 'left-behind-sign-in');
    await form.getByLabel('كلمة المرور').fill('كلمة سر المدير');
    await form.getByRole('button', { name: 'دخول' }).click();
    // Daftar starts again on the file: signed in as usual, with the record's banner always in view.
    await expect(page.getByRole('heading', { name: 'الدخول إلى دفتر' })).toBeVisible({ timeout: 60_000 });
    await page.getByLabel('اسم المستخدم').fill('admin');
    await page.getByLabel('كلمة المرور').fill('كلمة سر المدير');
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByText('الملف هنا سجلّ للقراءة فقط')).toBeVisible();
    await expect(page.getByText('شركة الأمل')).toBeVisible();
    // The balance, refused before anyone signed in, is read again for the user who did.
    await expect(page.getByRole('contentinfo')).not.toContainText('ليست لديك صلاحية');
    await screenshot(page, info, 'left-behind-record');
    // A save is refused with the reason.
    await expect(saveCustomer(desktop, 'شركة جديدة', '', '2')).rejects.toThrow(/book_moved_read_only/);
  } finally {
    await proxy.close();
    await desktop.stop();
    await own.drop();
  }
});

test('a desktop whose database user lost its rights says so at start, and the owner’s password typed there opens the book', async ({
  page,
}, info) => {
  test.setTimeout(90_000);
  const own = await freshPostgres('e2e_owner', postgres.url);
  const c = own.desktop;
  let desktop = await startHost();
  try {
    await saveCustomer(desktop, 'مؤسسة النور', '', '1');
    await api(desktop, 'book.moveToOffice', {
      host: c.host,
      port: c.port,
      database: c.database,
      user: c.user,
      password: c.password,
      tls: 'off',
      ownerUser: c.owner.user,
      ownerPassword: c.owner.password,
    });
    // The server's administrator takes the desktops' rights away (as an update that needs the owner would).
    const admin = new pg.Client({ connectionString: own.url });
    await admin.connect();
    await admin.query(`revoke all on all tables in schema public from ${c.user}`);
    await admin.query(`delete from office_desktop_roles`);
    await admin.end();
    await desktop.kill();
    desktop = await startHost([], { dataFolder: desktop.dataFolder });
    await page.goto(desktop.url);
    await expect(page.getByRole('heading', { name: 'تعذّر فتح دفتر المكتب' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('لم يُمنح المستخدم');
    const form = page.getByRole('form', { name: 'مالك الدفتر' });
    await form.getByLabel('اسم مستخدم المالك').fill(c.user);
    await form.getByLabel('كلمة مرور المالك').fill('not the owner');
    await form.getByRole('button', { name: 'حدّث دفتر المكتب' }).click();
    await expect(form.getByRole('alert')).toContainText('ليس مالك قاعدة البيانات');
    await form.getByLabel('اسم مستخدم المالك').fill(c.owner.user);
    await form.getByLabel('كلمة مرور المالك').fill(c.owner.password);
    await screenshot(page, info, 'office-needs-owner');
    await form.getByRole('button', { name: 'حدّث دفتر المكتب' }).click();
    await expect(page.getByText('مؤسسة النور')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('contentinfo')).toContainText('دفتر المكتب');
  } finally {
    await desktop.stop();
    await own.drop();
  }
});
