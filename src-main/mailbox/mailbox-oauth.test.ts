import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestLicensing, type TestLicensing } from '../../test-support/licensing/test-server';
import { ChromiumPrinter } from '../host/chromium-printer';
import { addParty, companyInput, invoiceInput, loopbackMailbox } from '../../test-support/fixtures';
import { signInAtProvider } from '../../test-support/oauth-login';
import { startOAuthTestServer, TEST_CLIENT_ID, type OAuthTestServer } from '../../test-support/oauth-test-server';
import { imapCatcher } from '../../test-support/imap-catcher';
import { startSmtpTestServer, TEST_CA, type SmtpTestServer } from '../../test-support/smtp-test-server';
import { testCore, type TestCore, RESOURCES_DIR } from '../../test-support/test-core';
import { OAUTH_REFRESH_KEY } from './oauth/oauth-grant';

const OFFICE = 'office@daftar.ps';
const printer = new ChromiumPrinter(RESOURCES_DIR);
let L: TestLicensing;
let op: OAuthTestServer;
let smtp: SmtpTestServer;
let t: TestCore;
/** Every XOAUTH2 login the SMTP server saw: whose, with which token, and whether the provider vouched for it. */
let logins: { user: string; token: string; ok: boolean }[];
/** Tokens the SMTP server refuses although the provider still vouches for them (cut short on the server's side). */
let distrusted: Set<string>;

