// npm run bench:office [-- --vouchers 1000000 --runs 41 --desktops 5 --saves 200]
// The book's queries on an office book (PostgreSQL) against the same book as a file (SQLite), in
// the same run, and five desktops saving vouchers at once. Not a test: it prints its tables and
// writes them to docs/BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPrivatePostgres } from '../test-support/licensing/private-postgres';
import { openBook } from '../src-main/book/open-book';
import { localBook } from '../src-main/book/book';
import { moveBookToOffice } from '../src-main/office/move-to-office';
import { openOfficeBook } from '../src-main/office/office-book';
import { createCore, type Core } from '../src-main/core';
import { silentLogger } from '../src-main/log';
import { systemClock } from '../src-main/ports';
import { connectionOf } from '../test-support/fresh-postgres';
import { invoiceInput } from '../test-support/fixtures';
import { MemorySecretStore, RESOURCES_DIR, TEST_OFFICE_KEY } from '../test-support/test-core';
import { readWorkerForTests } from '../test-support/read-worker-build';
import { benchBook, pairedMedians } from './bench-support';
import { BenchRecord } from './bench-record';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    vouchers: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '41' },
    desktops: { type: 'string', default: '5' },
    saves: { type: 'string', default: '200' },
  },
});
const vouchers = Number(values.vouchers);
const runs = Number(values.runs);

// The same book bench:book builds (kept in the temp folder), and a PostgreSQL cluster kept beside it
// holding its copy: built once each, since moving a million vouchers takes minutes.
const { folder, file } = await benchBook(vouchers);
const cluster = await startPrivatePostgres({ keptIn: join(tmpdir(), `daftar-bench-pg-${vouchers}`), durable: true });
const url = new URL(cluster.url);
url.pathname = '/book';
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
if ((await admin.query(`select 1 from pg_database where datname = 'book'`)).rowCount === 0) {
  await admin.query('create database book');
  const local = await openBook({ file });
  const office = await openOfficeBook(connectionOf(url.toString()));
  const started = Date.now();
  await moveBookToOffice(local, office, folder, (p) =>
    process.stderr.write(`\rmoving ${p.table} ${p.done}/${p.total}   `),
  );
  await office.close();
  await local.close();
  process.stderr.write(`\nmoved in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}
await admin.end();
const analyze = new pg.Client({ connectionString: url.toString() });
await analyze.connect();
// As the server's autovacuum leaves a table after a bulk load: statistics, and the visibility map index-only scans need.
await analyze.query('vacuum analyze');
await analyze.end();

const corePorts = () => ({
  printer: { pdf: async () => new Uint8Array(), close: async () => {} },
  secrets: new MemorySecretStore(),
  opener: { open: async () => {} },
  clock: systemClock,
});
const common = { host: 'node' as const, version: 'bench', resourcesDir: RESOURCES_DIR, log: silentLogger };
const here = await createCore({
  ...common,
  dataFolder: folder,
  readWorker: await readWorkerForTests(),
  ports: corePorts(),
});
const there = await createCore({
  ...common,
  dataFolder: join(tmpdir(), 'daftar-bench-office-desktop'),
  office: connectionOf(url.toString()),
  officeKey: TEST_OFFICE_KEY,
  ports: corePorts(),
});

const sqlite = localBook(here.book).sqlite;
const busiest = sqlite
  .prepare(
    `select party_id as id, count(*) as n from vouchers where type = 'sales_invoice' group by party_id order by n desc limit 1`,
  )
  .get() as { id: string; n: number };
const someName = (sqlite.prepare(`select name from parties where id = ?`).get(busiest.id) as { name: string }).name;
const queries: [string, string, unknown][] = [
  [
    `account statement, busiest customer (${busiest.n} invoices), two years`,
    'statements.accountStatement',
    { partyId: busiest.id, from: '2024-11-01', to: '2026-11-30' },
  ],
  [
    'account statement, busiest customer, one month',
    'statements.accountStatement',
    { partyId: busiest.id, from: '2026-10-01', to: '2026-10-31' },
  ],
  ['sales invoices list, first page of 100 (with total count)', 'vouchers.list', { type: 'sales_invoice' }],
  ['sales invoices list, page 500', 'vouchers.list', { type: 'sales_invoice', offset: 50_000 }],
  ['vouchers list, one month, all types', 'vouchers.list', { from: '2026-06-01', to: '2026-06-30' }],
  ['vouchers list, search by number', 'vouchers.list', { type: 'sales_invoice', search: '12345' }],
  [`vouchers list, search by party name`, 'vouchers.list', { search: someName }],
  ['customers list, first page', 'parties.list', { kind: 'customer' }],
  [
    'bulk-email preview, all types, two years',
    'bulk.preview',
    { options: { range: { by: 'date', from: '2024-11-01', to: '2026-11-30' } } },
  ],
];
const out = new BenchRecord(
  'office',
  `The office book: ${vouchers.toLocaleString('en')} vouchers on PostgreSQL (\`npm run bench:office\`)`,
);
out.line(
  `\nDaftar office benchmark — ${vouchers.toLocaleString('en')} vouchers, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, PostgreSQL on this machine (fsync on)\n`,
);
out.line(
  `Each query: the median of ${runs} calls (5 for the bulk preview), the file's and the office's in turns, after a few rounds of warming up.\n`,
);
out.line('| what | file (SQLite) | office (PostgreSQL) | office / file |');
out.line('| --- | ---: | ---: | ---: |');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));
let worst = 0;
const over: string[] = [];
for (const [label, name, input] of queries) {
  const call = (core: Core) => () => core.call(name, input as never);
  const times = label.startsWith('bulk') ? 5 : runs;
  const [onFile, onServer] = await pairedMedians(label, times, call(here), call(there));
  worst = Math.max(worst, onServer / onFile);
  if (onServer > 2 * onFile) over.push(`${label} (${ms(onServer - 2 * onFile)} ms over)`);
  out.line(`| ${label} | ${ms(onFile)} ms | ${ms(onServer)} ms | ${(onServer / onFile).toFixed(2)}× |`);
}
out.line(`\nThe slowest ratio: ${worst.toFixed(2)}× (goal: every query at most 2× the file's).`);
// What is left over the goal, in time: on reads of a millisecond or two, the server's round trips.
if (over.length) out.line(`\nOver 2×: ${over.join('; ')}.`);

