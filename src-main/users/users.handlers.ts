import { ulid } from 'ulid';
import type { User } from '../../src-shared/api/users.api';
import { usersApi } from '../../src-shared/api/users.api';
import { AppError } from '../../src-shared/errors';
import { PERMISSIONS } from '../../src-shared/users/permissions';
import type { DomainHandlers, Services } from '../registry';
import { hashPassword, needsRehash, verifyPassword } from './password';
import type { Session } from './session';
import * as repo from './users.repo';

const MAX_FAILURES = 5;
const LOCK_MS = 5 * 60_000;
const WRONG_PASSWORD_DELAY_MS = 1000;

export const toUser = (row: repo.UserRow): User => ({
  id: row.id,
  name: row.name,
  isAdmin: row.is_admin === 1,
  permissions: repo.permissionsOf(row),
  hasPassword: row.password_hash !== null,
});

export const usersHandlers = (
  services: Services,
  session: Session,
  options: { wrongPasswordDelayMs?: number } = {},
) => {
  const {
    book: { db },
    ports,
  } = services;
  const refused = () => AppError.because('wrong_password', 'Wrong name or password');

  return {
    'users.status': async () => {
      const user = await session.current();
      return { user: user ? toUser(user) : null, loginRequired: await repo.anyPassword(db) };
    },

    'users.login': async ({ name, password }) => {
      const now = ports.clock.now();
      const row = await repo.findByName(db, name.trim());
      const wrong = async () => {
        // A wrong password costs a moment, so guessing is slow.
        await new Promise((r) => setTimeout(r, options.wrongPasswordDelayMs ?? WRONG_PASSWORD_DELAY_MS));
        return refused();
      };
      if (!row) throw await wrong();
      // Counted as wrong before it is checked, so parallel guesses each take one of the five.
      if ((await repo.countAttempt(db, row.id, now, MAX_FAILURES, LOCK_MS)) === null) {
        const locked = await repo.getUser(db, row.id);
        throw AppError.because('locked', 'Locked after too many wrong passwords', { until: locked!.locked_until! });
      }
      const ok =
        row.password_hash === null ? !(await repo.anyPassword(db)) : await verifyPassword(password, row.password_hash);
      if (!ok) throw await wrong();
      // Right: the count starts again, and a hash made with weaker settings is made again with today's.
      await repo.updateUser(db, row.id, {
        failed_attempts: 0,
        locked_until: null,
        ...(row.password_hash && needsRehash(row.password_hash) ? { password_hash: await hashPassword(password) } : {}),
      });
      session.set(row.id);
      return toUser(row);
    },

    'users.logout': async () => {
      // With no password anywhere there is no one else to be: the administrator stays.
      const loginRequired = await repo.anyPassword(db);
      if (loginRequired) session.set(null);
      return { loginRequired };
    },

    'users.list': async () => ({ items: (await repo.listUsers(db)).map(toUser) }),

    'users.save': async ({ id, name, permissions, password }, { userId }) => {
      const now = ports.clock.now().toISOString();
      const target = id ? await repo.getUser(db, id) : undefined;
      // Another user with the right to manage users still may not change the administrator (their password above all).
      if (target?.is_admin && !(userId && (await repo.getUser(db, userId))?.is_admin))
        throw AppError.because('admin_only', 'Only the administrator may change the administrator');
      const clean = name.trim();
      const taken = await repo.findByName(db, clean);
      if (taken && taken.id !== id)
        throw new AppError('conflict', `${clean} already exists`, {
          fields: [{ path: 'name', reason: 'name_taken', params: { name: clean } }],
        });
      const hash = password ? await hashPassword(password) : undefined;
      if (id) {
        const row = await repo.getUser(db, id);
        if (!row) throw new AppError('not_found', `No user ${id}`, { id });
        // The administrator keeps every permission, so the book can never lock itself out.
        await repo.updateUser(db, id, {
          name: clean,
          permissions_json: JSON.stringify(row.is_admin ? PERMISSIONS : permissions),
          ...(hash ? { password_hash: hash } : {}),
          updated_at: now,
        });
        return toUser((await repo.getUser(db, id))!);
      }
      if (!password) throw AppError.invalidField('password', 'required');
      // A user with a password makes Daftar ask who signs in; an administrator without one could then never sign in again.
      const admin = (await repo.listUsers(db)).find((u) => u.is_admin);
      if (admin && admin.password_hash === null)
        throw AppError.because('admin_password_first', "Set the administrator's password before adding users");
      const newId = ulid();
      await repo.insertUser(db, {
        id: newId,
        name: clean,
        password_hash: hash ?? null,
        permissions_json: JSON.stringify(permissions),
        is_admin: 0,
        failed_attempts: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      });
      return toUser((await repo.getUser(db, newId))!);
    },

    'users.delete': async ({ id }) => {
      const row = await repo.getUser(db, id);
      if (!row) throw new AppError('not_found', `No user ${id}`, { id });
      if (row.is_admin) throw AppError.because('admin_kept', 'The administrator cannot be removed');
      await repo.deleteUser(db, id);
      return { id };
    },
  } satisfies DomainHandlers<typeof usersApi>;
};
