import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParty, invoiceInput, postfixMailbox } from '../../../test-support/fixtures';
import {
  deliveryReport,
  openReadingCore,
  outboxRow,
  startReadingWorld,
  stopReadingWorld,
  sendInvoice,
  waitForMail,
  type ReadingWorld,
} from '../../../test-support/mailbox-reading';
import type { TestCore } from '../../../test-support/test-core';

// What strangers may send to the office's mailbox, read by Daftar from real Dovecot (and Postfix's
// own DSNs). Each case was a way to stop or fool the reader.
let world: ReadingWorld;

beforeAll(async () => {
  world = await startReadingWorld(['office', 'customer']);
}, 60_000);
afterAll(() => stopReadingWorld(world));

const office = () => `office@${world.servers.domain}`;
const mailbox = () =>
  postfixMailbox(world.servers, { imap: { ...postfixMailbox(world.servers).imap!, sentCopy: false } });

async function readingDesktop(): Promise<TestCore> {
  const t = await openReadingCore(world);
  await t.ok('mailbox.save', mailbox());
  await t.ok('credits.sync', {});
  await t.core.reader.readOnce(); // the first read: from now on
  return t;
}

const cursorOf = async (t: TestCore) =>
  (await t.core.book.db.selectFrom('imap_cursor').select('last_uid').executeTakeFirstOrThrow()).last_uid;
const inboxSize = async () => (await world.servers.sources('office', 'INBOX')).length;

/** A stranger's "Undeliverable": 2 MB in one paragraph, just under what was read whole (80 KB froze the app 7.4 s). */
const hugeUndeliverable = () =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.ps>',
    `To: ${office()}`,
    'Subject: Undeliverable: your message',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Message-ID: <stranger@example.ps>',
    '',
    `${'a'.repeat(2 * 1000 * 1000)} 550 5.1.1 someone@example.ps`,
    '',
  ].join('\r\n');

