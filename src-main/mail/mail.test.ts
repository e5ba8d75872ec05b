import { payCheckout } from '../../test-support/licensing/pay';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput } from '../../src-shared/api/contract';
import type { MailboxInput } from '../../src-shared/api/mailbox.api';
import type { Envelope } from '../../src-shared/errors';
import type { Voucher } from '../../src-shared/api/vouchers.api';
import { startTestLicensing, type TestLicensing } from '../../test-support/licensing/test-server';
import { ChromiumPrinter } from '../host/chromium-printer';
import { addParty, invoiceInput } from '../../test-support/fixtures';
import { cancelWaitingIn } from './mail-queue';
import { startSmtpTestServer, TEST_CA, type SmtpTestServer } from '../../test-support/smtp-test-server';
import { testCore, type TestCore, RESOURCES_DIR } from '../../test-support/test-core';
import { changeKeptPdf, loseKeptPdf } from '../../test-support/kept-pdf';

const printer = new ChromiumPrinter(RESOURCES_DIR);
let L: TestLicensing;
let smtp: SmtpTestServer;
let t: TestCore;
let invoice: Voucher;
let replies: ({ code: number; message: string } | null)[] = [];

beforeAll(async () => {
  L = await startTestLicensing('sqlite');
});
afterAll(async () => {
  await L.close();
  await printer.close();
});

const mailbox = (port: number, over: Partial<MailboxInput> = {}): MailboxInput => ({
  displayName: 'شركة دفتر\u2028Bcc: evil@x.ps',
  address: 'office@daftar.ps',
  replyTo: 'accounts@daftar.ps',
  host: '127.0.0.1',
  port,
  security: 'none',
  username: 'daftar',
  password: 'correct horse',
  ...over,
});

async function buyCredits(core: TestCore, packs: number) {
  const { checkoutUrl } = await core.ok('credits.createOrder', { packs, method: 'card' });
  await payCheckout(checkoutUrl);
  await core.ok('credits.sync', {});
}

beforeEach(async () => {
  replies = [];
  smtp = await startSmtpTestServer({ security: 'none', reply: () => replies.shift() ?? null });
  t = await testCore({
    printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
    onDisk: true,
    smtpCa: [TEST_CA],
    smtpTimeoutMs: 1500,
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
    mail: { retryBaseMs: 1000 },
  });
  await t.ok('company.save', {
    nameAr: 'شركة دفتر للتجارة',
    nameEn: 'Daftar Trading',
    address: '',
    phone: '',
    taxNumber: '',
    logo: null,
    defaultCurrency: 'ILS',
  });
  await t.ok('mailbox.save', mailbox(smtp.port));
  await t.ok('credits.sync', {}); // the 5-message trial
  const customer = await addParty(t, 'customer', 'شركة النور للتجارة', { emails: 'a@alnoor.ps,b@alnoor.ps' });
  invoice = await t.ok('vouchers.save', invoiceInput(customer.id, { number: 1042 }));
});
afterEach(async () => {
  await t.close();
  await smtp.close();
});

const target = () => ({ kind: 'voucher' as const, id: invoice.id });
const send = (over: Partial<CallInput<'mail.send'>> = {}) =>
  t.core.call('mail.send', {
    target: target(),
    to: ['a@alnoor.ps', 'b@alnoor.ps'],
    cc: ['archive@daftar.ps'],
    subject: 'فاتورة مبيعات رقم ١٠٤٢',
    note: '',
    ...over,
  });
const idOf = (answer: Envelope<unknown>) => {
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return (answer.value as { id: string }).id;
};
const status = async (id: string) => (await t.ok('mail.outbox', {})).items.find((r) => r.id === id)!;
const later = (ms: number) => {
  t.ports.clock.time = new Date(t.ports.clock.time.getTime() + ms);
};

