import { sql, type Kysely } from 'kysely';
import { refusedByBook } from '../book/refused-by-book';
import type { Database } from '../book/schema';
import { hashPassword, keyFor, settingsNeedRehash } from './password';
import type { SignInAnswer, UserWrites } from './user-writes';

const run = async <T>(query: Promise<T>): Promise<T> => {
  try {
    return await query;
  } catch (error) {
    throw refusedByBook(error);
  }
};

/**
 * An office book's users, through its functions (migration 0025): the desktop derives the key from
 * the password with the settings and salt the book gives out; the book compares it with the hash
 * (which no desktop can read), counts wrong ones, and answers a session token for the user.
 */
export const officeUserWrites = (db: Kysely<Database>): UserWrites => ({
  async signIn(name, password) {
    return signIn(db, name, password);
  },
  async adminWhileNoPasswords(admin) {
    const answer = await signIn(db, admin.name, null);
    return answer.result === 'ok' ? answer.token : null;
  },
  async signOut(token) {
    if (token) await sql`select daftar_sign_out(${token})`.execute(db);
  },
  async add(token, id, v) {
    await run(
      sql`select daftar_add_user(${token}, ${id}, ${v.name}, ${v.permissionsJson}, ${v.passwordHash}, ${v.now})`.execute(
        db,
      ),
    );
  },
  async update(token, id, v) {
    await run(
      sql`select daftar_update_user(${token}, ${id}, ${v.name}, ${v.permissionsJson}, ${v.passwordHash}, ${v.now})`.execute(
        db,
      ),
    );
  },
  async remove(token, id) {
    await run(sql`select daftar_delete_user(${token}, ${id})`.execute(db));
  },
});

async function signIn(db: Kysely<Database>, name: string, password: string | null): Promise<SignInAnswer> {
  const { rows } = await sql<{ settings: string | null }>`select daftar_password_salt(${name}) as settings`.execute(db);
  const settings = rows[0]?.settings ?? null;
  const key = settings && password !== null ? await keyFor(password, settings) : null;
  // A hash made with weaker settings is made again with today's, once the book says the password was right.
  const rehash = key !== null && settingsNeedRehash(settings!) ? await hashPassword(password!) : null;
  const answer = await sql<{
    answer: SignInAnswer | string;
  }>`select daftar_sign_in(${name}, ${key}, ${rehash}) as answer`
    .execute(db)
    .then((r) => r.rows[0]!.answer);
  return typeof answer === 'string' ? (JSON.parse(answer) as SignInAnswer) : answer;
}
