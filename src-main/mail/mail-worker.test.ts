import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect } from 'vitest';
import { cancelWaitingIn } from './mail-queue';
import { testCore } from '../../test-support/test-core';
import { changeKeptPdf, loseKeptPdf } from '../../test-support/kept-pdf';
import { buyCredits } from '../../test-support/server-test';
import { idOf, mailbox, test } from '../../test-support/mail-sending';

// The outbox worker: retries, failures, restarts and cancels; sending from the dialog is in mail.test.ts.
// Each test: a core that sends (the sending fixture) through the test's loopback SMTP server (smtp).

describe('the worker', () => {
  test('retries 421/450/451 with backoff and then sends', async ({ sending: { t, send, status, later }, smtp }) => {
    smtp.replies.push(
      { code: 451, message: '4.7.1 Try again later' },
      { code: 450, message: 'mailbox busy' },
      { code: 421, message: 'closing' },
    );
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

  test('sends the next message on the connection still open, and signs in afresh once the mailbox is saved', async ({
    sending: { t, send },
    smtp,
  }) => {
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

  test('fails for good on 550 and returns the credits', async ({ sending: { t, send, status }, smtp }) => {
    smtp.replies.push({ code: 550, message: '5.1.1 User unknown' });
    const answer = await send();
    await t.core.outbox.runOnce();
    expect(await status(idOf(answer))).toMatchObject({ status: 'failed', lastError: 'rejected' });
    expect((await t.ok('credits.status', {})).balance).toBe(5);
    // Retrying a failed message takes its credits again.
    await t.ok('mail.retry', { id: idOf(answer) });
    expect((await t.ok('credits.status', {})).balance).toBe(2);
  });

  test('pauses the queue on a wrong password and goes on once the mailbox is fixed', async ({
    sending: { t, send, status },
    smtp,
  }) => {
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

  test('times out on a server that stops answering and moves on; server back → sent without the user', async ({
    sending: { t, send, status, later },
    smtp,
  }) => {
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

  test('sends a message a crash left "sending" again, with the same Message-ID', async ({
    sending,
    printer,
    licensing: L,
    smtp,
  }) => {
    const { t, send, status } = sending;
    const answer = await send();
    const id = idOf(answer);
    await t.core.book.db.updateTable('outbox').set({ status: 'sending', attempts: 1 }).where('id', '=', id).execute();
    const messageId = (await status(id)).messageId;
    await t.core.close();
    const restarted = await testCore({
      ...t.sameBook,
      bookFile: undefined,
      onDisk: true,
      printer,
      licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem },
    });
    for (const [k, v] of t.ports.secrets.values) await restarted.ports.secrets.set(k, v);
    await restarted.core.outbox.runOnce();
    const { mail } = await smtp.nextMessage();
    expect(mail.messageId).toBe(messageId);
    expect((await restarted.ok('mail.outbox', {})).items[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await restarted.ok('credits.status', {})).balance).toBe(2);
    sending.t = restarted; // the fixture closes it after the test
  });

  test('fails a message whose kept PDF disappeared, and returns its credits', async ({
    sending: { t, send, status },
  }) => {
    const answer = await send();
    await loseKeptPdf(t, idOf(answer));
    await t.core.outbox.runOnce();
    expect(await status(idOf(answer))).toMatchObject({ status: 'failed', lastError: 'attachment_missing' });
    expect((await t.ok('credits.status', {})).balance).toBe(5);
  });

  test('a double retry of a failed message takes its credits once', async ({ sending: { t, send }, smtp }) => {
    smtp.replies.push({ code: 550, message: '5.1.1 User unknown' });
    const id = idOf(await send({ to: ['a@alnoor.ps'], cc: [] }));
    await t.core.outbox.runOnce();
    expect((await t.ok('credits.status', {})).balance).toBe(5);
    const [first, second] = await Promise.all([t.core.call('mail.retry', { id }), t.core.call('mail.retry', { id })]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect((await t.ok('credits.status', {})).balance).toBe(4);
  });

  test('a cancel racing the worker never gives back the credits of a message that went out', async ({
    sending: { t, send, status },
  }) => {
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

  test('refuses to send a kept PDF that changed since it was queued, and returns its credits', async ({
    sending: { t, send, status },
    smtp,
  }) => {
    const id = idOf(await send());
    await changeKeptPdf(t, id, '%PDF-1.7 a different document');
    await t.core.outbox.runOnce();
    expect(await status(id)).toMatchObject({ status: 'failed', lastError: 'attachment_changed' });
    expect(smtp.messages).toHaveLength(0);
    expect((await t.ok('credits.status', {})).balance).toBe(5);
  });

  test('gives Message-IDs the ASCII form of an Arabic domain', async ({ sending: { t, send, status }, smtp }) => {
    await t.ok('mailbox.save', mailbox(smtp.port, { address: 'office@دفتر.فلسطين' }));
    const id = idOf(await send());
    expect((await status(id)).messageId).toMatch(/^<[0-9a-z]+@xn--[0-9a-z-]+\.xn--[0-9a-z-]+>$/);
  });

  test('cancels a queued message and gives its credits back', async ({ sending: { t, send }, smtp }) => {
    const answer = await send();
    const cancelled = await t.ok('mail.cancel', { id: idOf(answer) });
    expect(cancelled.status).toBe('cancelled');
    expect((await t.ok('credits.status', {})).balance).toBe(5);
    await t.core.outbox.runOnce();
    expect(smtp.messages).toHaveLength(0);
  });

  test('sends statements too, after buying more credits', async ({ sending: { t, invoice }, smtp }) => {
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
