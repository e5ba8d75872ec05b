import { describe, expect } from 'vitest';
import { TEST_CLIENT_ID } from '../../test-support/oauth-test-server';
import { TEST_CA } from '../../test-support/smtp-test-server';
import { testCore } from '../../test-support/test-core';
import { OAUTH_REFRESH_KEY } from './oauth/oauth-grant';
import { OFFICE, test } from '../../test-support/oauth-sending';

// Signing the sender mailbox in with OAuth2: sign-in, refresh, revocation, sign-out; which servers get the token is in mailbox-oauth-servers.test.ts.
// Each test: a core whose mailbox signs in at the file's OAuth provider and sends through an SMTP server that checks the token (the oauth fixture).

describe('the sender mailbox signed in with OAuth2', () => {
  test('signs in at the provider, keeps the refresh token in the secret store (never the book or the window), and sends with XOAUTH2', async ({
    oauth: { t, smtp, op, logins, signIn, sendInvoice },
  }) => {
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

  test('refreshes the access token before it expires, and once more when the server refuses it', async ({
    oauth: { t, smtp, logins, distrusted, signIn, sendInvoice },
  }) => {
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

  test('refreshes once for uses that need it at once (two connection tests and the outbox); the rotated token is kept', async ({
    oauth: { t, smtp, op, logins, signIn, sendInvoice },
  }) => {
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

  test.runIf(process.env.DAFTAR_TEST_BOOK === 'postgres')(
    'refreshes once for two desktops of an office that need a fresh token at once; both use it',
    async ({ oauth: { t, op, logins, signIn }, printer, licensing: L }) => {
      await signIn();
      const other = await testCore({
        office: t.sameBook.office,
        printer,
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

  test('pauses the queue with "sign in again" when the grant is revoked; nothing fails, no credit moves', async ({
    oauth: { t, smtp, op, signIn, sendInvoice },
  }) => {
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

  test('signs out: the refresh token goes, and sending waits for a new sign-in', async ({
    oauth: { t, smtp, signIn, sendInvoice },
  }) => {
    await signIn();
    expect(await t.ok('mailbox.signOut', {})).toMatchObject({ signIn: 'oauth2', signedInAs: null });
    expect(await t.secret(OAUTH_REFRESH_KEY)).toBeNull();
    await sendInvoice('a@alnoor.ps');
    await t.core.outbox.runOnce();
    expect((await t.ok('mail.outbox', {})).queue).toEqual({ paused: true, reason: 'signin_required' });
    expect(smtp.messages).toHaveLength(0);
  });

  test('says so when the person refuses at the provider, and ignores answers that are not for this sign-in', async ({
    oauth: { t, op },
  }) => {
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

  test('refuses an issuer that is neither https nor on this machine, by field', async ({ oauth: { t } }) => {
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
