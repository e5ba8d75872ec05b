import SQLite from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../../src-shared/errors';
import type { UserRow } from '../users/users.repo';
import { verifyPassword } from '../users/password';
import { LOCK_MS, MAX_FAILURES } from '../users/user-writes';

/** users.login's delay: each wrong password costs a second. */
const WRONG_PASSWORD_DELAY_MS = 1000;

/** A user of a book file with its stored hash (a file's own users are read whole). */
export type RecordUser = UserRow & { password_hash: string | null };

/** The users of a book file, read only. */
export interface RecordUsers {
  byName(name: string): Promise<RecordUser | undefined>;
  anyPassword(): Promise<boolean>;
}

/**
 * Sign-in against a book that must not be written: the read-only record of a moved book, and the
 * rescue screen before it opens that file. The rules are users.login's, but the count of wrong
 * passwords is kept in memory (from the file's own count and lock), since nothing goes into the file.
 */
export class RecordSignIn {
  private readonly tries = new Map<string, { failed: number; lockedUntil: number }>();

  constructor(private readonly options: { now: () => Date; wrongPasswordDelayMs?: number }) {}

  async check(users: RecordUsers, name: string, password: string): Promise<RecordUser> {
    const now = this.options.now().getTime();
    const row = await users.byName(name.trim());
    const wrong = async () => {
      await new Promise((r) => setTimeout(r, this.options.wrongPasswordDelayMs ?? WRONG_PASSWORD_DELAY_MS));
      return AppError.because('wrong_password', 'Wrong name or password');
    };
    if (!row) throw await wrong();
    const tries = this.tries.get(row.id) ?? {
      failed: row.failed_attempts,
      lockedUntil: row.locked_until ? Date.parse(row.locked_until) : 0,
    };
    this.tries.set(row.id, tries);
    if (tries.lockedUntil > now)
      throw AppError.because('locked', 'Locked after too many wrong passwords', {
        until: new Date(tries.lockedUntil).toISOString(),
      });
    // Counted before it is checked, so parallel guesses each take one of the five.
    tries.failed += 1;
    if (tries.failed >= MAX_FAILURES) tries.lockedUntil = now + LOCK_MS;
    const ok =
      row.password_hash === null ? !(await users.anyPassword()) : await verifyPassword(password, row.password_hash);
    if (!ok) throw await wrong();
    this.tries.set(row.id, { failed: 0, lockedUntil: 0 });
    return row;
  }
}

/**
 * The users of a book file not open as a book (the rescue screen's): read with a read-only
 * connection, closed after each look. Null when there is no such file.
 */
export function fileUsers(file: string): RecordUsers | null {
  if (!existsSync(file)) return null;
  const read = <T>(look: (sqlite: SQLite.Database) => T): T => {
    const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      return look(sqlite);
    } finally {
      sqlite.close();
    }
  };
  return {
    byName: async (name) =>
      read(
        (s) =>
          s
            .prepare(
              `select u.*, cast(case when u.password_hash is null then 0 else 1 end as integer) as has_password from users u where name = ?`,
            )
            .get(name) as RecordUser | undefined,
      ),
    anyPassword: async () =>
      read((s) => s.prepare(`select 1 from users where password_hash is not null limit 1`).get() !== undefined),
  };
}
