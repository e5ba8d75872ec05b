import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openLicensingDb, type LicensingDb } from '../db/open';
import { startLicensingServer, type LicensingServer } from '../http';
import { generateSigningKey } from '../keys';
import { sandboxProvider } from '../providers/sandbox';
import type { PaymentProvider } from '../providers/types';
import type { RateLimits } from '../rate-limit';
import type { LicensingContext } from '../service';

export type Backend = 'sqlite' | 'postgres';

export interface TestLicensing {
  server: LicensingServer;
  ctx: LicensingContext;
  publicKeyPem: string;
  sandboxSecret: string;
  clock: { now: Date };
  /** Its own PostgreSQL database (null on SQLite). */
  databaseUrl: string | null;
  close(): Promise<void>;
}

/**
 * A database of its own beside the run's (DATABASE_URL), so that each test starts from nothing and
 * test files running side by side never see each other's rows.
 */
async function freshPostgres(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `licensing_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return { url: own.toString(), drop: () => admin(`drop database ${name} with (force)`) };
}

/** Limits no ordinary test reaches (the rate-limit tests pass their own). */
const ROOMY: RateLimits = {
  register: { perAddress: 10_000, windowSeconds: 60 },
  join: { perAddress: 10_000, windowSeconds: 60 },
  orders: { perAddress: 10_000, perAccount: 10_000, windowSeconds: 60 },
  sync: { perAddress: 10_000, perAccount: 10_000, windowSeconds: 60 },
};

export async function startTestLicensing(
  backend: Backend,
  extraProviders: PaymentProvider[] = [],
  limits: RateLimits = ROOMY,
): Promise<TestLicensing> {
  // A real licensing server on 127.0.0.1 over SQLite (in memory) or a fresh database of the run's PostgreSQL.
  const postgres = backend === 'postgres' ? await freshPostgres(process.env.DATABASE_URL!) : null;
  const store: LicensingDb = await openLicensingDb(postgres ? { databaseUrl: postgres.url } : { file: ':memory:' });
  const key = generateSigningKey();
  const sandboxSecret = 'whsec_test_sandbox';
  const clock = { now: new Date() };
  let url = '';
  const ctx: LicensingContext = {
    store,
    key,
    now: () => clock.now,
    limits,
    providers: [...extraProviders, sandboxProvider({ publicUrl: () => url, webhookSecret: sandboxSecret })],
  };
  const server = await startLicensingServer({ ctx, sandboxWebhookSecret: sandboxSecret });
  url = server.url;
  return {
    server,
    ctx,
    publicKeyPem: key.publicKeyPem,
    sandboxSecret,
    clock,
    databaseUrl: postgres?.url ?? null,
    async close() {
      await server.close();
      await store.close();
      await postgres?.drop();
    },
  };
}

export const BACKENDS: Backend[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (!process.env.DATABASE_URL)
  console.log('[licensing tests] PostgreSQL skipped: DATABASE_URL is not set (vitest.global-setup.ts sets it).');
