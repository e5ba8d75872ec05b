export interface UsersTable {
  id: string;
  name: string;
  /** scrypt$N$r$p$salt$hash, or null until a password is set. */
  password_hash: string | null;
  permissions_json: string;
  is_admin: number;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

/** The users as every desktop may read them (migration 0025): whether a password is set, never its hash. */
export type UsersSeenView = Omit<UsersTable, 'password_hash'> & { has_password: number };
