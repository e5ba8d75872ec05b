/* eslint-disable no-empty-pattern -- vitest reads what a fixture needs from its first argument: `{}` is nothing */
import type { CallOutput } from '../src-shared/api/contract';
import { addParty, companyInput, invoiceInput, loopbackMailbox } from './fixtures';
import { signInAtProvider } from './oauth-login';
import { startOAuthTestServer, TEST_CLIENT_ID, type OAuthTestServer } from './oauth-test-server';
import { test as serverTest } from './server-test';
import { startSmtpTestServer, TEST_CA, type SmtpTestServer } from './smtp-test-server';
import { testCore, type TestCore } from './test-core';

export const OFFICE = 'office@daftar.ps';

/** The SMTP server that takes only XOAUTH2 and what it saw. */
type OAuthSmtp = Pick<OAuthSending, 'smtp' | 'logins' | 'distrusted'>;

/** A test's core whose sender mailbox takes only XOAUTH2, the SMTP server, and what it saw. */
export interface OAuthSending {
  t: TestCore;
  /** The SMTP server: it takes only XOAUTH2 and asks the file's provider about each token. */
  smtp: SmtpTestServer;
  /** The file's OAuth provider. */
  op: OAuthTestServer;
  /** Every XOAUTH2 login the SMTP server saw: whose, with which token, and whether the provider vouched for it. */
  logins: { user: string; token: string; ok: boolean }[];
  /** Tokens the SMTP server refuses although the provider still vouches for them (cut short on the server's side). */
  distrusted: Set<string>;
  /** What the person does: start, complete the provider's own pages in the browser, and Daftar finishes. */
  signIn(): Promise<CallOutput<'mailbox.finishSignIn'>>;
  /** Saves an invoice for a card with the address `to` and emails it there. */
  sendInvoice(to: string): Promise<CallOutput<'mail.send'>>;
}

/**
 * `test` with `oauth` too: a core that prints and has credits, its sender mailbox on a loopback SMTP
 * server that takes only XOAUTH2 and asks the file's OAuth provider (`oauthProvider`) about each token.
 */
export const test = serverTest
  .extend('oauthProvider', { scope: 'file' }, async ({}, { onCleanup }): Promise<OAuthTestServer> => {
    // Refresh tokens rotate, as at Auth0, Okta and Keycloak: a refresh token used twice revokes the grant.
    const op = await startOAuthTestServer({ rotateRefreshTokens: true });
    onCleanup(() => op.close());
    return op;
  })
  .extend('oauthSmtp', async ({ oauthProvider: op }, { onCleanup }): Promise<OAuthSmtp> => {
    const logins: OAuthSmtp['logins'] = [];
    const distrusted = new Set<string>();
    // The SMTP server takes only XOAUTH2 and asks the provider about each token, as Microsoft's and Google's do.
    const smtp = await startSmtpTestServer({
      security: 'none',
      xoauth2: async (user, token) => {
        const { active, sub } = await op.introspect(token);
        const ok = active && sub === user && !distrusted.has(token);
        logins.push({ user, token, ok });
        return ok;
      },
    });
    onCleanup(() => smtp.close());
    return { smtp, logins, distrusted };
  })
  .extend(
    'oauth',
    async (
      { oauthProvider: op, oauthSmtp: { smtp, logins, distrusted }, printer, licensing: L },
      { onCleanup },
    ): Promise<OAuthSending> => {
      const t = await testCore({
        printer,
        onDisk: true,
        smtpCa: [TEST_CA],
        licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
      });
      onCleanup(() => t.close());
      await t.ok('company.save', companyInput());
      await t.ok('mailbox.save', loopbackMailbox(smtp.port, { address: OFFICE, username: '', password: '' }));
      await t.ok('credits.sync', {});
      return {
        t,
        smtp,
        op,
        logins,
        distrusted,
        async signIn() {
          const { authorizationUrl } = await t.ok('mailbox.startSignIn', {
            provider: 'other',
            issuer: op.issuer,
            clientId: TEST_CLIENT_ID,
          });
          const finished = t.ok('mailbox.finishSignIn', {});
          await signInAtProvider(authorizationUrl, OFFICE);
          return finished;
        },
        async sendInvoice(to) {
          const party = await addParty(t, 'customer', 'شركة النور', { emails: to });
          const invoice = await t.ok('vouchers.save', invoiceInput(party.id));
          return t.ok('mail.send', { target: { kind: 'voucher', id: invoice.id }, to: [to], subject: 'فاتورة' });
        },
      };
    },
  );

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
