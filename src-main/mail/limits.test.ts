import { describe, expect } from 'vitest';
import type { SendingLimits } from '../../src-shared/api/mailbox.api';
import { addParty, invoiceInput, loopbackMailbox } from '../../test-support/fixtures';
import { test, type QueuedSmtp } from '../../test-support/server-test';
import type { TestCore } from '../../test-support/test-core';

// Each test: a core with credits (creditedCore) and a loopback SMTP server (smtp), made for it by the fixtures.
const limited = (t: TestCore, smtp: QueuedSmtp, limits: Partial<SendingLimits>) =>
  t.ok(
    'mailbox.save',
    loopbackMailbox(smtp.port, {
      limits: { recipientsPerMessage: null, messagesPerMinute: null, recipientsPerDay: null, ...limits },
    }),
  );

/** Queue one invoice to each address, in order. */
async function queue(t: TestCore, addresses: string[]) {
  const party = await addParty(t, 'customer', 'شركة النور', { emails: 'x@alnoor.ps' });
  const invoice = await t.ok('vouchers.save', invoiceInput(party.id));
  for (const to of addresses)
    await t.ok('mail.send', {
      target: { kind: 'voucher', id: invoice.id },
      to: [to],
      subject: to,
      confirmResend: true,
    });
}

const advance = (t: TestCore, ms: number) => (t.ports.clock.time = new Date(t.ports.clock.time.getTime() + ms));
/** When each message went, by the outbox's own record, in order. */
const sentTimes = async (t: TestCore) =>
  (await t.ok('mail.outbox', { statuses: ['sent'], limit: 500 })).items
    .map((m) => Date.parse(m.sentAt!))
    .sort((a, b) => a - b);

describe('the outbox keeps to the mailbox’s sending limits', () => {
  test('sends no more per minute and per rolling day than allowed; the rest wait, saying until when', async ({
    creditedCore: t,
    smtp,
  }) => {
    await limited(t, smtp, { messagesPerMinute: 2, recipientsPerDay: 5 });
    await queue(t, ['1@x.ps', '2@x.ps', '3@x.ps', '4@x.ps', '5@x.ps', '6@x.ps', '7@x.ps']);
    const start = t.ports.clock.time.getTime();
    await t.core.outbox.runOnce();
    expect(smtp.messages).toHaveLength(2);
    const waiting = (await t.ok('mail.outbox', { statuses: ['queued'] })).items;
    expect(waiting).toHaveLength(5);
    expect(
      waiting.every((m) => m.lastError === 'minute_limit' && Date.parse(m.nextAttemptAt!) === start + 60_000),
    ).toBe(true);

    // A test clock, not real minutes: a pass each 10 seconds for a day and a half.
    for (let s = 0; s < 36 * 360; s++) {
      advance(t, 10_000);
      await t.core.outbox.runOnce();
      if (smtp.messages.length === 7) break;
    }
    expect(smtp.messages.map((m) => m.rcptTo[0])).toEqual([
      '1@x.ps',
      '2@x.ps',
      '3@x.ps',
      '4@x.ps',
      '5@x.ps',
      '6@x.ps',
      '7@x.ps',
    ]);
    const times = await sentTimes(t);
    for (let i = 2; i < times.length; i++)
      expect(times[i]! - times[i - 2]!, `message ${i + 1}`).toBeGreaterThanOrEqual(60_000);
    for (let i = 5; i < times.length; i++)
      expect(times[i]! - times[i - 5]!, `message ${i + 1}`).toBeGreaterThanOrEqual(24 * 3_600_000);
    // The sixth waited for the day, not failed: its credits were spent once.
    expect(times[5]! - times[0]!).toBeLessThan(24 * 3_600_000 + 20_000);
  });

  test('a bulk keeps to the limits too: its preview says how long, its progress shows the next slot', async ({
    creditedCore: t,
    smtp,
  }) => {
    await limited(t, smtp, { messagesPerMinute: 1, recipientsPerDay: 2 });
    const party = await addParty(t, 'customer', 'شركة النور', { emails: 'a@x.ps' });
    for (let i = 0; i < 3; i++) await t.ok('vouchers.save', invoiceInput(party.id, { date: '2026-03-15' }));
    const options = {
      type: 'sales_invoice' as const,
      range: { by: 'date' as const, from: '2026-03-01', to: '2026-03-31' },
    };
    const preview = await t.ok('bulk.preview', { options });
    expect(preview).toMatchObject({ messages: 3, recipients: 3, pace: { recipientsPerDay: 2, messagesPerMinute: 1 } });
    const bulk = await t.ok('bulk.start', { options });
    // The runner queues its documents in the background; the worker is driven here.
    await expect.poll(async () => (await t.ok('mail.outbox', {})).total, { timeout: 30_000 }).toBe(3);
    const start = t.ports.clock.time.getTime();
    await t.core.outbox.runOnce();
    expect(smtp.messages).toHaveLength(1);
    expect((await t.ok('bulk.get', { id: bulk.id })).tally).toMatchObject({
      sent: 1,
      waiting: 2,
      nextSlot: new Date(start + 60_000).toISOString(),
    });
    advance(t, 61_000);
    await t.core.outbox.runOnce();
    // Two recipients today: the third waits for the day.
    expect((await t.ok('bulk.get', { id: bulk.id })).tally).toMatchObject({
      sent: 2,
      waiting: 1,
      nextSlot: new Date(start + 24 * 3_600_000).toISOString(),
    });
  });

  test('refuses a message with more recipients than the mailbox takes, before anything is charged', async ({
    creditedCore: t,
    smtp,
  }) => {
    await limited(t, smtp, { recipientsPerMessage: 2 });
    const party = await addParty(t, 'customer', 'شركة النور', { emails: 'a@x.ps' });
    const invoice = await t.ok('vouchers.save', invoiceInput(party.id));
    const balance = (await t.ok('credits.status', {})).balance;
    const refused = await t.fail('mail.send', {
      target: { kind: 'voucher', id: invoice.id },
      to: ['a@x.ps', 'b@x.ps'],
      cc: ['c@x.ps'],
      subject: 'x',
    });
    expect(refused.details.fields).toEqual([
      { path: 'to', reason: 'too_many_recipients', params: { max: 2, count: 3 } },
    ]);
    expect((await t.ok('credits.status', {})).balance).toBe(balance);
    expect((await t.ok('mail.outbox', {})).total).toBe(0);
  });

  test('waits on a quota reply instead of failing the message and returning its credits', async ({
    creditedCore: t,
    smtp,
  }) => {
    await limited(t, smtp, {});
    smtp.replies.push({ code: 550, message: '5.4.5 Daily user sending limit exceeded.' });
    await queue(t, ['a@x.ps', 'b@x.ps']);
    const balance = (await t.ok('credits.status', {})).balance;
    await t.core.outbox.runOnce();
    const outbox = await t.ok('mail.outbox', {});
    expect(outbox.items.map((m) => [m.status, m.lastError])).toEqual([
      ['queued', 'quota_daily'],
      ['queued', 'quota_daily'],
    ]);
    expect((await t.ok('credits.status', {})).balance).toBe(balance);
    expect(smtp.messages).toHaveLength(0);
    // An hour on, the provider takes mail again: both go, once each.
    advance(t, 3_600_000);
    await t.core.outbox.runOnce();
    expect(smtp.messages.map((m) => m.rcptTo[0]).sort()).toEqual(['a@x.ps', 'b@x.ps']);
  });
});
