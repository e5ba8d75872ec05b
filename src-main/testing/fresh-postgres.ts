import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own beside the test run's (DATABASE_URL, started by vitest.global-setup.ts), so
 * that each test starts from nothing and test files running side by side never see each other's rows.
 */
export async function freshPostgres(prefix: string, url = process.env.DATABASE_URL): Promise<FreshDatabase> {
  if (!url) throw new Error('DATABASE_URL is not set: vitest.global-setup.ts starts the test run’s PostgreSQL');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
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

/** A database URL as the office book's connection fields. */
export function connectionOf(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    database: u.pathname.slice(1),
    user: decodeURIComponent(u.username),
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}
