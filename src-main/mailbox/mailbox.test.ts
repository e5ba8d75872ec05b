import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailboxInput } from '../../src-shared/api/mailbox.api';
import { startSmtpTestServer, TEST_CA, type SmtpTestServer } from '../../test-support/smtp-test-server';
import { imapCatcher } from '../../test-support/imap-catcher';
import { testCore, type TestCore } from '../../test-support/test-core';
import { SMTP_PASSWORD_KEY } from './mailbox.handlers';

let t: TestCore;
let smtp: SmtpTestServer | undefined;
beforeEach(async () => {
  t = await testCore({ smtpCa: [TEST_CA] });
});
afterEach(async () => {
  await t.close();
  await smtp?.close();
  smtp = undefined;
});

const draft = (over: Partial<MailboxInput> = {}): MailboxInput => ({
  displayName: 'شركة دفتر',
  address: 'office@daftar.ps',
  replyTo: 'accounts@daftar.ps',
  host: '127.0.0.1',
  port: 25,
  security: 'none',
  username: 'daftar',
  password: 'correct horse',
  ...over,
});

describe('mailbox.save and mailbox.get', () => {
  it('keeps the password in the secret store only, never in the book or the answer', async () => {
    const saved = await t.ok('mailbox.save', draft());
    expect(saved).toEqual({
      displayName: 'شركة دفتر',
      address: 'office@daftar.ps',
      replyTo: 'accounts@daftar.ps',
      host: '127.0.0.1',
      port: 25,
      security: 'none',
      username: 'daftar',
      passwordSaved: true,
      signIn: 'password',
      oauth: { provider: 'microsoft', issuer: '', clientId: '' },
      signedInAs: null,
      preset: 'other',
      limits: { recipientsPerMessage: null, messagesPerMinute: null, recipientsPerDay: null },
      imap: { enabled: false, host: '', port: 993, security: 'tls', username: '', sentCopy: false, sentFolder: '' },
      imapPasswordSaved: false,
    });
    expect(JSON.stringify(saved)).not.toContain('correct horse');
    expect(await t.secret(SMTP_PASSWORD_KEY)).toBe('correct horse');
    // Not in the book: not in its mailbox row, nor readable among an office book's sealed secrets.
    const everything = [
      await t.core.book.db.selectFrom('mailbox').selectAll().execute(),
      await t.core.book.db.selectFrom('office_secrets').selectAll().execute(),
    ];
    expect(JSON.stringify(everything)).not.toContain('correct horse');
    expect(await t.ok('mailbox.get', {})).toMatchObject({ passwordSaved: true });
  });

  it('keeps the saved password when the form leaves it empty, and clears it on request', async () => {
    await t.ok('mailbox.save', draft());
    await t.ok('mailbox.save', draft({ password: undefined, displayName: 'دفتر' }));
    expect(await t.secret(SMTP_PASSWORD_KEY)).toBe('correct horse');
    expect(await t.ok('mailbox.save', draft({ password: undefined, clearPassword: true }))).toMatchObject({
      passwordSaved: false,
    });
    expect(await t.secret(SMTP_PASSWORD_KEY)).toBeNull();
  });

  it('refuses a bad sender address, reply-to or host by field, saving nothing', async () => {
    const error = await t.fail('mailbox.save', draft({ address: 'office@', replyTo: 'a b@x.ps', host: 'smtp server' }));
    expect(error.details.fields).toEqual([
      { path: 'host', reason: 'invalid_host' },
      { path: 'address', reason: 'email_domain_empty', params: { address: 'office@', position: 1 } },
      { path: 'replyTo', reason: 'email_space_inside', params: { address: 'a b@x.ps', position: 1 } },
    ]);
    expect((await t.fail('mailbox.save', draft({ port: 70000 }))).details.fields).toEqual([
      { path: 'port', reason: 'too_big', params: { max: 65535 } },
    ]);
    expect(await t.ok('mailbox.get', {})).toMatchObject({ host: '', passwordSaved: false });
  });
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

describe('mailbox.testConnection', () => {
  it('answers ok against a plain server with AUTH', async () => {
    smtp = await startSmtpTestServer({ security: 'none' });
    expect(await t.ok('mailbox.testConnection', { draft: draft({ port: smtp.port }) })).toEqual({
      outcome: 'ok',
      reply: null,
    });
  });

  it('answers ok with STARTTLS when the server certificate comes from a trusted CA', async () => {
    smtp = await startSmtpTestServer({ security: 'starttls' });
    expect(
      await t.ok('mailbox.testConnection', {
        draft: draft({ port: smtp.port, security: 'starttls', host: 'localhost' }),
      }),
    ).toEqual({ outcome: 'ok', reply: null });
  });

  it('answers ok with implicit TLS', async () => {
    smtp = await startSmtpTestServer({ security: 'tls' });
    expect(
      await t.ok('mailbox.testConnection', { draft: draft({ port: smtp.port, security: 'tls', host: 'localhost' }) }),
    ).toMatchObject({ outcome: 'ok' });
  });

  it('answers tls when the certificate is not trusted', async () => {
    const untrusting = await testCore();
    smtp = await startSmtpTestServer({ security: 'starttls' });
    const result = await untrusting.ok('mailbox.testConnection', {
      draft: draft({ port: smtp.port, security: 'starttls', host: 'localhost' }),
    });
    await untrusting.close();
    expect(result.outcome).toBe('tls');
    expect(result.reply).toMatch(/certificate/i);
  });

  it('answers auth for a wrong password', async () => {
    smtp = await startSmtpTestServer({ security: 'none' });
    const result = await t.ok('mailbox.testConnection', { draft: draft({ port: smtp.port, password: 'wrong' }) });
    expect(result.outcome).toBe('auth');
    expect(result.reply).toMatch(/535/);
  });

  it('uses the saved mailbox and password when no draft is given', async () => {
    smtp = await startSmtpTestServer({ security: 'none' });
    await t.ok('mailbox.save', draft({ port: smtp.port }));
    expect(await t.ok('mailbox.testConnection', {})).toMatchObject({ outcome: 'ok' });
    // A draft with no password falls back to the saved one.
    expect(
      await t.ok('mailbox.testConnection', { draft: draft({ port: smtp.port, password: undefined }) }),
    ).toMatchObject({ outcome: 'ok' });
  });

  it('answers refused for a closed port', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await t.ok('mailbox.testConnection', { draft: draft({ port }) })).toMatchObject({ outcome: 'refused' });
  });

  it('answers timeout for a server that never greets', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const quick = await testCore({ smtpTimeoutMs: 300 });
    const result = await quick.ok('mailbox.testConnection', {
      draft: draft({ port: (silent.address() as AddressInfo).port }),
    });
    await quick.close();
    await new Promise<void>((r) => silent.close(() => r()));
    expect(result.outcome).toBe('timeout');
  });

  it('answers dns for a host that does not resolve', async () => {
    expect(
      await t.ok('mailbox.testConnection', { draft: draft({ host: 'smtp.daftar.invalid', security: 'starttls' }) }),
    ).toMatchObject({
      outcome: 'dns',
    });
  });

  it('refuses to test a mailbox with no host, naming the field', async () => {
    expect((await t.fail('mailbox.testConnection', {})).details.fields).toEqual(
      expect.arrayContaining([
        { path: 'host', reason: 'required' },
        { path: 'address', reason: 'required' },
      ]),
    );
  });
});

