// npm run bench:mail [-- --mails 1000]
// Vouchers emailed through the outbox to a loopback smtp-server in its own process, against a raw
// loop that renders the same PDFs and sends them with nodemailer directly, and against the perf
// anchor run in the same benchmark; and the event-loop lag of the process running the core while
// the outbox works.
import { BenchRecord } from './bench-record';
import { payCheckout } from '../test-support/licensing/pay';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { startTestLicensing } from '../test-support/licensing/test-server';
import { fillDemoBook } from '../src-main/demo/demo-data';
import { benchCore } from './bench-support';
import { localBook } from '../src-main/book/book';

const { values } = parseArgs({
  options: {
    mails: { type: 'string', default: '1000' },
    // The machine's own figure, run in this same benchmark: only the ratio means anything here.
    anchor: { type: 'string', default: '../shared/perf-anchor/run.sh' },
  },
});
const mails = Number(values.mails);
const smtp = await startSink();
const licensing = await startTestLicensing('sqlite');
const ok = async <T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>) => {
  const a = await p;
  if (!a.ok) throw new Error(JSON.stringify(a.error));
  return a.value as T;
};

/** A fresh book of `mails` demo vouchers, its mailbox on the loopback server, credits paid for. */
async function openBench() {
  const folder = mkdtempSync(join(tmpdir(), 'daftar-bench-mail-'));
  const { core, printer } = await benchCore(folder, {
    licensing: { url: licensing.server.url, publicKeyPem: licensing.publicKeyPem },
    mail: { auto: true, idlePollMs: 200 },
  });
  fillDemoBook(core.book, { vouchers: mails, customers: 50, seed: 3 });
  await ok(
    core.call('mailbox.save', {
      displayName: 'Daftar',
      address: 'office@daftar.ps',
      replyTo: '',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none' as const,
      username: 'daftar',
      password: 'correct horse',
    }),
  );
  await ok(core.call('credits.sync', {}));
  const order = await ok<{ checkoutUrl: string }>(
    core.call('credits.createOrder', { packs: Math.ceil(mails / 1000), method: 'card' }),
  );
  await payCheckout(order.checkoutUrl);
  await ok(core.call('credits.sync', {}));
  const ids = (
    localBook(core.book).sqlite.prepare(`select id from vouchers order by date limit ?`).all(mails) as { id: string }[]
  ).map((r) => r.id);
  const close = async () => {
    await core.close();
    await printer.close();
    rmSync(folder, { recursive: true, force: true });
  };
  return { core, printer, ids, close };
}

const { core, printer, ids, close } = await openBench();

// Raw loop: the same PDFs, rendered and sent directly.
const raw = nodemailer.createTransport({
  host: '127.0.0.1',
  port: smtp.port,
  secure: false,
  ignoreTLS: true,
  auth: { user: 'daftar', pass: 'correct horse' },
  pool: true,
  maxConnections: 1,
});
let started = performance.now();
for (const id of ids) {
  const { html } = await ok<{ html: string }>(core.call('print.html', { target: { kind: 'voucher', id } }));
  const pdf = await printer.pdf(html);
  await raw.sendMail({
    from: 'office@daftar.ps',
    to: 'buyer@x.ps',
    subject: 'raw',
    text: 'raw',
    attachments: [{ filename: 'a.pdf', content: Buffer.from(pdf) }],
  });
}
const rawSeconds = (performance.now() - started) / 1000;
raw.close();

// Through the outbox, with the event loop watched.
// The histogram holds the time between the samples' timers, so an idle loop reads 10 ms (the
// sampling interval) at every percentile: lag is how much later than that a timer ran.
const LAG_SAMPLING_MS = 10;
const lateBy = (ns: number) => Math.max(0, ns / 1e6 - LAG_SAMPLING_MS).toFixed(1);
const lag = monitorEventLoopDelay({ resolution: LAG_SAMPLING_MS });
lag.enable();
const before = (await smtp.stats()).messages;
started = performance.now();
for (const id of ids)
  await ok(core.call('mail.send', { target: { kind: 'voucher', id }, to: ['buyer@x.ps'], subject: 'bench' }));
while ((await smtp.stats()).messages - before < ids.length) await new Promise((r) => setTimeout(r, 50));
const outboxSeconds = (performance.now() - started) / 1000;
lag.disable();
await expectDelivered(core, before);

await close();

