// npm run bench [-- --vouchers 1000000 --pdfs 100]
// Speed of the queries a user waits on, on a large book, and of PDF rendering with the
// warm printer. Not a test: it prints its tables and writes them to docs/BENCHMARKS.md.
import SQLite from 'better-sqlite3';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { bulkOptions, type BulkOptions } from '../src-shared/api/bulk.api';
import { perPartyQuery } from '../src-main/bulk/bulk.repo';
import { localBook } from '../src-main/book/book';
import { benchBook, benchCore, median, pdfFloor } from './bench-support';
import { BenchRecord } from './bench-record';

const { values } = parseArgs({
  options: {
    vouchers: { type: 'string', default: '1000000' },
    pdfs: { type: 'string', default: '100' },
    runs: { type: 'string', default: '15' },
  },
});
const vouchers = Number(values.vouchers);
const runs = Number(values.runs);

const { folder, file } = await benchBook(vouchers);

const { core } = await benchCore(folder);
const sqlite = localBook(core.book).sqlite;

const busiest = sqlite
  .prepare(
    `select party_id as id, count(*) as n from vouchers where type = 'sales_invoice' group by party_id order by n desc limit 1`,
  )
  .get() as { id: string; n: number };
const someName = (sqlite.prepare(`select name from parties where id = ?`).get(busiest.id) as { name: string }).name;
const results: [string, number][] = [];
results.push(
  await median(`account statement, busiest customer (${busiest.n} invoices), two years`, runs, () =>
    core.call('statements.accountStatement', { partyId: busiest.id, from: '2024-11-01', to: '2026-11-30' }),
  ),
);
results.push(
  await median('account statement, busiest customer, one month', runs, () =>
    core.call('statements.accountStatement', { partyId: busiest.id, from: '2026-10-01', to: '2026-10-31' }),
  ),
);
results.push(
  await median('sales invoices list, first page of 100 (with total count)', runs, () =>
    core.call('vouchers.list', { type: 'sales_invoice' }),
  ),
);
results.push(
  await median('sales invoices list, page 500', runs, () =>
    core.call('vouchers.list', { type: 'sales_invoice', offset: 50_000 }),
  ),
);
results.push(
  await median('vouchers list, one month, all types', runs, () =>
    core.call('vouchers.list', { from: '2026-06-01', to: '2026-06-30' }),
  ),
);
results.push(
  await median('vouchers list, search by number', runs, () =>
    core.call('vouchers.list', { type: 'sales_invoice', search: '12345' }),
  ),
);
results.push(
  await median(`vouchers list, search by party name ("${someName}")`, runs, () =>
    core.call('vouchers.list', { search: someName }),
  ),
);

// The previews against one raw grouped query over the same rows (the worker's own statement, run
// straight on a read-only connection), with the main thread's event-loop lag while they run.
const previews: { label: string; options: BulkOptions }[] = [
  {
    label: 'bulk-email preview, all types, two years',
    options: bulkOptions.parse({ range: { by: 'date', from: '2024-11-01', to: '2026-11-30' } }),
  },
  {
    label: 'bulk-email preview, sales invoices by number 1–100,000',
    options: bulkOptions.parse({ type: 'sales_invoice', range: { by: 'number', from: 1, to: 100_000 } }),
  },
  {
    label: 'bulk-email preview, customers only, all types, two years',
    options: bulkOptions.parse({
      range: { by: 'date', from: '2024-11-01', to: '2026-11-30' },
      party: { mode: 'kind', kind: 'customer' },
    }),
  },
];
const raw = new SQLite(file, { readonly: true });
// The lag is taken while the previews run; the raw queries, on this thread, come after.
const lag = monitorEventLoopDelay({ resolution: 1 });
lag.enable();
const previewTimes = [];
for (const { label, options } of previews)
  previewTimes.push(await median(label, 5, () => core.call('bulk.preview', { options })));
lag.disable();
const ratios: string[] = [];
for (const [i, { label, options }] of previews.entries()) {
  const query = perPartyQuery(options).compile(core.book.db);
  const statement = raw.prepare(query.sql);
  const rawTime = await median(`${label}: one raw grouped query`, 5, async () => statement.all(...query.parameters));
  results.push(previewTimes[i]!, rawTime);
  ratios.push(`${label}: ${(previewTimes[i]![1] / rawTime[1]).toFixed(2)}× the raw query (goal: at most 2×)`);
}
raw.close();
const lagP99 = lag.percentile(99) / 1e6;
const heap = process.memoryUsage().heapUsed;

const ids = (
  sqlite
    .prepare(`select id from vouchers where type = 'sales_invoice' order by random() limit ?`)
    .all(Number(values.pdfs)) as { id: string }[]
).map((r) => r.id);
await core.call('print.pdf', { target: { kind: 'voucher', id: ids[0]! } }); // starts the browser once
const voucherPdf = await median(
  `voucher PDF, rendered and kept (median of ${ids.length - 1}, warm browser)`,
  ids.length - 1,
  (i) => core.call('print.pdf', { target: { kind: 'voucher', id: ids[i + 1]! } }),
);
results.push(voucherPdf);
// The same pages through page.pdf() alone: what Chromium itself needs.
const pages: string[] = [];
for (const id of ids.slice(1)) {
  const answer = (await core.call('print.html', { target: { kind: 'voucher', id } })) as { value?: { html: string } };
  pages.push(answer.value!.html);
}
const floor = await pdfFloor(pages);
results.push([`the same pages, Chromium's page.pdf() alone (the floor)`, floor]);
results.push(
  await median('voucher PDF, already kept for this revision', runs, () =>
    core.call('print.pdf', { target: { kind: 'voucher', id: ids[1]! } }),
  ),
);

const out = new BenchRecord('book', `The book: ${vouchers.toLocaleString('en')} vouchers (\`npm run bench:book\`)`);
out.line(
  `\nDaftar benchmark — ${vouchers.toLocaleString('en')} vouchers, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}\n`,
);
out.table(results);
out.line(`\nVoucher PDF / page.pdf() floor: ${(voucherPdf[1] / floor).toFixed(2)}× (goal: at most 1.5×).`);
for (const line of ratios) out.line(`\n${line}`);
out.line(
  `\nMain thread's event-loop lag during the previews: p99 ${lagP99.toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms (goal: p99 under 20 ms).`,
);
out.line(`\nHeap after the previews: ${(heap / 1024 / 1024).toFixed(0)} MB (the preview never loads the vouchers).`);
await out.save();
await core.close();