beforeAll(async () => {
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

/** What the person does: start, complete the provider's own pages in the browser, and Daftar finishes. */
async function signIn() {
  const { authorizationUrl } = await t.ok('mailbox.startSignIn', {
    provider: 'other',
    issuer: op.issuer,
    clientId: TEST_CLIENT_ID,
  });
  const finished = t.ok('mailbox.finishSignIn', {});
  await signInAtProvider(authorizationUrl, OFFICE);
  return finished;
}

async function sendInvoice(to: string) {
  const party = await addParty(t, 'customer', 'شركة النور', { emails: to });
  const invoice = await t.ok('vouchers.save', invoiceInput(party.id));
  return t.ok('mail.send', { target: { kind: 'voucher', id: invoice.id }, to: [to], subject: 'فاتورة' });
}

/** An SMTP server that takes any XOAUTH2 token it is handed, and keeps it: a thief's. */
async function tokenCatcher() {
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

describe('the sender mailbox signed in with OAuth2', () => {
  it('signs in at the provider, keeps only the refresh token in the secret store, and sends with XOAUTH2', async () => {
    const mailbox = await signIn();
    expect(mailbox).toMatchObject({
      signIn: 'oauth2',
      signedInAs: OFFICE,
      oauth: { provider: 'other', issuer: op.issuer },
    });
    const refresh = (await t.secret(OAUTH_REFRESH_KEY))!;
    expect(refresh.length).toBeGreaterThan(20);
    // Never in the book, never in what the window gets.
    const book = JSON.stringify(await t.core.book.db.selectFrom('mailbox').selectAll().execute());
    expect(book).not.toContain(refresh);
    expect(JSON.stringify(await t.ok('mailbox.get', {}))).not.toContain(refresh);

    await sendInvoice('a@alnoor.ps');
    await t.core.outbox.runOnce();
    expect(smtp.messages.map((m) => m.rcptTo)).toEqual([['a@alnoor.ps']]);
    expect(logins).toEqual([{ user: OFFICE, token: expect.any(String), ok: true }]);
  });

  it('refreshes the access token before it expires, and once more when the server refuses it', async () => {
    await signIn();
    await sendInvoice('a@alnoor.ps');
    await t.core.outbox.runOnce();
    // Two hours on: the token in hand has expired, a new one is fetched with the refresh token.
    t.ports.clock.time = new Date(t.ports.clock.time.getTime() + 2 * 3600_000);
    await sendInvoice('b@alnoor.ps');
    await t.core.outbox.runOnce();
    expect(logins).toHaveLength(2);
    expect(logins[1]!.token).not.toBe(logins[0]!.token);

    // The server stops taking the token in hand before its time, and hangs up the connection signed
    // in with it: the next connection is refused once, gets one fresh token, and the message goes.
    distrusted.add(logins[1]!.token);
    smtp.hangUp();
    await sendInvoice('c@alnoor.ps');
    await t.core.outbox.runOnce();
    expect(logins.slice(2).map((l) => l.ok)).toEqual([false, true]);
    expect(smtp.messages.map((m) => m.rcptTo[0])).toEqual(['a@alnoor.ps', 'b@alnoor.ps', 'c@alnoor.ps']);
    expect((await t.ok('mail.outbox', {})).items.every((m) => m.status === 'sent')).toBe(true);
  });

  it('refreshes once for uses that need it at once (two connection tests and the outbox); the rotated token is kept', async () => {
    await signIn();
    const first = (await t.secret(OAUTH_REFRESH_KEY))!;
    await sendInvoice('a@alnoor.ps');
    // Two hours on: the token in hand has expired, and everything that uses it asks for a fresh one at once.
    t.ports.clock.time = new Date(t.ports.clock.time.getTime() + 2 * 3600_000);
    const before = op.refreshes();
    const [a, b] = await Promise.all([
      t.core.call('mailbox.testConnection', {}),
      t.core.call('mailbox.testConnection', {}),
      t.core.outbox.runOnce(),
    ]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: true });
    expect(op.refreshes() - before).toBe(1);
    expect((await t.ok('mail.outbox', {})).queue.paused).toBe(false);
    expect(smtp.messages.map((m) => m.rcptTo)).toEqual([['a@alnoor.ps']]);
    expect(logins.every((l) => l.ok)).toBe(true);
    // The rotated refresh token is the one kept, and it refreshes again.
    const second = (await t.secret(OAUTH_REFRESH_KEY))!;
    expect(second).not.toBe(first);
    t.ports.clock.time = new Date(t.ports.clock.time.getTime() + 2 * 3600_000);
    expect(await t.core.call('mailbox.testConnection', {})).toMatchObject({ ok: true });
    expect(op.refreshes() - before).toBe(2);
  });

  it.runIf(process.env.DAFTAR_TEST_BOOK === 'postgres')(
    'refreshes once for two desktops of an office that need a fresh token at once; both use it',
    async () => {
      await signIn();
      const other = await testCore({
        office: t.sameBook.office,
        printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
        smtpCa: [TEST_CA],
        licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
      });
      try {
        // Two hours on at both desks: the token this one has in hand expired, the other has none.
        const later = new Date(t.ports.clock.time.getTime() + 2 * 3600_000);
        t.ports.clock.time = later;
        other.ports.clock.time = later;
        const before = op.refreshes();
        const [here, there] = await Promise.all([
          t.core.call('mailbox.testConnection', {}),
          other.core.call('mailbox.testConnection', {}),
        ]);
        expect(here).toMatchObject({ ok: true });
        expect(there).toMatchObject({ ok: true });
        expect(op.refreshes() - before).toBe(1);
        expect(logins.map((l) => l.ok)).toEqual([true, true]);
        expect(await other.secret(OAUTH_REFRESH_KEY)).toBe(await t.secret(OAUTH_REFRESH_KEY));
      } finally {
        await other.close();
      }
    },
  );

  it('gives its token to no other server: a form naming one is refused, a save to one forgets the sign-in', async () => {
    await signIn();
    const { stolen, server: other } = await tokenCatcher();
    try {
      // Another server (this machine under another name, on the thief's port), the sign-in kept.
      const changed = loopbackMailbox(other.port, {
        host: 'localhost',
        address: OFFICE,
        username: '',
        password: '',
        signIn: 'oauth2',
      });
      expect(await t.fail('mailbox.testConnection', { draft: changed })).toMatchObject({
        details: { reason: 'signin_required' },
      });
      expect(await t.ok('mailbox.save', changed)).toMatchObject({ signIn: 'oauth2', signedInAs: null });
      expect(await t.secret(OAUTH_REFRESH_KEY)).toBeNull();
      await sendInvoice('a@alnoor.ps');
      await t.core.outbox.runOnce();
      expect(stolen).toEqual([]);
      expect((await t.ok('mail.outbox', {})).queue).toEqual({ paused: true, reason: 'signin_required' });
    } finally {
      await other.close();
    }
  });

  it('gives its token to no server an editor names in two saves (sign-in "password", then OAuth2 elsewhere), SMTP or IMAP', async () => {
    await signIn();
    const { stolen, server: other } = await tokenCatcher();
    const imap = await imapCatcher();
    try {
      // Someone allowed to edit the mailbox, not to sign it in: first sign-in "password" with the same
      // server (nothing changed that a sign-in is bound to), then OAuth2 again with a server of their own.
      await t.ok(
        'mailbox.save',
        loopbackMailbox(smtp.port, { address: OFFICE, username: '', password: '', signIn: 'password' }),
      );
      const elsewhere = loopbackMailbox(other.port, {
        host: 'localhost',
        address: OFFICE,
        username: '',
        password: '',
        signIn: 'oauth2',
        imap: {
          enabled: true,
          host: 'localhost',
          port: imap.port,
          security: 'tls',
          username: '',
          sentCopy: true,
          sentFolder: '',
        },
      });
      await t.ok('mailbox.save', elsewhere);
      await sendInvoice('a@alnoor.ps');
      await t.core.outbox.runOnce();
      const tested = await t.core.call('mailbox.testConnection', {});
      const testedImap = await t.core.call('mailbox.testImap', {});
      await t.core.reader.readOnce().catch(() => undefined);
      expect(stolen).toEqual([]);
      expect(imap.signIns()).toBe(0);
      // What the office sees: the mailbox must sign in again, and nothing was sent.
      expect(tested).toMatchObject({ ok: false, error: { details: { reason: 'signin_required' } } });
      expect(testedImap).toMatchObject({ ok: false, error: { details: { reason: 'signin_required' } } });
      expect((await t.ok('mail.outbox', {})).queue).toEqual({ paused: true, reason: 'signin_required' });
      expect(await t.ok('mailbox.get', {})).toMatchObject({ signIn: 'oauth2', signedInAs: null });
      expect(await t.secret(OAUTH_REFRESH_KEY)).toBeNull();
    } finally {
      await other.close();
      await imap.close();
    }
  });

  it('checks the servers its token may reach on every use: saved settings changed behind Daftar’s back get no token', async () => {
    await signIn();
    const { stolen, server: other } = await tokenCatcher();
    try {
      // The book's mailbox row names another server (written by hand, or by any path but a save).
      await t.core.book.db.updateTable('mailbox').set({ host: 'localhost', port: other.port }).execute();
      await sendInvoice('a@alnoor.ps');
      await t.core.outbox.runOnce();
      expect(stolen).toEqual([]);
      expect((await t.ok('mail.outbox', {})).queue).toEqual({ paused: true, reason: 'signin_required' });
    } finally {
      await other.close();
    }
  });

  it('pauses the queue with "sign in again" when the grant is revoked; nothing fails, no credit moves', async () => {
    await signIn();
    await op.revoke((await t.secret(OAUTH_REFRESH_KEY))!);
    // The token in hand died with the grant.
    const queued = await sendInvoice('a@alnoor.ps');
    const balance = (await t.ok('credits.status', {})).balance;
    await t.core.outbox.runOnce();
    const outbox = await t.ok('mail.outbox', {});
    expect(outbox.queue).toEqual({ paused: true, reason: 'signin_required' });
    expect(outbox.items.find((m) => m.id === queued.id)).toMatchObject({ status: 'queued' });
    expect((await t.ok('credits.status', {})).balance).toBe(balance);
    expect(smtp.messages).toHaveLength(0);

    // Signing in again lets the queue go on, and the message goes.
    await signIn();
    expect((await t.ok('mail.outbox', {})).queue.paused).toBe(false);
    await t.core.outbox.runOnce();
    expect(smtp.messages.map((m) => m.rcptTo)).toEqual([['a@alnoor.ps']]);
  });

  it('signs out: the refresh token goes, and sending waits for a new sign-in', async () => {
    await signIn();
    expect(await t.ok('mailbox.signOut', {})).toMatchObject({ signIn: 'oauth2', signedInAs: null });
    expect(await t.secret(OAUTH_REFRESH_KEY)).toBeNull();
    await sendInvoice('a@alnoor.ps');
    await t.core.outbox.runOnce();
    expect((await t.ok('mail.outbox', {})).queue).toEqual({ paused: true, reason: 'signin_required' });
    expect(smtp.messages).toHaveLength(0);
  });

  it('says so when the person refuses at the provider, and ignores answers that are not for this sign-in', async () => {
    const { authorizationUrl } = await t.ok('mailbox.startSignIn', {
      provider: 'other',
      issuer: op.issuer,
      clientId: TEST_CLIENT_ID,
    });
    const asked = new URL(authorizationUrl);
    const back = asked.searchParams.get('redirect_uri')!;
    expect(back).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const finished = t.fail('mailbox.finishSignIn', {});
    // Something else on this machine knocks first, without our state: turned away, the wait goes on.
    expect((await fetch(`${back}?code=stolen&state=guess`)).status).toBe(400);
    // The person presses "Cancel" at the provider.
    await fetch(`${back}?error=access_denied&state=${asked.searchParams.get('state')}`);
    expect(await finished).toMatchObject({
      code: 'conflict',
      details: { reason: 'signin_refused', error: 'access_denied' },
    });
    expect(await t.secret(OAUTH_REFRESH_KEY)).toBeNull();
    expect((await t.ok('mailbox.get', {})).signedInAs).toBeNull();
  });

  it('refuses an issuer that is neither https nor on this machine, by field', async () => {
    expect(
      (await t.fail('mailbox.startSignIn', { provider: 'other', issuer: 'http://idp.example.com', clientId: 'x' }))
        .details.fields,
    ).toEqual([{ path: 'issuer', reason: 'https_required' }]);
    expect((await t.fail('mailbox.startSignIn', { provider: 'microsoft' })).details).toMatchObject({
      reason: 'oauth_not_configured',
      provider: 'microsoft',
    });
  });
});
