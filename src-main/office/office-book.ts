import { Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { AppError } from '../../src-shared/errors';
import { refuseOfficeInClear } from './book-location';
import { migrations as allMigrations } from '../book/migrations';
import { officeFiles } from './office-files';
import { officeLocks } from './office-locks';
import { officeProblem } from './office-problem';
import { giveDesktopRights, hasDesktopRights, ownsBook } from './office-roles';
import type { OfficeBook } from '../book/book';
import type { OfficeConnection } from './office-connection';
import type { Database } from '../book/schema';
import { WideIntegersPlugin } from '../book/wide-integers';

// Counts and sums come back as int8 or numeric; the book's figures are far below 2^53.
const asNumber = (text: string) => Number(text);
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? asNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Connections a desktop's pool holds at most, by default. A desktop does one thing at a time in each
 * of a few places (the window's calls, the outbox worker, the mailbox reader, a running bulk, which
 * keeps one for its length): five is room for them all, and an office of 16 desktops, each with its
 * presence connection too (6 in all), fits PostgreSQL's default max_connections of 100. With 10, the
 * tenth desktop's connections were refused, its presence among them (README, Office mode).
 */
export const OFFICE_POOL_SIZE = 5;

export interface OpenOfficeBookOptions {
  migrations?: Record<string, Migration>;
  /** How long to wait for the server to answer a new connection (ms). */
  connectTimeoutMs?: number;
  /** Connections this desktop may hold at once. */
  maxConnections?: number;
  /** An idle connection the server dropped (a restart, the network): told, never thrown. */
  onConnectionLost?: (error: Error) => void;
  /** This desktop's data folder, where sent copies from before the move may still be files (office-files.ts). */
  dataFolder?: string;
}

/**
 * Open the office book: a pool of connections, then every pending migration in one transaction.
 * Two desktops starting together do not both migrate: Kysely's migrator holds an advisory lock.
 */
export async function openOfficeBook(
  connection: OfficeConnection,
  options: OpenOfficeBookOptions = {},
): Promise<OfficeBook> {
  const migrations = options.migrations ?? allMigrations;
  const pool = new pg.Pool({
    ...reaching(connection),
    max: options.maxConnections ?? OFFICE_POOL_SIZE,
    // An office server switched off must say so within seconds, not leave the desktop waiting.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types,
    application_name: 'daftar',
  });
  // Without a listener, a dropped idle connection would be thrown at the process and end it. The pool
  // opens a new connection for the next query; if the server is still away, that query fails and says so.
  pool.on('error', (error) => options.onConnectionLost?.(error));
  // A connection that is checked out (held by a transaction or a bulk's claim) has no pool listener: one
  // of its own, or a server going away between two of its queries would end the process. Its next query fails instead.
  pool.on('connect', (client) => client.on('error', (error) => options.onConnectionLost?.(error)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (connection.owner) await updateAsOwner(connection, migrations, options);
    else await updateOrRefuse(db, connection, migrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    kind: 'office',
    dialect: 'postgres',
    db,
    files: officeFiles(db, options.dataFolder ?? null),
    locks: officeLocks(db),
    problemOf: (error) => officeProblem(error, connection),
    server: { host: connection.host, port: connection.port, database: connection.database, user: connection.user },
    backupFile: null,
    interruptedMigration: null,
    restoredFrom: null,
    // A commit the server has answered is on its disk (synchronous_commit): nothing is left to flush here.
    flush: async () => {},
    close: () => db.destroy(),
  };
}

/**
 * How pg reaches the office server, for the pool and for a connection of its own (the events, a
 * test): TLS with the server's certificate always checked, against the office's CA where given.
 */
export const reaching = (connection: OfficeConnection) => {
  // The last word before a socket opens: never in clear to another computer (book-location.ts).
  refuseOfficeInClear({ host: connection.host, tls: Boolean(connection.tls) });
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    ssl: connection.tls ? { ...connection.tls, rejectUnauthorized: true } : undefined,
  };
};

/**
 * Without the owner: a desktop that signs in as the book's owner (an office set up before the two
 * roles) migrates as before; a desktop's role opens a book that is up to date and whose rights it
 * was given, and is refused otherwise (office_needs_owner: the window asks for the owner's password).
 */
async function updateOrRefuse(
  db: Kysely<Database>,
  connection: OfficeConnection,
  migrations: Record<string, Migration>,
) {
  const needsOwner = (why: 'update' | 'rights', words: string) =>
    AppError.because('office_needs_owner', words, { user: connection.user, database: connection.database, why });
  const owns = await ownsBook(db);
  if (!owns && !(await hasDesktopRights(db)))
    throw needsOwner(
      'rights',
      `The user ${connection.user} was not given a desktop's rights on the office book (${connection.database} on ${connection.host}) by its owner`,
    );
  const pending = await pendingMigrations(db, connection, migrations);
  if (owns) {
    if (pending.length) await migrateToLatest(db, migrations);
    // Rights on the tables those migrations added, for every desktops' role given before.
    await giveDesktopRights(db);
  } else if (pending.length > 0)
    throw needsOwner(
      'update',
      `The office book (${connection.database} on ${connection.host}) must be updated by its owner before ${connection.user} can open it`,
    );
}

/** With the owner's password: migrate and give this desktop's role its rights, on a connection of the owner's closed after. */
async function updateAsOwner(
  connection: OfficeConnection,
  migrations: Record<string, Migration>,
  options: OpenOfficeBookOptions,
) {
  const owner = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({
        ...reaching({ ...connection, user: connection.owner!.user, password: connection.owner!.password }),
        max: 1,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
        types,
        application_name: 'daftar owner',
      }),
    }),
  });
  try {
    if (!(await ownsBook(owner)))
      throw AppError.because(
        'office_not_owner',
        `${connection.owner!.user} is not the owner of the database ${connection.database}`,
        { user: connection.owner!.user, database: connection.database },
      );
    if ((await pendingMigrations(owner, connection, migrations)).length) await migrateToLatest(owner, migrations);
    await giveDesktopRights(owner, connection.user);
  } finally {
    await owner.destroy();
  }
}

/** The migrations this Daftar has and the book has not; refused when the book has some this Daftar does not know. */
async function pendingMigrations(
  db: Kysely<Database>,
  connection: OfficeConnection,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  const executed = await executedMigrations(db);
  const unknown = executed.filter((name) => !Object.hasOwn(migrations, name));
  if (unknown.length > 0)
    throw AppError.because(
      'book_too_new',
      `The office book (${connection.database} on ${connection.host}) was written by a newer version of Daftar (it has migration ${unknown.join(', ')}). Install the newer version on this desktop to open it.`,
      { migrations: unknown },
    );
  return Object.keys(migrations).filter((name) => !executed.includes(name));
}

async function migrateToLatest(db: Kysely<Database>, migrations: Record<string, Migration>) {
  const { error } = await new Migrator({
    db: db.withPlugin(new WideIntegersPlugin()),
    provider: { getMigrations: async () => migrations },
  }).migrateToLatest();
  if (error) throw error;
}

async function executedMigrations(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`
    .execute(db)
    .catch((error: { code?: string }) => {
      // 42P01: no such table, a new book.
      if (error.code === '42P01') return { rows: [] };
      throw error;
    });
  return rows.map((r) => r.name);
}
