import type { Permission } from '../users/permissions';
import { contract, type CallName } from './contract';

/** What a call needs, read from its contract entry: open before sign-in, and which permissions. */
export function accessOf(name: CallName, input?: unknown): { beforeSignIn: boolean; permissions: Permission[] } {
  const def = contract[name];
  const access = def.permission;
  const permissions: Permission[] =
    access === 'anyone' || access === 'signed-in' ? [] : ([] as Permission[]).concat(access);
  // The input-dependent part is known only once the input is read (the core checks it after parsing).
  const extra = def.inputPermission as { permission: Permission; applies(input: unknown): boolean } | undefined;
  if (extra && input !== undefined && extra.applies(input)) permissions.push(extra.permission);
  return { beforeSignIn: access === 'anyone', permissions };
}

/** Whether a user holding these permissions may make the call (its input-dependent part aside). */
export const mayCall = (name: CallName, held: readonly Permission[]): boolean =>
  accessOf(name).permissions.every((p) => held.includes(p));
