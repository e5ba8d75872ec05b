import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { expect, onTestFinished, vi } from 'vitest';
import { connectionOf } from '../../test-support/fresh-postgres';
import { addParty, companyInput, invoiceInput, loopbackMailbox } from '../../test-support/fixtures';
import { startSmtpTestServer } from '../../test-support/smtp-test-server';
import { type TestCore } from '../../test-support/test-core';
import { payCheckout } from '../../test-support/licensing/pay';
import { BULK_DESKTOP, emailInvoices, test, type OfficeDesktops } from '../../test-support/office-sending';
import type { SmtpTestServer } from '../../test-support/smtp-test-server';

// Desktops of one office that stop, lose their connection or are refused one: the others send their messages, each once.
// Each test: a fresh office book with desktop() to open it (the office fixture) and a loopback SMTP server (smtp).

/** Desktop A with one invoice's message on the wire: claimed by A, not yet answered by the server. */
async function sendingOnA({ desktop }: OfficeDesktops, smtp: SmtpTestServer): Promise<TestCore> {
  const a = await desktop();
  await a.ok('company.save', companyInput());
  await a.ok('mailbox.save', loopbackMailbox(smtp.port));
  await a.ok('credits.sync', {});
  const customer = await addParty(a, 'customer', 'شركة النور للتجارة', { emails: 'a@alnoor.ps' });
  const [id] = (await emailInvoices(a, customer.id, [1])) as [string];
  await a.core.book.db
    .updateTable('outbox')
    .set({ status: 'sending', attempts: 1, claimed_by: a.core.desktopId })
    .where('id', '=', id)
    .execute();
  return a;
}

test('leaves a message another desktop is sending to it, and sends it again, same Message-ID, once that desktop is gone', async ({
  office,
  smtp,
}) => {
  const { desktop, forget: forgetDesktop } = office;
  // Desktop A has it on the wire (claimed, not yet answered) when desktop B starts and runs its outbox.
  const a = await sendingOnA(office, smtp);
  const b = await desktop();
  await b.core.outbox.runOnce();
  expect(smtp.messages).toHaveLength(0);
  expect((await b.ok('mail.outbox', {})).items[0]).toMatchObject({ status: 'sending' });

  // A dies with it: B sends it, with the Message-ID it was queued with.
  const messageId = (await b.ok('mail.outbox', {})).items[0]!.messageId;
  await a.core.close();
  forgetDesktop(a);
  await b.core.outbox.runOnce();
  expect(smtp.messages.map((m) => m.mail.messageId)).toEqual([messageId]);
  expect((await b.ok('mail.outbox', {})).items[0]).toMatchObject({ status: 'sent', attempts: 2 });
}, 60_000);

test('leaves a message to a desktop whose connection to the server dropped for a moment and came back', async ({
  office,
  smtp,
}) => {
  const { desktop } = office;
  const a = await sendingOnA(office, smtp);
  const db = a.core.book.db;
  const b = await desktop();
  // Desktop A's presence connection is cut by the server (as a restart or a network blip would) while
  // its message is on the wire; A opens it again about a second later. B's outbox runs meanwhile.
  const presence = sql<{ pid: number }>`select pid from pg_locks where locktype = 'advisory' and classid = 5
    and objid = hashtext(${a.core.desktopId})::oid and objsubid = 2 and granted`;
  const [held] = (await presence.execute(db)).rows;
  // With a timeout, the call returns once that session has ended (its locks released), not when signalled.
  await sql`select pg_terminate_backend(${held!.pid}, 10000)`.execute(db);
  expect((await presence.execute(db)).rows).toEqual([]);
  await b.core.outbox.runOnce();
  expect(smtp.messages).toHaveLength(0);
  expect((await b.ok('mail.outbox', {})).items[0]).toMatchObject({ status: 'sending' });
  expect((await presence.execute(db)).rows).toHaveLength(1);
}, 60_000);

test('a desktop killed mid-bulk: another finishes it, and nothing goes twice but a message that was on the wire, with its Message-ID', async ({
  office: { database, desktop },
  smtp,
  licensing: L,
}) => {
  const a = await desktop({ bulkTakeOverMs: 200 });
  await a.ok('company.save', companyInput());
  await a.ok('mailbox.save', loopbackMailbox(smtp.port));
  const { checkoutUrl } = await a.ok('credits.createOrder', { packs: 1, method: 'card' });
  await payCheckout(checkoutUrl);
  await a.ok('credits.sync', {});
  const customer = await addParty(a, 'customer', 'شركة النور للتجارة', { emails: 'a@alnoor.ps' });
  for (let n = 1; n <= 12; n++) await a.ok('vouchers.save', invoiceInput(customer.id, { number: n }));

  // The other desktop, its own process: it starts the bulk and sends it, and is killed part-way.
  const child = spawn(process.execPath, ['--import', 'tsx', BULK_DESKTOP, database.url, '1', '12'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DAFTAR_LICENSING_KEY: L.publicKeyPem },
  });
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  let exitCode: number | null | undefined;
  const exited = new Promise((r) => child.once('exit', (code) => r((exitCode = code))));
  // Starting a process with its own Chromium is slow on a busy 2-core machine: a generous limit, and
  // if the child dies before it has sent, its own error rather than a bare count.
  await vi.waitUntil(
    () => {
      if (exitCode !== undefined) throw new Error(`the bulk desktop exited (${exitCode}) before sending: ${err}`);
      return smtp.messages.length >= 3;
    },
    { timeout: 150_000, interval: 50 },
  );
  child.kill('SIGKILL');
  await exited;

  // This desktop takes the bulk over and sends what is left, the message the dead one had on the wire included.
  const [bulk] = (await a.ok('bulk.list', {})).items;
  await expect.poll(async () => (await a.ok('bulk.get', { id: bulk!.id })).status, { timeout: 60_000 }).toBe('done');
  for (let pass = 0; pass < 10 && new Set(smtp.messages.map((m) => m.mail.subject)).size < 12; pass++)
    await a.core.outbox.runOnce();
  const bySubject = new Map<string, Set<string>>();
  for (const m of smtp.messages)
    bySubject.set(m.mail.subject!, (bySubject.get(m.mail.subject!) ?? new Set()).add(m.mail.messageId!));
  expect(bySubject.size).toBe(12);
  // A message sent twice went with one Message-ID (the receiving side sees one message); at most the one on the wire.
  for (const ids of bySubject.values()) expect(ids.size).toBe(1);
  expect(smtp.messages.length).toBeLessThanOrEqual(13);
  expect((await a.ok('mail.outbox', {})).items.filter((m) => m.status === 'sent')).toHaveLength(12);
}, 360_000);

