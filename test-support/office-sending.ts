import { fileURLToPath } from 'node:url';
import type { FreshDatabase } from './fresh-postgres';
import { connectionOf } from './fresh-postgres';
import { invoiceInput } from './fixtures';
import { test as serverTest } from './server-test';
import { testCore, type TestCore } from './test-core';
import type { CoreOptions } from '../src-main/core';

/** The script that runs a desktop of its own in a child process (to be killed mid-bulk). */
export const BULK_DESKTOP = fileURLToPath(new URL('./office-bulk-desktop.ts', import.meta.url));

/** Desktops of one office on the test's PostgreSQL book, each with its own data folder and outbox worker. */
export interface OfficeDesktops {
  /** The office book (the officeDatabase fixture). */
  database: FreshDatabase;
  /** A desktop of the office: a core on the office book that prints and knows the licensing server. */
  desktop(over?: Partial<CoreOptions>): Promise<TestCore>;
  /** A desktop the test closed itself. */
  forget(d: TestCore): void;
}

/**
 * `test` with `office` too: a fresh office book and `desktop()` to open it, the desktops closed after the
 * test (before the test's loopback `smtp` server, which they send to, and the book are let go).
 */
export const test = serverTest.extend(
  'office',
  async ({ officeDatabase: database, printer, licensing: L, smtp }, { onCleanup }): Promise<OfficeDesktops> => {
    void smtp; // asked for so that it is set up before the desktops and stopped after them
    let desktops: TestCore[] = [];
    onCleanup(async () => {
      for (const d of desktops) await d.core.close();
    });
    return {
      database,
      async desktop(over = {}) {
        const d = await testCore({
          ...over,
          office: over.office ?? connectionOf(database.url),
          printer,
          licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
        });
        desktops.push(d);
        return d;
      },
      forget: (d) => (desktops = desktops.filter((other) => other !== d)),
    };
  },
);

/** Saves a sales invoice of each number for the card and emails it to a@alnoor.ps ("فاتورة n"); answers the messages' ids. */
export async function emailInvoices(d: TestCore, customerId: string, numbers: number[]): Promise<string[]> {
  const ids: string[] = [];
  for (const n of numbers) {
    const invoice = await d.ok('vouchers.save', invoiceInput(customerId, { number: n }));
    const { id } = await d.ok('mail.send', {
      target: { kind: 'voucher', id: invoice.id },
      to: ['a@alnoor.ps'],
      cc: [],
      subject: `فاتورة ${n}`,
      note: '',
    });
    ids.push(id);
  }
  return ids;
}
