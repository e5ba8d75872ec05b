import { ulid } from 'ulid';
import type { User } from '../../src-shared/api/users.api';
import { usersApi } from '../../src-shared/api/users.api';
import { AppError } from '../../src-shared/errors';
import { PERMISSIONS } from '../../src-shared/users/permissions';
import type { DomainHandlers, Services } from '../registry';
import { hashPassword } from './password';
import type { Session } from './session';
import * as repo from './users.repo';

const WRONG_PASSWORD_DELAY_MS = 1000;

export const toUser = (row: repo.UserRow): User => ({
  id: row.id,
  name: row.name,
  isAdmin: row.is_admin === 1,
  permissions: repo.permissionsOf(row),
  hasPassword: row.has_password === 1,
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
      const answer = await session.writes.signIn(name.trim(), password);
      if (answer.result === 'locked')
        throw AppError.because('locked', 'Locked after too many wrong passwords', { until: answer.until });
      if (answer.result === 'wrong') {
        // A wrong password costs a moment, so guessing is slow.
        await new Promise((r) => setTimeout(r, options.wrongPasswordDelayMs ?? WRONG_PASSWORD_DELAY_MS));
        throw refused();
      }
      session.set(answer.id, answer.token);
      return toUser((await repo.getUser(db, answer.id))!);
    },

    'users.logout': async () => {
      // With no password anywhere there is no one else to be: the administrator stays.
      const loginRequired = await repo.anyPassword(db);
      if (loginRequired) {
        await session.writes.signOut(session.token());
        session.set(null);
      }
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
        await session.writes.update(session.token(), id, {
          name: clean,
          permissionsJson: JSON.stringify(row.is_admin ? PERMISSIONS : permissions),
          passwordHash: hash ?? null,
          now,
        });
        return toUser((await repo.getUser(db, id))!);
      }
      if (!password) throw AppError.invalidField('password', 'required');
      // A user with a password makes Daftar ask who signs in; an administrator without one could then never sign in again.
      const admin = (await repo.listUsers(db)).find((u) => u.is_admin);
      if (admin && admin.has_password === 0)
        throw AppError.because('admin_password_first', "Set the administrator's password before adding users");
      const newId = ulid();
      await session.writes.add(session.token(), newId, {
        name: clean,
        permissionsJson: JSON.stringify(permissions),
        passwordHash: hash ?? null,
        now,
      });
      return toUser((await repo.getUser(db, newId))!);
    },

    'users.delete': async ({ id }) => {
      const row = await repo.getUser(db, id);
      if (!row) throw new AppError('not_found', `No user ${id}`, { id });
      if (row.is_admin) throw AppError.because('admin_kept', 'The administrator cannot be removed');
      await session.writes.remove(session.token(), id);
      return { id };
    },
  } satisfies DomainHandlers<typeof usersApi>;
};