describe('sending a document', () => {
  it('prepares the dialog from the card, the template and the balance', async () => {
    const prepared = await t.ok('mail.prepare', { target: target() });
    expect(prepared).toMatchObject({
      to: ['a@alnoor.ps', 'b@alnoor.ps'],
      partyName: 'شركة النور للتجارة',
      language: 'ar',
      subject: 'فاتورة مبيعات رقم ١٠٤٢ من شركة دفتر للتجارة',
      fileName: 'فاتورة مبيعات 1042.pdf',
      balance: 5,
      alreadySent: [],
    });
    expect(prepared.bytes).toBeGreaterThan(1000);
  });

  it('reaches the server with To, CC, the Arabic subject, the escaped note on top and the printed PDF; one credit per recipient', async () => {
    // CR/LF in a subject is refused outright; a line separator (U+2028) becomes a space.
    expect(await send({ subject: 'فاتورة\r\nBcc: evil@x.ps' })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ path: 'subject', reason: 'invalid_format' }] } },
    });
    const answer = await send({
      note: '<script>alert(1)</script>\nشكرًا لتعاملكم',
      subject: 'فاتورة\u2028Bcc: evil@x.ps',
    });
    expect(answer).toMatchObject({ ok: true, value: { status: 'queued', cost: 3, balance: 2 } });
    await t.core.outbox.runOnce();
    const { mail, rcptTo } = await smtp.nextMessage();
    expect(rcptTo.sort()).toEqual(['a@alnoor.ps', 'archive@daftar.ps', 'b@alnoor.ps']);
    expect(mail.subject).toBe('فاتورة Bcc: evil@x.ps');
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.from?.value[0]).toEqual({ name: 'شركة دفتر Bcc: evil@x.ps', address: 'office@daftar.ps' });
    expect(mail.text!.startsWith('<script>alert(1)</script>\nشكرًا لتعاملكم')).toBe(true);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
    const [attachment] = mail.attachments;
    expect(attachment!.filename).toBe('فاتورة مبيعات 1042.pdf');
    const printed = await t.ok('print.pdf', { target: target() });
    expect(createHash('sha256').update(attachment!.content).digest('hex')).toBe(printed.sha256);
    const dir = mkdtempSync(join(tmpdir(), 'daftar-mail-'));
    writeFileSync(join(dir, 'a.pdf'), attachment!.content);
    expect(execFileSync('pdftotext', [join(dir, 'a.pdf'), '-']).toString()).toContain('شركة النور للتجارة');
    const row = await status(idOf(answer));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, credits: 3, pdfSha256: printed.sha256 });
    expect(mail.messageId).toBe(row.messageId);
  }, 30_000);

  it('refuses bad addresses by chip, and what the balance cannot cover, writing nothing', async () => {
    const bad = await send({ to: ['a@alnoor.ps', 'x@nodot'], cc: ['ok@x.ps', 'bad@'] });
    expect(bad.ok ? null : bad.error.details.fields).toEqual([
      { path: 'to.1', reason: 'email_domain_no_dot', params: { address: 'x@nodot', position: 2 } },
      { path: 'cc.1', reason: 'email_domain_empty', params: { address: 'bad@', position: 2 } },
    ]);
    const tooMany = await send({ cc: ['c1@x.ps', 'c2@x.ps', 'c3@x.ps', 'c4@x.ps'] });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'no_credit', details: { needed: 6, balance: 5 } } });
    expect((await t.ok('mail.outbox', {})).total).toBe(0);
    expect((await t.ok('credits.status', {})).balance).toBe(5);
  });

  it('asks before sending the same revision to the same addresses again', async () => {
    await send();
    const again = await send();
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'already_sent' } } });
    expect((await t.ok('mail.prepare', { target: target() })).alreadySent).toHaveLength(1);
    expect(await send({ confirmResend: true, cc: [] })).toMatchObject({ ok: true });
  });
});

describe('templates', () => {
  it('uses the edited template for the subject and body, per language', async () => {
    const templates = await t.ok('mail.templates', {});
    templates.invoice.ar = { subject: 'فاتورتكم {number} — {party}', body: 'مرفق {document} بقيمة {amount}.' };
    await t.ok('mail.saveTemplates', templates);
    expect((await t.ok('mail.prepare', { target: target() })).subject).toBe('فاتورتكم ١٠٤٢ — شركة النور للتجارة');
    await send({ subject: 'x' });
    await t.core.outbox.runOnce();
    expect((await smtp.nextMessage()).mail.text).toContain('مرفق فاتورة مبيعات بقيمة ٥٤٠٫٥٦ ILS.');
    expect(
      (
        await t.fail('mail.saveTemplates', {
          ...templates,
          invoice: { ...templates.invoice, en: { subject: 'a\nb', body: '' } },
        })
      ).code,
    ).toBe('invalid_input');
  });
});

