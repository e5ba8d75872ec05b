import type { OutboxStatus } from './api/mail-report-filters';
import type { Permission } from './users/permissions';

/** The closed set of error codes any call may answer with. The renderer translates them. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'no_credit',
  'offline',
  'unknown_call',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One field-level problem: which field (dotted path), a stable reason key, and values for the message. */
export interface FieldProblem {
  path: string;
  reason: string;
  params?: Record<string, string | number>;
}

/**
 * Every reason the core (or the window's transport) gives in `details.reason`, with what it
 * tells beside it. The core can raise only these (`AppError.because`), and the window narrows
 * on them: renaming one here breaks every place that raises or reads it at compile time.
 */
export interface ReasonPayloads {
  // Signing in and permissions
  login_required: { call: string };
  permission: { permission: Permission; call: string };
  wrong_password: object;
  locked: { until: string };
  admin_password_first: object;
  admin_kept: object;
  admin_only: object;
  // Cards and vouchers
  party_in_use: { vouchers: number };
  voucher_cancelled: object;
  stale_revision: { revision: number };
  // Mail
  revision_changed: object;
  already_sent: { at: string };
  not_retryable: { status: OutboxStatus };
  not_cancellable: { status: OutboxStatus };
  attachment_missing: { id: string };
  credits_short: { needed: number; balance: number };
  nothing_to_send: object;
  // Signing the mailbox in with OAuth2
  oauth_not_configured: { provider: 'microsoft' | 'google' };
  signin_timeout: object;
  signin_refused: { error: string };
  signin_required: object;
  /** The mailbox password was not typed for this IMAP server (empty IMAP user name): it must be typed again. */
  imap_password_unbound: object;
  // The book and the secret store
  book_too_new: { migrations: string[] };
  /** The disk is full: nothing of the change was written. */
  disk_full: object;
  /** SQLite found the book damaged; these backups (newest first) may be restored. */
  book_damaged: { problems: string[]; backups: string[] };
  /** An update of the book failed: it was left as it was (and the backup taken before it put back). */
  migration_failed: { migration: string; backup: string | null; restored: boolean };
  keychain_unavailable: { why?: 'unavailable' | 'basic_text' };
  /** A heavy read (a preview, a report) stopped before it finished, its worker gone; the next one starts a new worker. */
  read_interrupted: object;
  /** Asked of an office book (PostgreSQL) what only a book on this computer has: its backups are the server's. */
  office_book: object;
  /** A book is moved only into an empty office database: this one already holds an office's work. */
  office_not_empty: { parties: number; vouchers: number; messages: number };
  /** The copy did not match the book it came from (counts of a table, a party's balance); nothing was kept. */
  move_mismatch: { differences: string[] };
  /** The book is being moved to the office server: it takes no change until the move ends. */
  book_moving: object;
  /** The book moved to the office server; this file is the read-only record of it as it was then. */
  book_moved_read_only: { movedAt: string; to: string };
  /** The office key given is not the one the office book's secrets were sealed with. */
  office_key_wrong: object;
  /** Nothing answers for the office server: refused, no such host, no answer in time, or the connection was lost. */
  office_unreachable: { host: string; port: number; why: 'refused' | 'no_such_host' | 'timeout' | 'lost' };
  /** The office server refused this user name and password (or client certificate). */
  office_login_refused: { user: string };
  /** The office server has no database of this name. */
  office_no_database: { database: string };
  /** TLS to the office server failed: it offers none, its certificate is not trusted, or it is for another name. */
  office_tls: { why: 'not_offered' | 'untrusted' | 'wrong_name' } | { why: 'in_clear'; host: string };
  /** The office server's user may not create the book's tables in this database. */
  office_no_rights: { user: string; database: string };
  /**
   * A desktop's role cannot open the office book until its owner has made or updated its tables
   * (`update`) or given this role a desktop's rights (`rights`): the window asks for the owner's password.
   */
  office_needs_owner: { user: string; database: string; why: 'update' | 'rights' };
  /** The owner's name typed is not the office database's owner. */
  office_not_owner: { user: string; database: string };
  /** Asked of a book on this computer what only an office book has (its office key). */
  not_office_book: object;
  /** No Chromium here (the Node host), so no PDF can be made: the command that installs it, where known. */
  printer_unavailable: { install: string | null };
  // The licensing server
  licensing_not_configured: object;
  licensing_unavailable: {
    why: 'unreachable' | 'timeout' | 'server_error' | 'rate_limited';
    /** When the server asked us to wait (429). */
    retryAfterSeconds?: number;
  };
  licensing_refused: { serverCode: string };
  has_credits: object;
  // The window could not reach the core (raised by the renderer's transport, never by the core)
  network: { status?: number };
}
export type Reason = keyof ReasonPayloads;

