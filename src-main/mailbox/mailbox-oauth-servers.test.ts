import { describe, expect } from 'vitest';
import { loopbackMailbox } from '../../test-support/fixtures';
import { imapCatcher } from '../../test-support/imap-catcher';
import { OAUTH_REFRESH_KEY } from './oauth/oauth-grant';
import { OFFICE, test, tokenCatcher } from '../../test-support/oauth-sending';

// The OAuth2 token of the sender mailbox goes to no server but the ones it was signed in for.
// Each test: a core whose mailbox signs in at the file's OAuth provider and sends through an SMTP server that checks the token (the oauth fixture).

describe('the sender mailbox signed in with OAuth2', () => {
  test('gives its token to no other server: a form naming one is refused, a save to one forgets the sign-in', async ({
    oauth: { t, signIn, sendInvoice },
  }) => {
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

  test('gives its token to no server an editor names in two saves (sign-in "password", then OAuth2 elsewhere), SMTP or IMAP', async ({
    oauth: { t, smtp, signIn, sendInvoice },
  }) => {
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

  test('checks the servers its token may reach on every use: saved settings changed behind Daftar’s back get no token', async ({
    oauth: { t, signIn, sendInvoice },
  }) => {
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
});
