import { AppError } from '../../src-shared/errors';
import type { Permission } from '../../src-shared/users/permissions';
import type { Services } from '../registry';
import * as repo from './users.repo';

/**
 * Who uses this desktop now. Until a password is set anywhere, the administrator is
 * signed in by itself; after that, the app starts signed out and asks.
 */
export class Session {
  private userId: string | null = null;

  constructor(private readonly services: Pick<Services, 'book'>) {}

  async start(): Promise<void> {
    this.userId = (await repo.anyPassword(this.services.book.db)) ? null : 'admin';
  }

  set(userId: string | null): void {
    this.userId = userId;
  }

  async current(): Promise<repo.UserRow | null> {
    if (!this.userId) return null;
    return (await repo.getUser(this.services.book.db, this.userId)) ?? null;
  }

  /** Refuse (forbidden) unless someone is signed in and, when asked, holds every permission named. */
  async require(needs: Permission | readonly Permission[] | undefined, call: string): Promise<repo.UserRow> {
    const user = await this.current();
    if (!user) throw AppError.because('login_required', 'Sign in first', { call });
    const held = repo.permissionsOf(user);
    const permission = ([] as Permission[]).concat(needs ?? []).find((p) => !held.includes(p));
    if (permission)
      throw AppError.because('permission', `${user.name} may not do this (${permission})`, { permission, call });
    return user;
  }
}
