export type SignInAnswer =
  { result: 'ok'; id: string; token: string | null } | { result: 'wrong' } | { result: 'locked'; until: string };

/** A new user or changed one, as the users screen saves it (the password already hashed). */
export interface UserValues {
  name: string;
  permissionsJson: string;
  passwordHash: string | null;
  now: string;
}

/**
 * How a book's users are signed in and changed. A book file does it here; an office book only
 * through its functions (migration 0025), which check, in the database, that the user whose
 * session `token` names may do it: a desktop's database login alone changes no user.
 */
export interface UserWrites {
  signIn(name: string, password: string): Promise<SignInAnswer>;
  /** While no user has a password, the administrator is signed in by itself: its session. */
  adminWhileNoPasswords(admin: { id: string; name: string }): Promise<string | null>;
  signOut(token: string | null): Promise<void>;
  add(token: string | null, id: string, values: UserValues): Promise<void>;
  update(token: string | null, id: string, values: UserValues): Promise<void>;
  remove(token: string | null, id: string): Promise<void>;
}

/** Five wrong passwords in a row lock a user for five minutes (the same in migration 0025's daftar_sign_in). */
export const MAX_FAILURES = 5;
export const LOCK_MS = 5 * 60_000;
