import { sql } from 'kysely';
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
  close(): Promise<void>;
}

/** Empty the PostgreSQL test database so each test starts from nothing. */
async function resetPostgres(url: string): Promise<void> {
  const store = await openLicensingDb({ databaseUrl: url });
  await sql`drop schema public cascade`.execute(store.db);
  await sql`create schema public`.execute(store.db);
  await store.close();
}

/** A real licensing server on 127.0.0.1 over SQLite (in memory) or the PostgreSQL of DATABASE_URL. */
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
  if (backend === 'postgres') await resetPostgres(process.env.DATABASE_URL!);
  const store: LicensingDb = await openLicensingDb(
    backend === 'postgres' ? { databaseUrl: process.env.DATABASE_URL } : { file: ':memory:' },
  );
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
    async close() {
      await server.close();
      await store.close();
    },
  };
}

export const BACKENDS: Backend[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (!process.env.DATABASE_URL)
  console.log('[licensing tests] PostgreSQL skipped: DATABASE_URL is not set (CI sets it).');