describe('the worker', () => {
  it('retries 421/450/451 with backoff and then sends', async () => {
    replies = [
      { code: 451, message: '4.7.1 Try again later' },
      { code: 450, message: 'mailbox busy' },
      { code: 421, message: 'closing' },
    ];
    const answer = await send();
    const id = idOf(answer);
    await t.core.outbox.runOnce();
    const first = await status(id);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, lastError: 'deferred' });
    expect(first.lastReply).toMatch(/451/);
    expect(Date.parse(first.nextAttemptAt!) - t.ports.clock.now().getTime()).toBeLessThanOrEqual(60_000);
    await t.core.outbox.runOnce(); // not due yet: nothing happens
    expect((await status(id)).attempts).toBe(1);
    for (let i = 0; i < 3; i++) {
      later(3_600_000);
      await t.core.outbox.runOnce();
    }
    expect(await status(id)).toMatchObject({ status: 'sent', attempts: 4 });
    expect(smtp.messages).toHaveLength(1);
    expect((await t.ok('credits.status', {})).balance).toBe(2);
  });

  it('sends the next message on the connection still open, and signs in afresh once the mailbox is saved', async () => {
    idOf(await send({ to: ['a@alnoor.ps'], cc: [] }));
    await t.core.outbox.runOnce();
    await smtp.nextMessage();
    // Queued after the outbox emptied: the same connection, no second login.
    idOf(await send({ to: ['b@alnoor.ps'], cc: [] }));
    await t.core.outbox.runOnce();
    expect((await smtp.nextMessage()).rcptTo).toEqual(['b@alnoor.ps']);
    expect(smtp.logins).toBe(1);
    // The server hung up in between (its idle timeout): a new connection, nothing fails.
    smtp.hangUp();
    idOf(await send({ to: ['accounts@alnoor.ps'], cc: [] }));
    await t.core.outbox.runOnce();
    expect((await smtp.nextMessage()).rcptTo).toEqual(['accounts@alnoor.ps']);
    expect(smtp.logins).toBe(2);
    // The mailbox saved again (a password changed on the server, say): what was open is not trusted.
    await t.ok('mailbox.save', mailbox(smtp.port));
    idOf(await send({ to: ['archive@daftar.ps'], cc: [] }));
    await t.core.outbox.runOnce();
    await smtp.nextMessage();
    expect(smtp.logins).toBe(3);
  });

  it('fails for good on 550 and returns the credits', async () => {
    replies = [{ code: 550, message: '5.1.1 User unknown' }];
    const answer = await send();
    await t.core.outbox.runOnce();
    expect(await status(idOf(answer))).toMatchObject({ status: 'failed', lastError: 'rejected' });
    expect((await t.ok('credits.status', {})).balance).toBe(5);
    // Retrying a failed message takes its credits again.
    await t.ok('mail.retry', { id: idOf(answer) });
    expect((await t.ok('credits.status', {})).balance).toBe(2);
  });

  it('pauses the queue on a wrong password and goes on once the mailbox is fixed', async () => {
    await t.ok('mailbox.save', mailbox(smtp.port, { password: 'wrong' }));
    const answer = await send();
    await t.core.outbox.runOnce();
    const out = await t.ok('mail.outbox', {});
    expect(out.queue).toEqual({ paused: true, reason: 'auth' });
    expect(out.items[0]).toMatchObject({ status: 'queued', lastError: 'auth', attempts: 0 });
    await t.ok('mailbox.save', mailbox(smtp.port));
    expect((await t.ok('mail.outbox', {})).queue.paused).toBe(false);
    await t.core.outbox.runOnce();
    expect(await status(idOf(answer))).toMatchObject({ status: 'sent' });
  });

  it('times out on a server that stops answering and moves on; server back → sent without the user', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    await t.ok('mailbox.save', mailbox((silent.address() as AddressInfo).port));
    const answer = await send();
    const started = Date.now();
    await t.core.outbox.runOnce();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await status(idOf(answer))).toMatchObject({ status: 'queued', lastError: 'timeout' });
    silent.close();
    await t.ok('mailbox.save', mailbox(smtp.port));
    later(3_600_000);
    await t.core.outbox.runOnce();
    expect(await status(idOf(answer))).toMatchObject({ status: 'sent' });
  }, 20_000);

  it('sends a message a crash left "sending" again, with the same Message-ID', async () => {
    const answer = await send();
    const id = idOf(answer);
    await t.core.book.db.updateTable('outbox').set({ status: 'sending', attempts: 1 }).where('id', '=', id).execute();
    const messageId = (await status(id)).messageId;
    await t.core.close();
    const restarted = await testCore({
      ...t.sameBook,
      bookFile: undefined,
      onDisk: true,
      printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
      licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem },
    });
    for (const [k, v] of t.ports.secrets.values) await restarted.ports.secrets.set(k, v);
    await restarted.core.outbox.runOnce();
    const { mail } = await smtp.nextMessage();
    expect(mail.messageId).toBe(messageId);
    expect((await restarted.ok('mail.outbox', {})).items[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await restarted.ok('credits.status', {})).balance).toBe(2);
    t = restarted;
  });

  it('fails a message whose kept PDF disappeared, and returns its credits', async () => {
    const answer = await send();
    await loseKeptPdf(t, idOf(answer));
    await t.core.outbox.runOnce();
    expect(await status(idOf(answer))).toMatchObject({ status: 'failed', lastError: 'attachment_missing' });
    expect((await t.ok('credits.status', {})).balance).toBe(5);
  });

  it('a double retry of a failed message takes its credits once', async () => {
    replies = [{ code: 550, message: '5.1.1 User unknown' }];
    const id = idOf(await send({ to: ['a@alnoor.ps'], cc: [] }));
    await t.core.outbox.runOnce();
    expect((await t.ok('credits.status', {})).balance).toBe(5);
    const [first, second] = await Promise.all([t.core.call('mail.retry', { id }), t.core.call('mail.retry', { id })]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect((await t.ok('credits.status', {})).balance).toBe(4);
  });

  it('a cancel racing the worker never gives back the credits of a message that went out', async () => {
    const id = idOf(await send({ to: ['a@alnoor.ps'], cc: [] }));
    // What the cancel read, a moment before the worker claimed the message and sent it.
    const seen = await t.core.book.db
      .selectFrom('outbox')
      .select(['id', 'status', 'spend_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await t.core.outbox.runOnce();
    expect(await status(id)).toMatchObject({ status: 'sent' });
    const late = await t.core.book.db
      .transaction()
      .execute((trx) => cancelWaitingIn(t.core.book, trx, seen, new Date()))
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ details: { reason: 'not_cancellable', status: 'sent' } });
    expect(await status(id)).toMatchObject({ status: 'sent' });
    expect((await t.ok('credits.status', {})).balance).toBe(4);
  });

  it('refuses to send a kept PDF that changed since it was queued, and returns its credits', async () => {
    const id = idOf(await send());
    await changeKeptPdf(t, id, '%PDF-1.7 a different document');
    await t.core.outbox.runOnce();
    expect(await status(id)).toMatchObject({ status: 'failed', lastError: 'attachment_changed' });
    expect(smtp.messages).toHaveLength(0);
    expect((await t.ok('credits.status', {})).balance).toBe(5);
  });

  it('gives Message-IDs the ASCII form of an Arabic domain', async () => {
    await t.ok('mailbox.save', mailbox(smtp.port, { address: 'office@دفتر.فلسطين' }));
    const id = idOf(await send());
    expect((await status(id)).messageId).toMatch(/^<[0-9a-z]+@xn--[0-9a-z-]+\.xn--[0-9a-z-]+>$/);
  });

  it('cancels a queued message and gives its credits back', async () => {
    const answer = await send();
    const cancelled = await t.ok('mail.cancel', { id: idOf(answer) });
    expect(cancelled.status).toBe('cancelled');
    expect((await t.ok('credits.status', {})).balance).toBe(5);
    await t.core.outbox.runOnce();
    expect(smtp.messages).toHaveLength(0);
  });

  it('sends statements too, after buying more credits', async () => {
    await buyCredits(t, 1);
    const answer = await t.core.call('mail.send', {
      target: {
        kind: 'accountStatement',
        language: 'en',
        input: { partyId: invoice.partyId, from: '2026-01-01', to: '2026-12-31' },
      },
      to: ['a@alnoor.ps'],
      subject: 'Statement',
    });
    expect(answer).toMatchObject({ ok: true, value: { cost: 1 } });
    await t.core.outbox.runOnce();
    const { mail } = await smtp.nextMessage();
    expect(mail.attachments[0]!.filename).toMatch(/^Account statement .*\.pdf$/);
    expect(mail.text).toContain('closing balance');
  }, 30_000);
});