describe('mail from strangers never stops the reader', () => {
  it('a 2 MB one-paragraph bounce is skipped in one pass, the bounce after it is recorded, and nothing is read twice', async () => {
    let t = await readingDesktop();
    const sent = await sendInvoice(t, `customer@${world.servers.domain}`, 101);
    const messageId = (await outboxRow(t, sent.id)).messageId;
    await world.servers.asUser('office', (client) => client.append('INBOX', hugeUndeliverable()));
    // A report whose diagnostic carries a NUL (PostgreSQL refuses 0x00 in text) and a bell.
    await world.servers.asUser('office', (client) =>
      client.append(
        'INBOX',
        deliveryReport({
          to: office(),
          messageId,
          recipient: `customer@${world.servers.domain}`,
          diagnostic: '550 5.1.1 mailbox\u0000gone\u0007here',
        }),
      ),
    );
    // And a real one after both: Postfix's own DSN for a recipient that does not exist.
    const ghost = await sendInvoice(t, `ghost@${world.servers.domain}`, 102);
    await waitForMail(world.servers, 'office', (await outboxRow(t, ghost.id)).messageId);

    await t.core.reader.readOnce();
    expect((await outboxRow(t, ghost.id)).bounces).toEqual([
      expect.objectContaining({ recipient: `ghost@${world.servers.domain}`, status: '5.1.1' }),
    ]);
    expect((await outboxRow(t, sent.id)).bounces).toEqual([
      expect.objectContaining({ diagnostic: '550 5.1.1 mailbox gone here' }),
    ]);
    expect(await cursorOf(t)).toBe(await inboxSize());
    expect(await t.ok('mailbox.readerStatus', {})).toMatchObject({ state: 'ok', problem: null });

    // A restart reads none of it again.
    const keychain = t.ports.secrets.values;
    await t.core.close();
    t = await openReadingCore(world, t.sameBook);
    for (const [key, value] of keychain) t.ports.secrets.values.set(key, value);
    await t.core.reader.readOnce();
    expect(t.events.filter((e) => e.name === 'mail.bounced')).toEqual([]);
    await t.close();
  }, 240_000);

  it('a bounce is believed only for a message that was sent, and only for the addresses it was sent to', async () => {
    const t = await readingDesktop();
    const customer = await addParty(t, 'customer', 'زبون 201', { emails: `customer@${world.servers.domain}` });
    const queue = async (number: number) => {
      const invoice = await t.ok('vouchers.save', invoiceInput(customer.id, { number }));
      const target = { kind: 'voucher' as const, id: invoice.id };
      const prepared = await t.ok('mail.prepare', { target });
      return (await t.ok('mail.send', { target, to: prepared.to, subject: prepared.subject })).id;
    };
    const sent = await sendInvoice(t, `customer@${world.servers.domain}`, 203);
    const broken = await sendInvoice(t, `customer@${world.servers.domain}`, 204);
    // Still waiting in the outbox (nothing runs it now), and one cancelled: neither was sent.
    const waiting = await queue(201);
    const cancelled = await queue(202);
    await t.ok('mail.cancel', { id: cancelled });
    for (const [id, recipient] of [
      [waiting, `customer@${world.servers.domain}`],
      [cancelled, `customer@${world.servers.domain}`],
      [sent.id, `stranger@${world.servers.domain}`], // never sent to
    ] as const) {
      const messageId = (await outboxRow(t, id)).messageId;
      await world.servers.asUser('office', (client) =>
        client.append('INBOX', deliveryReport({ to: office(), messageId, recipient })),
      );
    }
    // A hand-edited row that makes recording fail: that bounce is skipped, the reader goes on.
    const brokenId = (await outboxRow(t, broken.id)).messageId;
    await t.core.book.db.updateTable('outbox').set({ to_json: '{not json' }).where('id', '=', broken.id).execute();
    await world.servers.asUser('office', (client) =>
      client.append(
        'INBOX',
        deliveryReport({ to: office(), messageId: brokenId, recipient: `customer@${world.servers.domain}` }),
      ),
    );
    await t.core.reader.readOnce();
    // (The outbox list itself cannot show such a row: put it back before looking.)
    await t.core.book.db
      .updateTable('outbox')
      .set({ to_json: JSON.stringify([`customer@${world.servers.domain}`]) })
      .where('id', '=', broken.id)
      .execute();
    for (const id of [waiting, cancelled, sent.id, broken.id]) expect((await outboxRow(t, id)).bounces).toEqual([]);
    expect(await cursorOf(t)).toBe(await inboxSize());

    // And the next real bounce is recorded.
    const messageId = (await outboxRow(t, sent.id)).messageId;
    await world.servers.asUser('office', (client) =>
      client.append(
        'INBOX',
        deliveryReport({ to: office(), messageId, recipient: `customer@${world.servers.domain}` }),
      ),
    );
    await t.core.reader.readOnce();
    expect((await outboxRow(t, sent.id)).bounces).toHaveLength(1);
    await t.close();
  }, 240_000);

  it('a backlog of 20,000 new messages (past the 64 KB command line of a single FETCH) is read, and the bounce at its end found', async () => {
    const t = await readingDesktop();
    const before = await inboxSize();
    world.servers.drop(
      'office',
      Array.from(
        { length: 20_000 },
        (_, i) => `From: customer@example.ps\r\nTo: ${office()}\r\nSubject: Re: invoice ${i}\r\n\r\nthanks\r\n`,
      ),
    );
    const ghost = await sendInvoice(t, `ghost@${world.servers.domain}`, 301);
    await waitForMail(world.servers, 'office', (await outboxRow(t, ghost.id)).messageId);
    await t.core.reader.readOnce();
    expect((await outboxRow(t, ghost.id)).bounces).toHaveLength(1);
    expect(await cursorOf(t)).toBeGreaterThanOrEqual(before + 20_001);
    await t.close();
  }, 300_000);

  it('the first read takes a bounce that arrived in the very second reading was switched on (INTERNALDATE has whole seconds)', async () => {
    const t = await openReadingCore(world);
    await t.ok('mailbox.save', { ...mailbox(), imap: { ...mailbox().imap!, enabled: false } });
    await t.ok('credits.sync', {});
    const sent = await sendInvoice(t, `customer@${world.servers.domain}`, 401);
    // Reading is switched on at .999 of a second; the bounce came in that second (stamped at .000).
    const second = Math.floor(Date.now() / 1000) * 1000;
    t.ports.clock.time = new Date(second + 999);
    await t.ok('mailbox.save', mailbox());
    const messageId = (await outboxRow(t, sent.id)).messageId;
    await world.servers.asUser('office', (client) =>
      client.append(
        'INBOX',
        deliveryReport({ to: office(), messageId, recipient: `customer@${world.servers.domain}` }),
        [],
        new Date(second),
      ),
    );
    await t.core.reader.readOnce();
    expect((await outboxRow(t, sent.id)).bounces).toHaveLength(1);
    await t.close();
  }, 240_000);
});
