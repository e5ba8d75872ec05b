import { z } from 'zod';
import { PERMISSIONS } from '../users/permissions';
import { defineCall } from './define';
import { id, line, noInput, requiredLine } from './fields';

/** The shortest password a user may be given. */
export const PASSWORD_MIN_LENGTH = 8;

export const permission = z.enum(PERMISSIONS);

export const user = z.object({
  id,
  name: z.string(),
  isAdmin: z.boolean(),
  permissions: z.array(permission),
  hasPassword: z.boolean(),
});
export type User = z.infer<typeof user>;

export const usersApi = {
  'users.status': defineCall({
    permission: 'anyone',
    summary: 'Who is signed in (null: nobody), and whether signing in is required (a password has been set).',
    input: noInput,
    output: z.object({ user: user.nullable(), loginRequired: z.boolean() }),
  }),
  'users.login': defineCall({
    permission: 'anyone',
    summary: 'Sign in. A wrong password waits a moment; after five in a row the user is locked for a few minutes.',
    input: z.object({ name: requiredLine(100), password: z.string().max(256) }).strict(),
    output: user,
  }),
  'users.logout': defineCall({
    permission: 'signed-in',
    summary: 'Sign out (to switch user).',
    input: noInput,
    output: z.object({ loginRequired: z.boolean() }),
  }),
  'users.list': defineCall({
    permission: 'manage_users',
    summary: 'The users of this book.',
    input: noInput,
    output: z.object({ items: z.array(user) }),
  }),
  'users.save': defineCall({
    permission: 'manage_users',
    summary: 'Create or edit a user: name, permissions, and a new password when given (stored as a slow salted hash).',
    input: z
      .object({
        id: id.optional(),
        name: requiredLine(100),
        permissions: z.array(permission),
        // At least 8 characters: the lock-out slows guessing, a short password still falls to it.
        password: line(256).min(PASSWORD_MIN_LENGTH).optional(),
      })
      .strict(),
    output: user,
  }),
  'users.delete': defineCall({
    permission: 'manage_users',
    summary: 'Remove a user (never the administrator).',
    input: z.object({ id }).strict(),
    output: z.object({ id }),
  }),
};
