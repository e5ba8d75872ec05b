import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { refuseServersInUnitTier } from './tiers';

export interface FreshDatabase {
  /** The run's superuser on this database: for a test to look at or change rows behind the app's back. */
  url: string;
  /**
   * How a desktop opens it, as the README sets an office up: as the desktops' role, with the owner's
   * name and password for the first opening (the owner creates the tables and gives the role its rights).
   */
  desktop: ReturnType<typeof connectionOf> & { owner: { user: string; password: string } };
  drop(): Promise<void>;
}

/**
 * A database of its own beside the test run's (DATABASE_URL, started by vitest.global-setup.ts), so
 * that each test starts from nothing and test files running side by side never see each other's rows.
 */
export async function freshPostgres(prefix: string, url = process.env.DATABASE_URL): Promise<FreshDatabase> {
  refuseServersInUnitTier('PostgreSQL');
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
  // Two roles of its own (README, Office mode): the owner, and the desktops' role, which owns nothing.
  const [owner, desktop] = [`${name}_owner`, `${name}_desktop`];
  const [ownerPassword, password] = [randomBytes(9).toString('base64url'), randomBytes(9).toString('base64url')];
  await admin(`create role ${owner} login password '${ownerPassword}'`);
  await admin(`create role ${desktop} login password '${password}'`);
  await admin(`create database ${name} owner ${owner}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    desktop: {
      ...connectionOf(own.toString()),
      user: desktop,
      password,
      owner: { user: owner, password: ownerPassword },
    },
    drop: async () => {
      await admin(`drop database ${name} with (force)`);
      await admin(`drop role ${desktop}`);
      await admin(`drop role ${owner}`);
    },
  };
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