// A bulk send over a fresh copy of the same book: how many messages go out in real life.
const bulkBook = await openBench();
// Chromium started and its pages open, as the anchor's page is before it starts its clock.
await Promise.all([bulkBook.printer.pdf('<p>warm</p>'), bulkBook.printer.pdf('<p>warm</p>')]);
const bulkBefore = (await smtp.stats()).messages;
started = performance.now();
const bulk = await ok<{ id: string }>(
  bulkBook.core.call('bulk.start', { options: { range: { by: 'date', from: '2000-01-01', to: '2099-12-31' } } }),
);
let bulkMessages: number;
for (;;) {
  const { tally, status } = await ok<{ status: string; tally: { sent: number; waiting: number } }>(
    bulkBook.core.call('bulk.get', { id: bulk.id }),
  );
  bulkMessages = tally.sent;
  // Done once nothing waits and every message sent has arrived.
  if (status === 'done' && tally.waiting === 0 && (await smtp.stats()).messages - bulkBefore >= tally.sent) break;
  await new Promise((r) => setTimeout(r, 100));
}
const bulkSeconds = (performance.now() - started) / 1000;
await expectDelivered(bulkBook.core, bulkBefore);
await bulkBook.close();

const anchor = runAnchor(values.anchor, ids.length);

const out = new BenchRecord('mail', `Mail: ${ids.length} vouchers emailed (\`npm run bench:mail\`)`);
out.line(
  `\nDaftar mail benchmark — ${ids.length} vouchers, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}\n`,
);
out.line('| what | result |');
out.line('| --- | ---: |');
out.line(`| raw loop (render + nodemailer) | ${(ids.length / rawSeconds).toFixed(2)} messages/s |`);
out.line(
  `| through the outbox (queue, render, reserve, send) | ${(ids.length / outboxSeconds).toFixed(2)} messages/s |`,
);
out.line(`| ratio outbox / raw | ${(rawSeconds / outboxSeconds).toFixed(2)} |`);
out.line(
  `| a bulk send of the same book (${bulkMessages} messages: printed three ahead, on two pages) | ${(bulkMessages / bulkSeconds).toFixed(2)} messages/s |`,
);
out.line(`| event-loop lag p99 during the outbox run (goal < 20 ms) | ${lateBy(lag.percentile(99))} ms |`);
out.line(`| event-loop lag max during the outbox run (goal < 200 ms) | ${lateBy(lag.max)} ms |`);
if (anchor !== null) {
  out.line(`| anchor (${values.anchor} ${ids.length}), same run | ${anchor.toFixed(2)} messages/s |`);
  out.line(`| ratio outbox (one send at a time) / anchor | ${(ids.length / outboxSeconds / anchor).toFixed(2)} |`);
  out.line(`| **ratio bulk send / anchor** | **${(bulkMessages / bulkSeconds / anchor).toFixed(2)}** (goal ≥ 1.0) |`);
} else out.line(`| anchor | not found at ${values.anchor}: no ratio |`);
await out.save();
await licensing.close();
smtp.close();

/** The receiving server, in a child process (scripts/bench-smtp-sink.mjs). */
async function startSink() {
  const child = fork(join(import.meta.dirname, 'bench-smtp-sink.mjs'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  return {
    port,
    async stats() {
      child.send('stats');
      const [stats] = (await once(child, 'message')) as [{ messages: number; messageIds: string[] }];
      return stats;
    },
    close: () => child.kill(),
  };
}

/** Every message the book sent arrived, each once: a benchmark that loses or repeats mail measures nothing. */
async function expectDelivered(core: Awaited<ReturnType<typeof benchCore>>['core'], before: number) {
  const arrived = (await smtp.stats()).messageIds.slice(before);
  const sent = (
    localBook(core.book).sqlite.prepare(`select message_id from outbox where status = 'sent'`).all() as {
      message_id: string;
    }[]
  ).map((r) => r.message_id);
  const unique = new Set(arrived);
  if (unique.size !== arrived.length || sent.length !== arrived.length || !sent.every((id) => unique.has(id)))
    throw new Error(`${sent.length} sent, ${arrived.length} arrived (${unique.size} distinct): they differ`);
}

/** Runs the perf anchor from the project root and answers its median messages per second. */
function runAnchor(script: string, count: number): number | null {
  if (!existsSync(script)) return null;
  const run = spawnSync('bash', [script, String(count)], { encoding: 'utf8' });
  const figure = /msg\/s: median ([\d.]+)/.exec(run.stdout ?? '');
  if (run.status !== 0 || !figure) throw new Error(`the anchor failed:\n${run.stdout}\n${run.stderr}`);
  return Number(figure[1]);
}
