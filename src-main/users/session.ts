import { AppError } from '../../src-shared/errors';
import type { Permission } from '../../src-shared/users/permissions';
import type { Services } from '../registry';
import type { UserWrites } from './user-writes';
import { userWritesFor } from './user-writes-of-book';
import * as repo from './users.repo';

/**
 * Who uses this desktop now. Until a password is set anywhere, the administrator is
 * signed in by itself; after that, the app starts signed out and asks. On an office book the
 * user is also signed in to the book itself (a session token only this core holds), which its
 * functions ask for before they change users or the mailbox's secrets.
 */
export class Session {
  private userId: string | null = null;
  private bookToken: string | null = null;
  readonly writes: UserWrites;

  constructor(private readonly services: Pick<Services, 'book' | 'ports'>) {
    this.writes = userWritesFor(services.book, () => services.ports.clock.now());
  }

  async start(): Promise<void> {
    const db = this.services.book.db;
    if (await repo.anyPassword(db)) return this.set(null);
    const admin = await repo.findAdmin(db);
    this.set(admin.id, await this.writes.adminWhileNoPasswords(admin));
  }

  set(userId: string | null, token: string | null = null): void {
    this.userId = userId;
    this.bookToken = userId ? token : null;
  }

  /** The book's session token of the user signed in (an office book's), or null. */
  token(): string | null {
    return this.bookToken;
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
