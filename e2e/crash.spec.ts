import { test, expect } from '@playwright/test';
import { rmSync } from 'node:fs';
import { startSmtpTestServer } from '../test-support/smtp-test-server';
import { allSent, api, buyCredits } from './support/api';
import { startHost } from './support/host';
import { startLicensingProcess } from './support/licensing';
import { loopbackMailbox } from '../test-support/fixtures';

// No browser: the host process, killed with SIGKILL at random moments while it sends.
test('200 messages, the host killed 20 times mid-run: each sent once (or again with the same Message-ID), credits charged once', async () => {
  test.setTimeout(240_000);
  const messages = 200;
  const smtp = await startSmtpTestServer({ security: 'none' });
  const licensing = await startLicensingProcess();
  const args = ['--licensing-url', licensing.url, '--licensing-key', licensing.publicKeyFile];
  let host = await startHost(args);
  const folder = host.dataFolder;
  try {
    await api(host, 'company.save', {
      nameAr: 'شركة دفتر',
      nameEn: '',
      address: '',
      phone: '',
      taxNumber: '',
      logo: null,
      defaultCurrency: 'ILS',
    });
    // Queue first, send later: the mailbox points nowhere while the messages are queued.
    await api(host, 'mailbox.save', loopbackMailbox(1, { username: '', password: '' }));
    const party = await api(host, 'parties.save', {
      kind: 'customer',
      code: '1',
      name: 'زبون',
      phone: '',
      address: '',
      taxNumber: '',
      jobTitle: '',
      notes: '',
      emails: 'buyer@x.ps',
    });
    const voucher = await api(host, 'vouchers.save', {
      type: 'sales_invoice',
      date: '2026-11-01',
      partyId: party.id,
      currency: 'ILS',
      language: 'ar',
      notes: '',
      lines: [{ description: 'بند', quantityMilli: 1000, unitPriceMinor: 1000, discountBp: 0, taxBp: 0 }],
    });
    expect(await buyCredits(host)).toMatchObject({ balance: 1005 });
    for (let i = 0; i < messages; i++) {
      await api(host, 'mail.send', {
        target: { kind: 'voucher', id: voucher.id },
        to: ['buyer@x.ps'],
        subject: `رسالة ${i}`,
        confirmResend: true,
      });
    }

    // Now the real mailbox, and the plug pulled 20 times while the outbox drains.
    await api(host, 'mailbox.save', {
      displayName: 'دفتر',
      address: 'office@daftar.ps',
      replyTo: '',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      username: 'daftar',
      password: 'correct horse',
    });
    for (let kill = 0; kill < 20; kill++) {
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 250));
      await host.kill();
      host = await startHost(args, { dataFolder: folder });
    }

    const ids = new Set(await allSent(host, messages));
    expect(ids.size).toBe(messages);

    // Every message arrived; a repeat is only ever a message caught in flight, with its Message-ID.
    const arrived = smtp.messages.map((m) => m.mail.messageId!);
    expect(new Set(arrived)).toEqual(ids);
    expect(arrived.length).toBeGreaterThanOrEqual(messages);
    // Credits: one per message, charged once, also on the server after a sync.
    expect(await api(host, 'credits.sync', {})).toMatchObject({
      balance: 1005 - messages,
      unsyncedSpends: 0,
    });
  } finally {
    await host.kill();
    rmSync(folder, { recursive: true, force: true });
    await licensing.stop();
    await smtp.close();
  }
});
