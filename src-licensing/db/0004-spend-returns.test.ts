import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgres, type FreshDatabase } from '../../test-support/fresh-postgres';
import { generateSigningKey } from '../keys';
import { sync } from '../service';
import { BACKENDS } from '../../test-support/licensing/test-server';
import { licensingMigrations } from './migrations';
import { openLicensingDb, type LicensingDb } from './open';

let dir: string | null = null;
let postgres: FreshDatabase | null = null;
let store: LicensingDb | null = null;
afterEach(async () => {
  await store?.close();
  await postgres?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  [dir, postgres, store] = [null, null, null];
});

/** A server's database as the version before left it: spends taken with no link to what they return. */
async function before0004(backend: 'sqlite' | 'postgres') {
  if (backend === 'postgres') postgres = await freshPostgres('licensing');
  else dir = mkdtempSync(join(tmpdir(), 'licensing-0004-'));
  const file = dir ? join(dir, 'licensing.sqlite') : undefined;
  // The tables as they were then, not as schema.ts types them now.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = new Kysely<any>({
    dialect: postgres
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: postgres.url, max: 1 }) })
      : new SqliteDialect({ database: new SQLite(file!) }),
  });
  const old = Object.fromEntries(Object.entries(licensingMigrations).filter(([name]) => name < '0004'));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => old } }).migrateToLatest();
  if (error) throw error;
  const at = '2026-11-01T00:00:00.000Z';
  await db
    .insertInto('accounts')
    .values({ id: 'acc', company_name: 'A', account_key_hash: 'k', created_at: at })
    .execute();
  await db
    .insertInto('devices')
    .values({ id: 'dev', account_id: 'acc', name: 'D', token_hash: 't', created_at: at, chain_seq: 5 })
    .execute();
  await db
    .insertInto('credits')
    .values({ id: 'c', account_id: 'acc', amount: 5, reason: 'trial', order_id: null, created_at: at })
    .execute();
  await db
    .insertInto('grants')
    .values({ id: 'g', account_id: 'acc', device_id: 'dev', amount: 5, seq: 1, created_at: at, signature: 's' })
    .execute();
  // Two spends of 2, an honest return of one, a forged return of 1000, a second return of 2.
  const spends: [string, number][] = [
    ['m1', 2],
    ['m2', 2],
    ['r1', -2],
    ['forged', -1000],
    ['r2', -2],
  ];
  for (const [i, [id, amount]] of spends.entries())
    await db
      .insertInto('spends')
      .values({ id, account_id: 'acc', device_id: 'dev', amount, content_hash: id, created_at: at, seq: i + 1 })
      .execute();
  await db.destroy();
  return postgres ? { databaseUrl: postgres.url } : { file };
}

describe.each(BACKENDS)('licensing migration 0004 on %s', (backend) => {
  it('links the returns already taken to the spends they gave back; a return of nothing counts no more', async () => {
    store = await openLicensingDb(await before0004(backend));
    const linked = await store.db.selectFrom('spends').select(['id', 'returns']).orderBy('seq').execute();
    expect(linked).toEqual([
      { id: 'm1', returns: null },
      { id: 'm2', returns: null },
      { id: 'r1', returns: 'm1' },
      { id: 'forged', returns: null },
      { id: 'r2', returns: 'm2' },
    ]);
    const ctx = { store, key: generateSigningKey(), providers: [], now: () => new Date() };
    const answer = await sync(ctx, { id: 'dev', account_id: 'acc', name: 'D' }, { spends: [], sinceSeq: 1 });
    expect(answer).toMatchObject({ deviceBalance: 5, accountBalance: 5 });
  });
});