/** The code each reason comes with. */
export const REASON_CODES = {
  login_required: 'forbidden',
  permission: 'forbidden',
  wrong_password: 'forbidden',
  locked: 'forbidden',
  admin_password_first: 'conflict',
  admin_kept: 'conflict',
  admin_only: 'forbidden',
  party_in_use: 'conflict',
  voucher_cancelled: 'conflict',
  stale_revision: 'conflict',
  revision_changed: 'conflict',
  already_sent: 'conflict',
  not_retryable: 'conflict',
  not_cancellable: 'conflict',
  attachment_missing: 'not_found',
  credits_short: 'no_credit',
  nothing_to_send: 'not_found',
  oauth_not_configured: 'conflict',
  signin_timeout: 'conflict',
  signin_refused: 'conflict',
  signin_required: 'conflict',
  imap_password_unbound: 'conflict',
  book_too_new: 'conflict',
  disk_full: 'conflict',
  book_damaged: 'conflict',
  migration_failed: 'conflict',
  keychain_unavailable: 'conflict',
  printer_unavailable: 'conflict',
  read_interrupted: 'conflict',
  office_book: 'conflict',
  office_not_empty: 'conflict',
  move_mismatch: 'conflict',
  book_moving: 'conflict',
  book_moved_read_only: 'conflict',
  office_key_wrong: 'conflict',
  office_unreachable: 'offline',
  office_login_refused: 'conflict',
  office_no_database: 'conflict',
  office_tls: 'conflict',
  office_no_rights: 'conflict',
  office_needs_owner: 'conflict',
  office_not_owner: 'conflict',
  not_office_book: 'conflict',
  licensing_not_configured: 'offline',
  licensing_unavailable: 'offline',
  licensing_refused: 'conflict',
  has_credits: 'conflict',
  network: 'internal',
} as const satisfies Record<Reason, ErrorCode>;

/** Details without a reason: the fields at fault, or the id or name that was not found. */
export interface PlainDetails {
  reason?: undefined;
  fields?: FieldProblem[];
  id?: string;
  name?: string;
}

/** Details with a declared reason and its payload; `details.reason === 'x'` narrows to it. */
export type ReasonDetails = { [K in Reason]: { reason: K; fields?: undefined } & ReasonPayloads[K] }[Reason];

export type ErrorDetails = PlainDetails | ReasonDetails;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
}

/** A reason's payload as arguments: omitted for reasons that carry nothing. */
type PayloadArgs<K extends Reason> = object extends ReasonPayloads[K]
  ? [payload?: ReasonPayloads[K]]
  : [payload: ReasonPayloads[K]];

/** An error the core means to show the user. Anything else thrown becomes `internal`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: PlainDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** A refusal for a declared reason: its code comes with it, its payload is checked. */
  static because<K extends Reason>(reason: K, message: string, ...[payload]: PayloadArgs<K>): AppError {
    const error = new AppError(REASON_CODES[reason], message);
    (error as { details: ErrorDetails }).details = { ...payload, reason } as ReasonDetails;
    return error;
  }

  static invalidField(path: string, reason: string, params?: FieldProblem['params'], message?: string): AppError {
    return new AppError('invalid_input', message ?? `${path}: ${reason}`, { fields: [{ path, reason, params }] });
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
