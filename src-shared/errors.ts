/** The closed set of error codes any call may answer with. The renderer translates them. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'no_credit',
  'smtp_auth',
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

export interface ErrorDetails {
  fields?: FieldProblem[];
  [key: string]: unknown;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
}

/** An error the core means to show the user. Anything else thrown becomes `internal`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  static invalidField(path: string, reason: string, params?: FieldProblem['params'], message?: string): AppError {
    return new AppError('invalid_input', message ?? `${path}: ${reason}`, { fields: [{ path, reason, params }] });
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