test('a desktop whose presence connection is refused sends nothing (its outbox says why) while another desktop sends, each message once', async ({
  office: { database, desktop, forget: forgetDesktop },
}) => {
  // The server holds each message's reply until a second message arrives or the test lets it go: a
  // message desktop A has on the wire stays there while desktop B looks at the outbox.
  let letGo!: () => void;
  const released = new Promise<void>((resolve) => (letGo = resolve));
  let arriving = 0;
  const smtp = await startSmtpTestServer({
    security: 'none',
    beforeReply: async () => {
      if (++arriving >= 2) letGo();
      await Promise.race([released, sleep(60_000)]);
    },
  });
  onTestFinished(() => smtp.close()); // after the fixtures closed the desktops that send to it
  const b = await desktop();
  await b.ok('company.save', companyInput());
  await b.ok('mailbox.save', loopbackMailbox(smtp.port));
  await b.ok('credits.sync', {});
  const customer = await addParty(b, 'customer', 'شركة النور للتجارة', { emails: 'a@alnoor.ps' });

  // Desktop A signs in as a database user of its own, so the server can refuse A's new connections
  // (as max_connections does to the tenth desktop of an office) and no one else's.
  const role = `presence_${randomBytes(6).toString('hex')}`;
  const admin = b.core.book.db;
  await sql`create role ${sql.id(role)} login`.execute(admin);
  await sql`grant all on all tables in schema public to ${sql.id(role)}`.execute(admin);
  await sql`grant all on all sequences in schema public to ${sql.id(role)}`.execute(admin);
  const a = await desktop({ office: { ...connectionOf(database.url), user: role } });
  try {
    await emailInvoices(a, customer.id, [1]);
    // A's pool opens a few connections it keeps; then its presence connection is cut and may not come back.
    await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.2)`.execute(a.core.book.db)));
    const sessions = sql<{ pid: number; application_name: string }>`select pid, application_name from pg_stat_activity
      where usename = ${role}`;
    const open = (await sessions.execute(admin)).rows;
    await sql`alter role ${sql.id(role)} connection limit ${sql.lit(open.length - 1)}`.execute(admin);
    const presence = open.find((s) => s.application_name === 'daftar events')!;
    await sql`select pg_terminate_backend(${presence.pid}, 10000)`.execute(admin);
    const held = sql`select 1 from pg_locks where locktype = 'advisory' and classid = 5
      and objid = hashtext(${a.core.desktopId})::oid and objsubid = 2 and granted`;
    expect((await held.execute(admin)).rows).toEqual([]);

    // A runs its outbox without presence, and B runs its own meanwhile.
    let aDone = false;
    const aPass = a.core.outbox.runOnce().finally(() => (aDone = true));
    await vi.waitUntil(() => aDone || arriving > 0, { timeout: 60_000, interval: 50 });
    // A sent nothing: nothing is held, and B's message goes at once.
    if (arriving === 0) letGo();
    await Promise.all([aPass, b.core.outbox.runOnce()]);
    expect(smtp.messages.map((m) => m.mail.subject)).toEqual(['فاتورة 1']);
    expect((await b.ok('mail.outbox', {})).items[0]).toMatchObject({ status: 'sent' });
    // A says why it does not send; B, which has its presence, is not paused.
    expect((await a.ok('mail.outbox', {})).queue).toEqual({ paused: true, reason: 'presence' });
    expect((await b.ok('mail.outbox', {})).queue).toEqual({ paused: false, reason: null });

    // The server lets A in again: its presence comes back, the pause lifts, and A sends.
    await sql`alter role ${sql.id(role)} connection limit -1`.execute(admin);
    await expect.poll(async () => (await held.execute(admin)).rows.length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await a.ok('mail.outbox', {})).queue.paused, { timeout: 30_000 }).toBe(false);
    await emailInvoices(a, customer.id, [2]);
    await a.core.outbox.runOnce();
    expect(smtp.messages.map((m) => m.mail.subject).sort()).toEqual(['فاتورة 1', 'فاتورة 2']);
  } finally {
    await a.core.close();
    forgetDesktop(a);
    await sql`drop owned by ${sql.id(role)}`.execute(admin);
    await sql`drop role ${sql.id(role)}`.execute(admin);
  }
}, 180_000);