await here.close();
await there.close();

// Saving: one desktop on a new book file, then N desktop processes on a new office book at once
// (new books on both sides, so the kept big ones stay as they were built).
const card = {
  kind: 'customer' as const,
  code: 'C1',
  name: 'شركة الأمل',
  phone: '',
  address: '',
  taxNumber: '',
  jobTitle: '',
  notes: '',
  emails: '',
};
// The saving runs' folders and database are thrown away at the end: only the big books are kept.
const savesFolders = [
  mkdtempSync(join(tmpdir(), 'daftar-bench-saves-')),
  mkdtempSync(join(tmpdir(), 'daftar-bench-saves-')),
];
const onFile = await createCore({
  ...common,
  dataFolder: savesFolders[0]!,
  ports: corePorts(),
});
const filed = await onFile.call('parties.save', card);
if (!filed.ok) throw new Error(JSON.stringify(filed.error));
const fileCustomer = (filed.value as { id: string }).id;
const savesUrl = new URL(cluster.url);
savesUrl.pathname = `/saves_${Date.now()}`;
const creator = new pg.Client({ connectionString: cluster.url });
await creator.connect();
await creator.query(`create database ${savesUrl.pathname.slice(1)}`);
await creator.end();
const officeForSaves = await createCore({
  ...common,
  dataFolder: savesFolders[1]!,
  office: connectionOf(savesUrl.toString()),
  officeKey: TEST_OFFICE_KEY,
  ports: corePorts(),
});
const officed = await officeForSaves.call('parties.save', card);
if (!officed.ok) throw new Error(JSON.stringify(officed.error));
const officeCustomer = (officed.value as { id: string }).id;
await officeForSaves.close();
const saves = Number(values.saves);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
const fileTimes: number[] = [];
const fileStart = performance.now();
for (let i = 0; i < saves; i++) {
  const start = performance.now();
  const answer = await onFile.call('vouchers.save', invoiceInput(fileCustomer, { date: '2026-11-30' }));
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  fileTimes.push(performance.now() - start);
}
const fileWall = performance.now() - fileStart;
await onFile.close();

const desktops = Number(values.desktops);
const perDesktop = await Promise.all(
  Array.from(
    { length: desktops },
    () =>
      new Promise<{ times: number[]; start: number; end: number }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'scripts/bench-office-desktop.ts', savesUrl.toString(), officeCustomer, String(saves)],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let text = '';
        let err = '';
        child.stdout.on('data', (c) => (text += c));
        child.stderr.on('data', (c) => (err += c));
        child.once('exit', (code) =>
          code === 0
            ? resolve(JSON.parse(text) as { times: number[]; start: number; end: number })
            : reject(new Error(err)),
        );
      }),
  ),
);
// Each process spends its first moments starting: the wall time counts from the first save to the last.
const officeWall = Math.max(...perDesktop.map((d) => d.end)) - Math.min(...perDesktop.map((d) => d.start));
const all = perDesktop.flatMap((d) => d.times).sort((a, b) => a - b);
fileTimes.sort((a, b) => a - b);
out.line(`\nSaving sales invoices (each save one transaction, its number taken under the office-wide lock):\n`);
out.line('| who | saves | throughput | median | p99 |');
out.line('| --- | ---: | ---: | ---: | ---: |');
out.line(
  `| one desktop, book file | ${saves} | ${((saves / fileWall) * 1000).toFixed(0)} saves/s | ${ms(percentile(fileTimes, 50))} ms | ${ms(percentile(fileTimes, 99))} ms |`,
);
out.line(
  `| ${desktops} desktops at once, office book | ${all.length} | ${((all.length / officeWall) * 1000).toFixed(0)} saves/s | ${ms(percentile(all, 50))} ms | ${ms(percentile(all, 99))} ms |`,
);
await out.save();
const dropper = new pg.Client({ connectionString: cluster.url });
await dropper.connect();
await dropper.query(`drop database ${savesUrl.pathname.slice(1)}`);
await dropper.end();
for (const folder of savesFolders) rmSync(folder, { recursive: true, force: true });
await cluster.stop();
