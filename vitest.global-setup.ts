import { startPrivatePostgres } from './test-support/licensing/private-postgres';

/**
 * The services the unit and integration tests need, started for this run and stopped after it:
 * a private PostgreSQL cluster for the licensing server's tests (the mail and DNS servers are
 * started by the tests that use them). The test workers, started after this, inherit DATABASE_URL.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const postgres = await startPrivatePostgres();
  process.env.DATABASE_URL = postgres.url;
  return () => postgres.stop();
}
