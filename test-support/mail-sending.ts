import type { CallInput, CallOutput } from '../src-shared/api/contract';
import type { MailboxInput } from '../src-shared/api/mailbox.api';
import type { Envelope } from '../src-shared/errors';
import type { Voucher } from '../src-shared/api/vouchers.api';
import { addParty, invoiceInput } from './fixtures';
import { test as serverTest } from './server-test';
import { TEST_CA } from './smtp-test-server';
import { testCore, type TestCore } from './test-core';

export const mailbox = (port: number, over: Partial<MailboxInput> = {}): MailboxInput => ({
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

/** A test's core that sends, its invoice to email, and the calls its tests make about it. */
export interface Sending {
  /** The core; a test that restarts it puts the new one here, and the fixture closes that one after. */
  t: TestCore;
  invoice: Voucher;
  target(): { kind: 'voucher'; id: string };
  /** Emails the invoice to its two addresses with a CC, as the dialog sends it. */
  send(over?: Partial<CallInput<'mail.send'>>): ReturnType<TestCore['core']['call']>;
  /** The outbox's row of the message. */
  status(id: string): Promise<CallOutput<'mail.outbox'>['items'][number]>;
  /** Moves the core's clock on. */
  later(ms: number): void;
}

export const idOf = (answer: Envelope<unknown>) => {
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return (answer.value as { id: string }).id;
};

/**
 * `test` with `sending` too: a core that prints, with company info, a sender mailbox on the test's
 * loopback SMTP server (the `smtp` fixture, answering from `smtp.replies`), the trial's credits and an
 * invoice to email.
 */
export const test = serverTest.extend(
  'sending',
  async ({ printer, licensing: L, smtp }, { onCleanup }): Promise<Sending> => {
    const t = await testCore({
      printer,
      onDisk: true,
      smtpCa: [TEST_CA],
      smtpTimeoutMs: 1500,
      licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
      mail: { retryBaseMs: 1000 },
    });
    const sending: Sending = {
      t,
      invoice: null as never,
      target: () => ({ kind: 'voucher', id: sending.invoice.id }),
      send: (over = {}) =>
        sending.t.core.call('mail.send', {
          target: sending.target(),
          to: ['a@alnoor.ps', 'b@alnoor.ps'],
          cc: ['archive@daftar.ps'],
          subject: 'فاتورة مبيعات رقم ١٠٤٢',
          note: '',
          ...over,
        }),
      status: async (id) => (await sending.t.ok('mail.outbox', {})).items.find((r) => r.id === id)!,
      later: (ms) => {
        sending.t.ports.clock.time = new Date(sending.t.ports.clock.time.getTime() + ms);
      },
    };
    onCleanup(async () => {
      await sending.t.close();
      await t.close(); // after a restart, the first (its office book is dropped once the restarted core let go)
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
    sending.invoice = await t.ok('vouchers.save', invoiceInput(customer.id, { number: 1042 }));
    return sending;
  },
);
