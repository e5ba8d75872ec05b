import { freshPostgres } from '../fresh-postgres';
import { openLicensingDb, type LicensingDb } from '../../src-licensing/db/open';
import { startLicensingServer, type LicensingServer } from '../../src-licensing/http';
import { generateSigningKey } from '../../src-licensing/keys';
import { sandboxProvider } from '../../src-licensing/providers/sandbox';
import type { PaymentProvider } from '../../src-licensing/providers/types';
import type { RateLimits } from '../../src-licensing/rate-limit';
import type { LicensingContext } from '../../src-licensing/service';
import { refuseServersInUnitTier } from '../tiers';

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
  options: { trustProxy?: boolean } = {},
): Promise<TestLicensing> {
  refuseServersInUnitTier('The licensing server');
  // A real licensing server on 127.0.0.1 over SQLite (in memory) or a fresh database of the run's PostgreSQL.
  const postgres = backend === 'postgres' ? await freshPostgres('licensing') : null;
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
  const server = await startLicensingServer({
    ctx,
    sandboxWebhookSecret: sandboxSecret,
    trustProxy: options.trustProxy,
  });
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
