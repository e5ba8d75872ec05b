import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpTestServer, TEST_CA, type SmtpTestServer } from '../../test-support/smtp-test-server';
import { testCore, type TestCore } from '../../test-support/test-core';
import { SMTP_PASSWORD_KEY } from './mailbox.handlers';
import { mailboxDraft as draft } from '../../test-support/mailbox-draft';

// Saving the sender mailbox, testing its connection and sending a test message; where its passwords may go is in mailbox-passwords.test.ts.
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
