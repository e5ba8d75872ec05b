import type { FieldIssue } from '../src-shared/licensing/wire';

/** A refusal the HTTP layer answers with its status and code (src-licensing/http.ts). */
export class LicensingError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before asking again (sent as Retry-After). */
    readonly retryAfter?: number,
    /** With invalid_input: each field of the request that did not parse, and why. */
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}
