import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_CA } from '../../test-support/smtp-test-server';
import { imapCatcher } from '../../test-support/imap-catcher';
import { testCore, type TestCore } from '../../test-support/test-core';
import { SMTP_PASSWORD_KEY } from './mailbox.handlers';
import { mailboxDraft as draft } from '../../test-support/mailbox-draft';

// The mailbox passwords (SMTP and IMAP) go only to the servers they were typed for.
let t: TestCore;
beforeEach(async () => {
  t = await testCore({ smtpCa: [TEST_CA] });
});
afterEach(async () => {
  await t.close();
});

describe('the saved password goes only to the server it was saved for', () => {
  /** A server of the attacker's own: it takes any login and keeps the password it was given. */
  async function passwordCatcher() {
    const caught: string[] = [];
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        caught.push(auth.password ?? '');
        callback(null, { user: auth.username });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    return { caught, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it.each([
    ['a test of a changed form', 'mailbox.testConnection'],
    ['a test message from a changed form', 'mailbox.sendTest'],
  ] as const)('never hands it to another server in %s', async (_, call) => {
    await t.ok('mailbox.save', draft({ port: 2525 }));
    const catcher = await passwordCatcher();
    try {
      // Another port (or host, user name, security), the password field left empty.
      const changed = draft({ port: catcher.port, password: undefined });
      const answer = await (call === 'mailbox.sendTest'
        ? t.core.call(call, { to: 'owner@x.ps', draft: changed })
        : t.core.call(call, { draft: changed }));
      expect(answer.ok).toBe(true);
      expect(catcher.caught).not.toContain('correct horse');
    } finally {
      await catcher.close();
    }
  });

  it.each([
    ['host', { host: 'localhost' }],
    ['port', { port: 2526 }],
    ['user name', { username: 'someone' }],
    ['security', { security: 'starttls' as const }],
  ])('forgets it when a save changes the %s without typing it again', async (_, change) => {
    await t.ok('mailbox.save', draft({ port: 2525 }));
    expect(await t.ok('mailbox.save', draft({ port: 2525, password: undefined, ...change }))).toMatchObject({
      passwordSaved: false,
    });
    expect(await t.secret(SMTP_PASSWORD_KEY)).toBeNull();
    // Typed again with the change: kept.
    await t.ok('mailbox.save', draft({ port: 2525, ...change }));
    expect(await t.secret(SMTP_PASSWORD_KEY)).toBe('correct horse');
  });

  it('refuses to send a password in clear text to another machine, and to save a mailbox that would', async () => {
    const clear = draft({ host: 'mail.daftar.ps', security: 'none' });
    expect((await t.fail('mailbox.testConnection', { draft: clear })).details.fields).toEqual([
      { path: 'security', reason: 'secret_in_clear', params: { host: 'mail.daftar.ps' } },
    ]);
    expect((await t.fail('mailbox.save', clear)).details.fields).toEqual([
      { path: 'security', reason: 'secret_in_clear', params: { host: 'mail.daftar.ps' } },
    ]);
    expect(await t.ok('mailbox.get', {})).toMatchObject({ host: '', passwordSaved: false });
    // With TLS, or on this machine, it goes.
    await t.ok('mailbox.save', draft({ host: 'mail.daftar.ps', security: 'starttls', port: 587 }));
    await t.ok('mailbox.save', draft({ host: 'localhost', security: 'none' }));
  });

  it('forgets the IMAP password too when its server changes, and never sends it in clear text', async () => {
    const imap = {
      enabled: true,
      host: 'imap.daftar.ps',
      port: 993,
      security: 'tls' as const,
      username: 'reader',
      sentCopy: false,
      sentFolder: '',
    };
    await t.ok('mailbox.save', draft({ imap, imapPassword: 'imap horse' }));
    expect(await t.ok('mailbox.save', draft({ imap: { ...imap, host: 'imap.other.ps' } }))).toMatchObject({
      imapPasswordSaved: false,
    });
    await t.ok('mailbox.save', draft({ imap, imapPassword: 'imap horse' }));
    expect(
      (
        await t.fail('mailbox.testImap', {
          draft: draft({ imap: { ...imap, security: 'none', port: 143 }, imapPassword: 'imap horse' }),
        })
      ).details.fields,
    ).toEqual([{ path: 'imap.security', reason: 'secret_in_clear', params: { host: 'imap.daftar.ps' } }]);
  });
});

describe('the mailbox password goes only to the IMAP server it was typed for', () => {
  const imapOn = (host: string, port: number) => ({
    enabled: true,
    host,
    port,
    security: 'tls' as const,
    username: '',
    sentCopy: true,
    sentFolder: '',
  });

  it('is not handed to an IMAP server an editor names without typing it: the reader and Test reading say it must be typed again', async () => {
    // The office's mailbox, saved by someone who knows its password; not reading.
    await t.ok('mailbox.save', draft({ host: '127.0.0.1', port: 2525 }));
    const catcher = await imapCatcher();
    try {
      // Someone allowed to edit the mailbox, but not told its password, turns reading on at their
      // own server (another host), the password left empty: the save keeps the SMTP password.
      const attack = draft({
        host: '127.0.0.1',
        port: 2525,
        password: undefined,
        imap: imapOn('localhost', catcher.port),
      });
      expect(await t.ok('mailbox.save', attack)).toMatchObject({ passwordSaved: true });
      await t.core.reader.readOnce().catch(() => undefined);
      const tested = await t.core.call('mailbox.testImap', {});
      const testedDraft = await t.core.call('mailbox.testImap', { draft: attack });
      expect(catcher.sawPassword()).toBe(false);
      // The window says why: the password must be typed again for this IMAP server.
      expect(await t.ok('mailbox.readerStatus', {})).toMatchObject({ state: 'failed', problem: 'password_unbound' });
      expect(tested).toMatchObject({ ok: false, error: { details: { reason: 'imap_password_unbound' } } });
      expect(testedDraft).toMatchObject({ ok: false, error: { details: { reason: 'imap_password_unbound' } } });
      // Whoever types the password with that IMAP server sends it there: it is theirs to give.
      await t.ok('mailbox.save', { ...attack, password: 'correct horse' });
      await t.core.reader.readOnce().catch(() => undefined);
      expect(catcher.sawPassword()).toBe(true);
      expect(await t.ok('mailbox.readerStatus', {})).toMatchObject({ state: 'failed', problem: 'auth' });
    } finally {
      await catcher.close();
    }
  });

  it('goes on reading, untyped, on the very server it is sent to (a book saved before the IMAP binding)', async () => {
    const catcher = await imapCatcher();
    try {
      await t.ok('mailbox.save', draft({ host: 'localhost', port: 2525 }));
      // Reading turned on later at the same host as SMTP (another port), the password not typed again.
      await t.ok(
        'mailbox.save',
        draft({ host: 'localhost', port: 2525, password: undefined, imap: imapOn('localhost', catcher.port) }),
      );
      await t.core.reader.readOnce().catch(() => undefined);
      expect(catcher.sawPassword()).toBe(true);
    } finally {
      await catcher.close();
    }
  });
});
