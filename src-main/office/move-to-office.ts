import { existsSync, readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../src-shared/errors';
import { outboxPath } from '../book/kept-files';
import { allBalances } from '../statements/statements.repo';
import type { SecretStore } from '../ports';
import { BOOK_SECRETS } from '../secrets/secret-names';
import { OfficeSecretStore } from './office-secrets';
import type { LocalBook, OfficeBook } from '../book/book';
import type { Database } from '../book/schema';

/**
 * The book's tables in an order that meets every foreign key. outbox_hours and voucher_days are not
 * copied: the office book's triggers count the rows as they arrive (and the counts are compared after).
 */
const COPIED = [
  'parties',
  'company',
  'mailbox',
  'settings',
  'users',
  'vouchers',
  'voucher_lines',
  'voucher_prints',
  'credit_grants',
  'credit_spends',
  'licensing_orders',
  'licensing_state',
  'outbox',
  'outbox_attempts',
  'outbox_bounces',
  'imap_cursor',
  'bulk_sends',
  'bulk_items',
] as const satisfies readonly (keyof Database)[];

/** Made on the server as the copy arrives (per-hour counts, kept PDFs) or the migrator's own. */
const NOT_COPIED = [
  'outbox_hours',
  'voucher_days',
  'kept_files',
  'office_secrets',
  'kysely_migration',
  'kysely_migration_lock',
];

/** PostgreSQL takes at most 65,535 bound values a statement. */
const VALUES_PER_INSERT = 30_000;

export interface MoveProgress {
  table: string;
  done: number;
  total: number;
}

export interface MoveResult {
  /** Rows copied, per table. */
  rows: Record<string, number>;
  /** Parties' balances (per currency) compared equal. */
  balances: number;
}

const countOf = async (db: Kysely<Database>, table: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);

/**
 * Copy a book on this computer into an empty office book, in one transaction: the office book ends
 * as an exact copy, checked (every table's count and every party's balance equal on both sides),
 * or as it was. The SQLite file is only read: it stays as it was, the backup of the move. The PDFs
 * its messages carry go into the office book (kept_files), so every desktop reaches them.
 */
export async function moveBookToOffice(
  local: LocalBook,
  office: OfficeBook,
  dataFolder: string,
  onProgress: (p: MoveProgress) => void = () => {},
  secrets?: MovedSecrets,
): Promise<MoveResult> {
  const held = {
    parties: await countOf(office.db, 'parties'),
    vouchers: await countOf(office.db, 'vouchers'),
    messages: await countOf(office.db, 'outbox'),
  };
  if (held.parties + held.vouchers + held.messages > 0)
    throw AppError.because(
      'office_not_empty',
      `The office database already holds a book (${held.parties} cards, ${held.vouchers} vouchers, ${held.messages} messages)`,
      held,
    );

  // A table added by a later migration and not listed here would be left behind without a word: refuse instead.
  const known = new Set<string>([...COPIED, ...NOT_COPIED]);
  const unknown = (
    local.sqlite
      .prepare(
        `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'outbox_search%'`,
      )
      .pluck()
      .all() as string[]
  ).filter((table) => !known.has(table));
  if (unknown.length) throw new Error(`The move does not know the book's tables ${unknown.join(', ')}`);

  return office.db.transaction().execute(async (trx) => {
    // What the migrations put in a new book (the administrator, the company row…) gives way to the book's own.
    for (const table of [...COPIED].reverse()) await trx.deleteFrom(table).execute();
    const rows: Record<string, number> = {};
    for (const table of COPIED) {
      const total = Number((local.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
      const columns = (local.sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[])
        .length;
      const batch = Math.max(1, Math.floor(VALUES_PER_INSERT / columns));
      let done = 0;
      let chunk: Record<string, unknown>[] = [];
      const flush = async () => {
        if (chunk.length === 0) return;
        await trx
          .insertInto(table)
          .values(chunk as never)
          .execute();
        done += chunk.length;
        chunk = [];
        onProgress({ table, done, total });
      };
      // Read in rowid order, a batch at a time: a large book is never held in memory whole. No
      // statement stays open across the awaits, so other windows go on reading the book meanwhile.
      const page = local.sqlite.prepare(
        `select rowid as _rowid, * from ${table} where rowid > ? order by rowid limit ?`,
      );
      for (let after = Number.MIN_SAFE_INTEGER; ;) {
        const rows = page.all(after, batch) as ({ _rowid: number } & Record<string, unknown>)[];
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!._rowid;
        chunk = rows.map(({ _rowid: _, ...row }) => row);
        await flush();
      }
      rows[table] = done;
    }
    rows.kept_files = await copyKeptFiles(local, trx, dataFolder);
    if (secrets) await sealBookSecrets(trx, secrets);
    await checkCopy(local, trx);
    const balances = await compareBalances(local, trx);
    return { rows, balances };
  });
}

/** The book's secrets this desktop keeps, and the office key they are sealed with in the office book. */
export interface MovedSecrets {
  desktop: SecretStore;
  officeKey: string;
  now: () => Date;
}

/** The book's secrets (its mailbox password, its licensing token) go with it, sealed: every desktop of the office sends with them. */
async function sealBookSecrets(trx: Kysely<Database>, { desktop, officeKey, now }: MovedSecrets): Promise<void> {
  // A database nobody worked in yet may hold the key check of an office book started there: this book replaces it.
  await trx.deleteFrom('office_secrets').execute();
  const values: Record<string, string> = {};
  for (const name of BOOK_SECRETS) {
    const value = await desktop.get(name);
    if (value !== null) values[name] = value;
  }
  // The move runs as the book's owner, who writes the sealed rows themselves (a desktop only through the book's function).
  await trx
    .insertInto('office_secrets')
    .values(OfficeSecretStore.sealedRows(officeKey, values, now()))
    .execute();
}

/** Each message's PDF from the data folder into the book, by its sha256 (a missing file stays missing). */
async function copyKeptFiles(local: LocalBook, trx: Kysely<Database>, dataFolder: string): Promise<number> {
  const now = new Date().toISOString();
  let kept = 0;
  for (const row of local.sqlite.prepare(`select pdf_file, pdf_sha256 from outbox order by rowid`).iterate()) {
    const { pdf_file, pdf_sha256 } = row as { pdf_file: string; pdf_sha256: string };
    // A name that is not Daftar's (a forged row: it could name this computer's secrets.json) stays behind, as missing.
    const where = outboxPath(dataFolder, 'outboxPdf', pdf_file);
    if ('refused' in where || !existsSync(where.path)) continue;
    const inserted = await trx
      .insertInto('kept_files')
      .values({ sha256: pdf_sha256, bytes: readFileSync(where.path), created_at: now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('sha256')
      .execute();
    kept += inserted.length;
  }
  return kept;
}

/** Every table holds as many rows on both sides, and the counts the server's triggers made equal the book's. */
async function checkCopy(local: LocalBook, trx: Kysely<Database>): Promise<void> {
  const differences: string[] = [];
  for (const table of COPIED) {
    const here = Number((local.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
    const there = await countOf(trx, table);
    if (here !== there) differences.push(`${table}: ${here} here, ${there} on the server`);
  }
  // Hours whose messages all went elsewhere (a deleted message) stay as zero rows in the book: compared without them.
  const hours = `select hour || ' ' || state || ' ' || messages || ' ' || recipients || ' ' || credits as h
    from outbox_hours where messages > 0 order by hour, state`;
  const here = (local.sqlite.prepare(hours).pluck().all() as string[]).join('\n');
  const there = (await sql<{ h: string }>`${sql.raw(hours)}`.execute(trx)).rows.map((r) => r.h).join('\n');
  if (here !== there) differences.push('outbox_hours: the per-hour counts differ');
  // Sorted here, not by the server, whose collation may order the names otherwise.
  const days = `select type || ' ' || status || ' ' || date || ' ' || n as d from voucher_days where n > 0`;
  const daysHere = (local.sqlite.prepare(days).pluck().all() as string[]).sort().join('\n');
  const daysThere = (await sql<{ d: string }>`${sql.raw(days)}`.execute(trx)).rows
    .map((r) => r.d)
    .sort()
    .join('\n');
  if (daysHere !== daysThere) differences.push('voucher_days: the per-day counts differ');
  if (differences.length) throw mismatch(differences);
}

/** Every party's balance in every currency is the same on both sides. */
async function compareBalances(local: LocalBook, trx: Kysely<Database>): Promise<number> {
  const [here, there] = await Promise.all([allBalances(local.db), allBalances(trx)]);
  const differences: string[] = [];
  for (const key of new Set([...here.keys(), ...there.keys()]))
    if (here.get(key) !== there.get(key))
      differences.push(`balance of ${key}: ${here.get(key) ?? 0} here, ${there.get(key) ?? 0} on the server`);
  if (differences.length) throw mismatch(differences);
  return here.size;
}

const mismatch = (differences: string[]) =>
  AppError.because('move_mismatch', `The copy did not match: ${differences.slice(0, 5).join('; ')}`, {
    differences,
  });
