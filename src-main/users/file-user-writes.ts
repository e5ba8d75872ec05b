import type { Kysely } from 'kysely';
import type { Database } from '../book/schema';
import { hashPassword, needsRehash, verifyPassword } from './password';
import type { UserWrites } from './user-writes';
import { LOCK_MS, MAX_FAILURES } from './user-writes';
import * as repo from './users.repo';

/** A book file's users: the file is the user's own, so Daftar's checks (users.handlers.ts) are the rules. */
export const fileUserWrites = (db: Kysely<Database>, now: () => Date): UserWrites => ({
  async signIn(name, password) {
    const row = await repo.findByName(db, name);
    if (!row) return { result: 'wrong' };
    // Counted as wrong before it is checked, so parallel guesses each take one of the five.
    if ((await repo.countAttempt(db, row.id, now(), MAX_FAILURES, LOCK_MS)) === null)
      return { result: 'locked', until: (await repo.getUser(db, row.id))!.locked_until! };
    const hash = await repo.passwordHashOf(db, row.id);
    const ok = hash === null ? !(await repo.anyPassword(db)) : await verifyPassword(password, hash);
    if (!ok) return { result: 'wrong' };
    // Right: the count starts again, and a hash made with weaker settings is made again with today's.
    await repo.updateUser(db, row.id, {
      failed_attempts: 0,
      locked_until: null,
      ...(hash && password && needsRehash(hash) ? { password_hash: await hashPassword(password) } : {}),
    });
    return { result: 'ok', id: row.id, token: null };
  },
  async adminWhileNoPasswords() {
    return null;
  },
  async signOut() {},
  async add(_token, id, v) {
    await repo.insertUser(db, {
      id,
      name: v.name,
      password_hash: v.passwordHash,
      permissions_json: v.permissionsJson,
      is_admin: 0,
      failed_attempts: 0,
      locked_until: null,
      created_at: v.now,
      updated_at: v.now,
    });
  },
  async update(_token, id, v) {
    await repo.updateUser(db, id, {
      name: v.name,
      permissions_json: v.permissionsJson,
      ...(v.passwordHash ? { password_hash: v.passwordHash } : {}),
      updated_at: v.now,
    });
  },
  async remove(_token, id) {
    await repo.deleteUser(db, id);
  },
});
