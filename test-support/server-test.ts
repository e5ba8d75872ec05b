/* eslint-disable no-empty-pattern -- vitest reads what a fixture needs from its first argument: `{}` is nothing */
import type { Ports } from '../src-main/ports';
import { ChromiumPrinter } from '../src-main/host/chromium-printer';
import { test as coreTest } from './core-test';
import { companyInput, loopbackMailbox } from './fixtures';
import { freshPostgres, type FreshDatabase } from './fresh-postgres';
import { payCheckout } from './licensing/pay';
import { startMailServers, type MailServers } from './mail-servers';
import { startTestLicensing, type TestLicensing } from './licensing/test-server';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server';
import { RESOURCES_DIR, testCore, type TestCore } from './test-core';

/** A loopback SMTP server; each message is refused with the next of `replies` (null: accepted, as when empty). */
export type QueuedSmtp = SmtpTestServer & { replies: ({ code: number; message: string } | null)[] };

/** Buy `packs` credit packs at the test licensing server, paying as a buyer would, and sync them in. */
export async function buyCredits(t: TestCore, packs = 1) {
  const { checkoutUrl } = await t.ok('credits.createOrder', { packs, method: 'card' });
  await payCheckout(checkoutUrl);
  await t.ok('credits.sync', {});
}

/** What a core needs to know of a test licensing server (the client's own timeout: the machine may be busy). */
export const licensingOf = (L: TestLicensing) => ({ url: L.server.url, publicKeyPem: L.publicKeyPem });

const startLicensing = async (onCleanup: (fn: () => Promise<void>) => void) => {
  const licensing = await startTestLicensing('sqlite');
  onCleanup(() => licensing.close());
  return licensing;
};

/**
 * `test` with the servers' fixtures, each started only for a test (or file) that names it, and
 * stopped after; test-support/tiers.ts puts every file that imports this in the integration tier.
 *
 * - `licensing`: a licensing server on SQLite, one per file.
 * - `freshLicensing`: one of the test's own, for tests that read the server's accounts and devices.
 * - `printer`: the Chromium printer, one per file (a core's close leaves it to the file).
 * - `smtp`: a plain loopback SMTP server per test, answering from `smtp.replies`.
 * - `mailServers`: Debian's Postfix and Dovecot with the users `office` and `customer`, one per file.
 * - `officeDatabase`: a fresh PostgreSQL database (an office book's place) per test, dropped after.
 * - `creditedCore`: a core (on a book file, or an office book under `npm run test:office`) that prints, knows the licensing server, has company info and
 *   one pack of credits bought; `coreOptions` adds to or changes its options.
 * - `mailingCore`: a core on a book file that prints, knows the licensing server, has company info, a
 *   sender mailbox on the test's `smtp` server and the trial's five credits; `coreOptions` as above.
 */
export const test = coreTest
  .extend('licensing', { scope: 'file' }, ({}, { onCleanup }): Promise<TestLicensing> => startLicensing(onCleanup))
  .extend('freshLicensing', ({}, { onCleanup }): Promise<TestLicensing> => startLicensing(onCleanup))
  .extend('printer', { scope: 'file' }, async ({}, { onCleanup }): Promise<Ports['printer']> => {
    const chromium = new ChromiumPrinter(RESOURCES_DIR);
    onCleanup(() => chromium.close());
    return { pdf: (html) => chromium.pdf(html), close: async () => {} };
  })
  .extend('smtp', async ({}, { onCleanup }): Promise<QueuedSmtp> => {
    const replies: QueuedSmtp['replies'] = [];
    const server = await startSmtpTestServer({ security: 'none', reply: () => replies.shift() ?? null });
    onCleanup(() => server.close());
    return Object.assign(server, { replies });
  })
  .extend('mailServers', { scope: 'file' }, async ({}, { onCleanup }): Promise<MailServers> => {
    const servers = await startMailServers(['office', 'customer']);
    onCleanup(() => servers.stop());
    return servers;
  })
  .extend('officeDatabase', async ({}, { onCleanup }): Promise<FreshDatabase> => {
    const database = await freshPostgres('office');
    onCleanup(() => database.drop());
    return database;
  })
  .extend('creditedCore', async ({ licensing, printer, coreOptions }, { onCleanup }): Promise<TestCore> => {
    const t = await testCore({
      printer,
      onDisk: true,
      licensing: { url: licensing.server.url, publicKeyPem: licensing.publicKeyPem, timeoutMs: 2000 },
      ...coreOptions,
    });
    onCleanup(() => t.close());
    await t.ok('company.save', companyInput());
    await buyCredits(t);
    return t;
  })
  .extend('mailingCore', async ({ licensing, printer, smtp, coreOptions }, { onCleanup }): Promise<TestCore> => {
    const t = await testCore({ printer, onDisk: true, licensing: licensingOf(licensing), ...coreOptions });
    onCleanup(() => t.close());
    await t.ok('company.save', companyInput());
    await t.ok('mailbox.save', loopbackMailbox(smtp.port));
    await t.ok('credits.sync', {}); // the trial's five
    return t;
  });
