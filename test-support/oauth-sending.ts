import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestLicensing, type TestLicensing } from './licensing/test-server';
import { ChromiumPrinter } from '../src-main/host/chromium-printer';
import { addParty, companyInput, invoiceInput, loopbackMailbox } from './fixtures';
import { signInAtProvider } from './oauth-login';
import { startOAuthTestServer, TEST_CLIENT_ID, type OAuthTestServer } from './oauth-test-server';
import { startSmtpTestServer, TEST_CA, type SmtpTestServer } from './smtp-test-server';
import { testCore, type TestCore, RESOURCES_DIR } from './test-core';

export const OFFICE = 'office@daftar.ps';
// The file's printer, licensing server and provider, and each test's core and SMTP server.
export let printer: ChromiumPrinter;
export let L: TestLicensing;
export let op: OAuthTestServer;
export let smtp: SmtpTestServer;
export let t: TestCore;
/** Every XOAUTH2 login the SMTP server saw: whose, with which token, and whether the provider vouched for it. */
export let logins: { user: string; token: string; ok: boolean }[];
/** Tokens the SMTP server refuses although the provider still vouches for them (cut short on the server's side). */
export let distrusted: Set<string>;

/**
 * For each test of the calling file: a core that prints and has credits, its sender mailbox on a
 * loopback SMTP server that takes only XOAUTH2 and asks the file's OAuth provider about each token.
 */
export function oauthSendingForEachTest() {
  beforeAll(async () => {
    printer = new ChromiumPrinter(RESOURCES_DIR);
    L = await startTestLicensing('sqlite');
    // Refresh tokens rotate, as at Auth0, Okta and Keycloak: a refresh token used twice revokes the grant.
    op = await startOAuthTestServer({ rotateRefreshTokens: true });
  });
  afterAll(async () => {
    await op.close();
    await L.close();
    await printer.close();
  });

  beforeEach(async () => {
    logins = [];
    distrusted = new Set();
    // The SMTP server takes only XOAUTH2 and asks the provider about each token, as Microsoft's and Google's do.
    smtp = await startSmtpTestServer({
      security: 'none',
      xoauth2: async (user, token) => {
        const { active, sub } = await op.introspect(token);
        const ok = active && sub === user && !distrusted.has(token);
        logins.push({ user, token, ok });
        return ok;
      },
    });
    t = await testCore({
      printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
      onDisk: true,
      smtpCa: [TEST_CA],
      licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
    });
    await t.ok('company.save', companyInput());
    await t.ok('mailbox.save', loopbackMailbox(smtp.port, { address: OFFICE, username: '', password: '' }));
    await t.ok('credits.sync', {});
  });
  afterEach(async () => {
    await t.close();
    await smtp.close();
  });
}

/** What the person does: start, complete the provider's own pages in the browser, and Daftar finishes. */
export async function signIn() {
  const { authorizationUrl } = await t.ok('mailbox.startSignIn', {
    provider: 'other',
    issuer: op.issuer,
    clientId: TEST_CLIENT_ID,
  });
  const finished = t.ok('mailbox.finishSignIn', {});
  await signInAtProvider(authorizationUrl, OFFICE);
  return finished;
}

export async function sendInvoice(to: string) {
  const party = await addParty(t, 'customer', 'شركة النور', { emails: to });
  const invoice = await t.ok('vouchers.save', invoiceInput(party.id));
  return t.ok('mail.send', { target: { kind: 'voucher', id: invoice.id }, to: [to], subject: 'فاتورة' });
}

/** An SMTP server that takes any XOAUTH2 token it is handed, and keeps it: a thief's. */
export async function tokenCatcher() {
  const stolen: string[] = [];
  const server = await startSmtpTestServer({
    security: 'none',
    xoauth2: async (_user, token) => {
      stolen.push(token);
      return true;
    },
  });
  return { stolen, server };
}
