import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postfixMailbox } from '../../../test-support/fixtures';
import {
  openReadingCore,
  outboxRow,
  startReadingWorld,
  stopReadingWorld,
  sendInvoice,
  type ReadingWorld,
} from '../../../test-support/mailbox-reading';

// A mailbox as a fresh Dovecot or many hosting providers give it: no Sent folder, none marked \Sent.
let world: ReadingWorld;

beforeAll(async () => {
  world = await startReadingWorld(['office', 'customer'], { noSentFolder: true });
}, 60_000);
afterAll(() => stopReadingWorld(world));

const folders = () => world.servers.asUser('office', async (client) => await client.list());

describe('a mailbox with no Sent folder', () => {
  it('Test reading makes the Sent folder, and the Sent copy goes there', async () => {
    const t = await openReadingCore(world);
    expect((await folders()).map((f) => f.path)).not.toContain('Sent');
    await t.ok('mailbox.save', postfixMailbox(world.servers));
    expect(await t.ok('mailbox.testImap', {})).toEqual({ outcome: 'ok', reply: null, sentFolder: 'Sent' });
    const made = (await folders()).find((f) => f.path === 'Sent');
    expect(made).toBeDefined();
    await t.ok('credits.sync', {});
    const { id } = await sendInvoice(t, `customer@${world.servers.domain}`, 1);
    await t.core.reader.readOnce();
    const messageId = (await outboxRow(t, id)).messageId;
    expect((await world.servers.sources('office', 'Sent')).filter((s) => s.includes(messageId))).toHaveLength(1);
    expect(await t.ok('mailbox.readerStatus', {})).toMatchObject({ state: 'ok', problem: null });
    await t.close();
  }, 120_000);

  it('a Sent folder the server will not make is said in the window, and the copy waits for it', async () => {
    const t = await openReadingCore(world);
    // A name Dovecot refuses to create.
    const mailbox = postfixMailbox(world.servers, {
      imap: { ...postfixMailbox(world.servers).imap!, sentFolder: 'Sent/../..' },
    });
    await t.ok('mailbox.save', mailbox);
    const test = await t.ok('mailbox.testImap', {});
    expect(test).toMatchObject({ outcome: 'ok', sentFolder: null });
    expect(test.reply).toBeTruthy();
    await t.ok('credits.sync', {});
    const { id } = await sendInvoice(t, `customer@${world.servers.domain}`, 2);
    await expect(t.core.reader.readOnce()).rejects.toThrow(/Sent/);
    expect(await t.ok('mailbox.readerStatus', {})).toMatchObject({ state: 'failed', problem: 'no_sent_folder' });
    // The copy is still owed: a folder the user names that exists takes it next time.
    expect(
      await t.core.book.db.selectFrom('outbox').select('sent_copy').where('id', '=', id).executeTakeFirstOrThrow(),
    ).toEqual({ sent_copy: 'pending' });
    await t.ok('mailbox.save', { ...mailbox, imap: { ...mailbox.imap!, sentFolder: 'Sent' } });
    await t.core.reader.readOnce();
    expect(await t.ok('mailbox.readerStatus', {})).toMatchObject({ state: 'ok', problem: null });
    await t.close();
  }, 120_000);
});
