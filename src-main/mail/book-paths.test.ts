import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { Logger } from '../log';
import { addParty, invoiceInput, postfixMailbox } from '../../test-support/fixtures';
import type { MailServers } from '../../test-support/mail-servers';
import { test as serverTest } from '../../test-support/server-test';
import { TEST_CA } from '../../test-support/smtp-test-server';
import { testCore, type TestCore } from '../../test-support/test-core';

// Issue 37: a file name read from the book is never taken as a path. On an office book any desktop
// user can write any row; here the attacker does just that, with SQL, and Daftar's own code runs:
// the Sent-copy pass, the outbox worker, the mail report's download and "Send again", printing.
/** Files planted outside the folders Daftar keeps: removed after each test. */
const planted: string[] = [];
afterEach(() => {
  for (const file of planted.splice(0)) rmSync(file, { force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Each test: a desktop on a fresh book (a file here; an office book under vitest.office.config.ts) that
 * prints, with its log kept, sending through the file's Postfix and reading its Dovecot (mailServers).
 */
const test = serverTest.extend(
  'desktop',
  async ({ printer, licensing: L, mailServers: servers }, { onCleanup }): Promise<TestCore & { logged: string[] }> => {
    const logged: string[] = [];
    const log: Logger = {
      info: (message, data) => void logged.push(`${message} ${JSON.stringify(data ?? '')}`),
      error: (message, data) => void logged.push(`${message} ${JSON.stringify(data ?? '')}`),
    };
    const t = await testCore({
      printer,
      onDisk: true,
      smtpCa: [TEST_CA],
      smtpTimeoutMs: 5000,
      licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
      log,
    });
    onCleanup(() => t.close());
    // The mail servers stamp real time: so does this desktop.
    t.ports.clock.time = new Date();
    await t.ok('mailbox.save', postfixMailbox(servers));
    await t.ok('credits.sync', {});
    return Object.assign(t, { logged });
  },
);

/**
 * A colleague's files the attacker aims at: `secrets.json` in the data folder (beside outbox/ and
 * prints/), and a document in the folder that holds the data folder. Answers them with the names
 * that reach them from outbox/ or prints/.
 */
function plantSecrets(t: TestCore) {
  const marker = randomBytes(12).toString('hex');
  const secrets = join(t.dataFolder, 'secrets.json');
  writeFileSync(secrets, `{"smtp.password":"secret-${marker}"}`);
  const document = join(dirname(t.dataFolder), `daftar-colleague-${marker}.pdf`);
  // Short, so its base64 in a message is one unbroken line.
  writeFileSync(document, `%PDF-1.4 contract ${marker}`);
  planted.push(document);
  return {
    marker,
    secrets: { path: secrets, bytes: readFileSync(secrets), forged: '../secrets.json' },
    document: { path: document, bytes: readFileSync(document), forged: `../../${basename(document)}` },
  };
}

async function sendInvoice(t: TestCore, servers: MailServers, number: number, run = true) {
  const customer = await addParty(t, 'customer', `زبون ${number}`, { emails: `customer@${servers.domain}` });
  const invoice = await t.ok('vouchers.save', invoiceInput(customer.id, { number }));
  const target = { kind: 'voucher' as const, id: invoice.id };
  const prepared = await t.ok('mail.prepare', { target });
  const { id } = await t.ok('mail.send', { target, to: prepared.to, subject: prepared.subject });
  if (run) await t.core.outbox.runOnce();
  return { id, invoiceId: invoice.id };
}

const outboxRow = (t: TestCore, id: string) =>
  t.core.book.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Every message in a user's folder, as one string, to look for planted bytes in (raw or base64). */
const folderText = async (servers: MailServers, user: string, folder: string) =>
  (await servers.sources(user, folder)).map((s) => s.toString('latin1')).join('\n');

test('a pending Sent copy whose raw_file names a file outside outbox/ appends and deletes nothing; the copy is skipped and logged', async ({
  desktop: t,
  mailServers: servers,
}) => {
  const aim = plantSecrets(t);
  const a = await sendInvoice(t, servers, 9101);
  const b = await sendInvoice(t, servers, 9102);
  expect((await outboxRow(t, a.id)).sent_copy).toBe('pending');
  expect((await outboxRow(t, b.id)).sent_copy).toBe('pending');
  // The attacker points the copies owed at the colleague's files.
  await t.core.book.db.updateTable('outbox').set({ raw_file: aim.secrets.forged }).where('id', '=', a.id).execute();
  await t.core.book.db.updateTable('outbox').set({ raw_file: aim.document.forged }).where('id', '=', b.id).execute();

  await t.core.reader.readOnce();

  // Neither file was read into the Sent folder, nor deleted.
  expect(await folderText(servers, 'office', 'Sent')).not.toContain(aim.marker);
  expect(readFileSync(aim.secrets.path)).toEqual(aim.secrets.bytes);
  expect(readFileSync(aim.document.path)).toEqual(aim.document.bytes);
  // Not stuck: the copies are done with (as for bytes deleted by hand), and the log says which and why.
  expect((await outboxRow(t, a.id)).sent_copy).toBe('done');
  expect((await outboxRow(t, b.id)).sent_copy).toBe('done');
  for (const id of [a.id, b.id])
    expect(t.logged.some((l) => l.includes(id) && l.includes('not a name Daftar writes'))).toBe(true);
  // The log names the messages, never what the files hold.
  expect(t.logged.join('\n')).not.toContain(`secret-${aim.marker}`);
  expect(t.logged.join('\n')).not.toContain(`contract ${aim.marker}`);
}, 120_000);

test('a queued message whose pdf_file names a file outside outbox/ never carries it: the download is refused, the message fails and its credits come back', async ({
  desktop: t,
  mailServers: servers,
}) => {
  const aim = plantSecrets(t);
  const before = (await t.ok('credits.status', {})).balance;
  const { id } = await sendInvoice(t, servers, 9201, false);
  // The attacker knows the document (its sha256), so only the name stands between it and the customer.
  await t.core.book.db
    .updateTable('outbox')
    .set({ pdf_file: aim.document.forged, pdf_sha256: sha256(aim.document.bytes) })
    .where('id', '=', id)
    .execute();

  // The mail report's "download the PDF" does not read it.
  const download = await t.fail('mailReport.attachment', { id });
  expect(download.details).toMatchObject({ reason: 'attachment_missing' });

  await t.core.outbox.runOnce();
  const row = (await t.ok('mail.outbox', {})).items.find((r) => r.id === id)!;
  expect(row).toMatchObject({ status: 'failed', lastError: 'attachment_refused' });
  expect((await t.ok('credits.status', {})).balance).toBe(before);
  expect(await folderText(servers, 'customer', 'INBOX')).not.toContain(aim.document.bytes.toString('base64'));
  expect(readFileSync(aim.document.path)).toEqual(aim.document.bytes);
  expect(t.logged.some((l) => l.includes(id) && l.includes('not a name Daftar writes'))).toBe(true);
}, 120_000);

test('a kept voucher print whose file names a file outside prints/ is never read: the voucher is printed afresh', async ({
  desktop: t,
}) => {
  const aim = plantSecrets(t);
  const customer = await addParty(t, 'customer', 'زبون 9301');
  const invoice = await t.ok('vouchers.save', invoiceInput(customer.id, { number: 9301 }));
  const target = { kind: 'voucher' as const, id: invoice.id };
  const first = await t.ok('print.pdf', { target });
  await t.core.book.db
    .updateTable('voucher_prints')
    .set({ file: aim.document.forged, pdf_sha256: sha256(aim.document.bytes) })
    .where('voucher_id', '=', invoice.id)
    .execute();

  const again = await t.ok('print.pdf', { target });
  expect(Buffer.from(again.pdfBase64, 'base64').toString('latin1')).not.toContain(aim.marker);
  expect(again.sha256).not.toBe(sha256(aim.document.bytes));
  expect(Buffer.from(again.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  expect(first.sha256).not.toBe(sha256(aim.document.bytes));
  expect(readFileSync(aim.document.path)).toEqual(aim.document.bytes);
  expect(t.logged.some((l) => l.includes(invoice.id) && l.includes('not a name Daftar writes'))).toBe(true);
}, 120_000);

test('"Send again" of a message whose source names a voucher with a forged id writes no file outside prints/', async ({
  desktop: t,
  mailServers: servers,
}) => {
  const aim = plantSecrets(t);
  const { id, invoiceId } = await sendInvoice(t, servers, 9401);
  // The attacker copies the invoice under an id that climbs out of prints/, and points the message at it.
  const forgedId = `../../daftar-written-${aim.marker}`;
  const db = t.core.book.db;
  const voucher = await db.selectFrom('vouchers').selectAll().where('id', '=', invoiceId).executeTakeFirstOrThrow();
  await db
    .insertInto('vouchers')
    .values({ ...voucher, id: forgedId, number: voucher.number + 1000 })
    .execute();
  for (const line of await db.selectFrom('voucher_lines').selectAll().where('voucher_id', '=', invoiceId).execute())
    await db
      .insertInto('voucher_lines')
      .values({ ...line, voucher_id: forgedId })
      .execute();
  await db
    .updateTable('outbox')
    .set({ source_json: JSON.stringify({ kind: 'voucher', id: forgedId }) })
    .where('id', '=', id)
    .execute();

  await t.core.call('mailReport.resend', { id });

  const outside = dirname(t.dataFolder);
  const written = readdirSync(outside).filter((name) => name.startsWith(`daftar-written-${aim.marker}`));
  planted.push(...written.map((name) => join(outside, name)));
  expect(written).toEqual([]);
  expect(existsSync(join(t.dataFolder, 'prints'))).toBe(true);
  expect(t.logged.some((l) => l.includes(forgedId) && l.includes('is not kept'))).toBe(true);
}, 120_000);
