import Database from 'better-sqlite3';
import { test, expect } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invoiceInput, postfixMailbox } from '../test-support/fixtures';
import { startMailServers } from '../test-support/mail-servers';
import { allSent, api, buyCredits, saveCustomer } from './support/api';
import { startHost } from './support/host';
import { startLicensingProcess } from './support/licensing';

const CA = fileURLToPath(new URL('../test-support/tls/ca.pem', import.meta.url));

/** Read straight from the book file of a killed host: messages sent whose Sent copy is still owed. */
function owedCopies(dataFolder: string, options: { readonly?: boolean } = {}): number {
  const db = new Database(join(dataFolder, 'daftar.sqlite'), options);
  try {
    return (db.prepare(`SELECT count(*) AS n FROM outbox WHERE sent_copy = 'pending'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Polls a condition every few milliseconds; false when it did not hold in time. */
async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 5)))
    if (condition()) return true;
  return false;
}

// No browser: the host process, killed with SIGKILL while it sends through Postfix and appends the
// Sent copies to Dovecot, each time a message has gone and its copy is still owed.
test('the host killed between sending and the Sent copy, again and again: each message has exactly one copy in Sent, the bytes that were delivered', async () => {
  test.setTimeout(600_000);
  const messages = 30;
  const servers = await startMailServers(['office', 'customer']);
  const licensing = await startLicensingProcess();
  const args = ['--licensing-url', licensing.url, '--licensing-key', licensing.publicKeyFile, '--smtp-ca', CA];
  let host = await startHost(args);
  const folder = host.dataFolder;
  try {
    await api(host, 'mailbox.save', postfixMailbox(servers));
    const party = await saveCustomer(host, 'زبون', `customer@${servers.domain}`);
    const voucher = await api(host, 'vouchers.save', invoiceInput(party.id));
    await buyCredits(host);
    for (let i = 0; i < messages; i++)
      await api(host, 'mail.send', {
        target: { kind: 'voucher', id: voucher.id },
        to: [`customer@${servers.domain}`],
        subject: `رسالة ${i}`,
        confirmResend: true,
      });

    // Pull the plug when a message has gone and its copy is owed (or a moment later, mid-APPEND).
    let caughtOwing = 0;
    for (let kill = 0; kill < 10; kill++) {
      const owing = await until(() => owedCopies(folder, { readonly: true }) > 0, 60_000);
      if (!owing) break; // all sent and copied
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      await host.kill();
      if (owedCopies(folder) > 0) caughtOwing++;
      host = await startHost(args, { dataFolder: folder });
    }

    const ids = await allSent(host, messages);
    // The copies go after the sends: wait until the Sent folder holds one per message.
    await expect
      .poll(async () => new Set((await servers.sources('office', 'Sent')).map(messageIdOf)).size, {
        timeout: 240_000,
        intervals: [1000],
      })
      .toBe(messages);
    await host.kill();
    expect(owedCopies(folder)).toBe(0);
    expect(caughtOwing, 'at least one kill fell between a send and its Sent copy').toBeGreaterThan(0);

    // Exactly one copy each, and it is the very bytes the customer's server received (after its trace headers).
    const sent = await servers.sources('office', 'Sent');
    expect(sent.map(messageIdOf).sort()).toEqual([...ids].sort());
    const received = await servers.sources('customer', 'INBOX');
    for (const copy of sent) {
      const delivered = received.filter((r) => messageIdOf(r) === messageIdOf(copy));
      expect(delivered.some((r) => r.subarray(r.length - copy.length).equals(copy))).toBe(true);
    }
  } finally {
    await host.kill();
    rmSync(folder, { recursive: true, force: true });
    await licensing.stop();
    await servers.stop();
  }
});

function messageIdOf(source: Buffer): string {
  return /^Message-ID:\s*(<[^>]+>)/im.exec(source.toString('latin1'))?.[1] ?? '';
}
