import pg from 'pg';
import { AppError } from '../../src-shared/errors';
import { migrations as allMigrations } from '../book/migrations';
import { reaching } from './office-book';
import { type OfficeConnection } from './office-connection';
import { officeProblem } from './office-problem';
import { OFFICE_KEY_CHECK } from './office-secrets';

export interface OfficeHoldings {
  holds: 'nothing' | 'book';
  parties: number;
  vouchers: number;
  messages: number;
  /** The office book's key check (sealed), when a desktop has opened it already. */
  keyCheck: string | null;
}

/**
 * Reaches the office server with one connection and reads what its database holds, changing
 * nothing: no book yet, or an office book (refused if a newer Daftar wrote it). A failure to
 * reach it comes back in the user's terms (office_unreachable, office_login_refused…).
 */
export async function inspectOffice(connection: OfficeConnection, timeoutMs = 10_000): Promise<OfficeHoldings> {
  const client = new pg.Client({
    ...reaching(connection),
    connectionTimeoutMillis: timeoutMs,
    application_name: 'daftar',
  });
  // A server that goes away after connecting must not throw at the process.
  client.on('error', () => {});
  try {
    await client.connect();
    const has = async (table: string) =>
      (await client.query<{ ok: boolean }>(`select to_regclass($1) is not null as ok`, [`public.${table}`])).rows[0]!
        .ok;
    if (!(await has('kysely_migration')))
      return { holds: 'nothing', parties: 0, vouchers: 0, messages: 0, keyCheck: null };
    const executed = (await client.query<{ name: string }>('select name from kysely_migration')).rows.map(
      (r) => r.name,
    );
    const unknown = executed.filter((name) => !Object.hasOwn(allMigrations, name));
    if (unknown.length > 0)
      throw AppError.because(
        'book_too_new',
        `The office book (${connection.database} on ${connection.host}) was written by a newer version of Daftar`,
        { migrations: unknown },
      );
    const count = async (table: string) =>
      (await has(table)) ? Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n) : 0;
    const keyCheck = (await has('office_secrets'))
      ? ((
          await client.query<{ sealed: string }>('select sealed from office_secrets where name = $1', [
            OFFICE_KEY_CHECK,
          ])
        ).rows[0]?.sealed ?? null)
      : null;
    const holdings = {
      parties: await count('parties'),
      vouchers: await count('vouchers'),
      messages: await count('outbox'),
      keyCheck,
    };
    // A database the migrations ran in, with no work yet and no desktop on it, is as good as empty.
    const worked = holdings.parties + holdings.vouchers + holdings.messages > 0 || keyCheck !== null;
    return { holds: worked ? 'book' : 'nothing', ...holdings };
  } catch (error) {
    // A book is there, but this user may not read it: the owner has not given it a desktop's rights yet.
    if ((error as { code?: string }).code === '42501')
      throw AppError.because(
        'office_needs_owner',
        `The user ${connection.user} was not given a desktop's rights on the office book (${connection.database} on ${connection.host}) by its owner`,
        { user: connection.user, database: connection.database, why: 'rights' },
      );
    throw officeProblem(error, connection) ?? error;
  } finally {
    await client.end().catch(() => {});
  }
}