describe('mailbox.sendTest', () => {
  it('delivers a test message in the interface language with the sender name', async () => {
    smtp = await startSmtpTestServer({ security: 'starttls' });
    const result = await t.ok('mailbox.sendTest', {
      to: 'owner@مثال.فلسطين',
      draft: draft({ port: smtp.port, security: 'starttls', host: 'localhost' }),
    });
    expect(result.outcome).toBe('ok');
    expect(result.reply).toMatch(/^250/);
    const { mail, rcptTo, mailFrom } = await smtp.nextMessage();
    // The server shows the recipient in Unicode; on the wire the header carries the ASCII (punycode) form.
    expect(rcptTo).toEqual(['owner@مثال.فلسطين']);
    expect(mail.headerLines.find((h) => h.key === 'to')?.line).toBe('To: owner@xn--mgbh0fb.xn--ygbi2ammx');
    expect(mailFrom).toBe('office@daftar.ps');
    expect(mail.subject).toBe('رسالة تجريبية من دفتر');
    expect(mail.from?.value).toEqual([{ name: 'شركة دفتر', address: 'office@daftar.ps' }]);
    expect(mail.replyTo?.value[0]?.address).toBe('accounts@daftar.ps');
    expect(mail.messageId).toBe(result.messageId);
  });

  it('writes the test message in English when the interface is English', async () => {
    smtp = await startSmtpTestServer({ security: 'none' });
    await t.ok('settings.save', { language: 'en' });
    await t.ok('mailbox.sendTest', { to: 'owner@x.ps', draft: draft({ port: smtp.port }) });
    expect((await smtp.nextMessage()).mail.subject).toBe('Test message from Daftar');
  });

  it('refuses a bad test address without connecting', async () => {
    expect((await t.fail('mailbox.sendTest', { to: 'owner@x', draft: draft() })).details.fields).toEqual([
      { path: 'to', reason: 'email_domain_no_dot', params: { address: 'owner@x', position: 1 } },
    ]);
  });

  it('reports an authentication failure with the server reply', async () => {
    smtp = await startSmtpTestServer({ security: 'none' });
    const result = await t.ok('mailbox.sendTest', {
      to: 'owner@x.ps',
      draft: draft({ port: smtp.port, password: 'nope' }),
    });
    expect(result).toMatchObject({ outcome: 'auth', messageId: null });
    expect(smtp.messages).toHaveLength(0);
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
