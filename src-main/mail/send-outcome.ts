import type { Kysely } from 'kysely';
import type { Book } from '../book/book';
import type { Database } from '../book/schema';
import { returnIn } from '../credits/ledger';
import * as repo from './outbox.repo';
import { QUOTA_WAIT_MS, quotaOf, type QuotaKind } from './quota-replies';

export type Outcome = 'sent' | 'retry' | 'failed' | 'paused' | 'skipped' | 'token' | 'quota';

export interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * What a failed send means. Network trouble and 4xx replies are retried; 5xx replies fail the message
 * for good; "you have sent too much" waits for the provider's window; an authentication failure
 * pauses the queue, unless an OAuth2 token may be refreshed once first.
 */
export function failureOutcome(
  error: SmtpError,
  reply: string,
  mayRefreshToken: boolean,
): { outcome: Outcome; quota: QuotaKind | null } {
  const quota = error.responseCode !== undefined ? quotaOf(`${error.responseCode} ${reply}`) : null;
  // The kept PDF is gone or changed (by hand, or a failing disk): no retry can succeed.
  if (error.code === 'EATTACHMENT') return { outcome: 'failed', quota };
  // "You have sent too much": the message is fine, the queue waits for the provider's window.
  if (quota) return { outcome: 'quota', quota };
  // The access token may have ended early or been revoked: go again at once with a fresh one.
  if (error.code === 'EAUTH' && mayRefreshToken) return { outcome: 'token', quota };
  if (error.code === 'EAUTH') return { outcome: 'paused', quota };
  if (error.responseCode !== undefined && error.responseCode >= 500) return { outcome: 'failed', quota };
  return { outcome: 'retry', quota };
}

export interface Attempted {
  row: repo.OutboxRecord;
  attempt: number;
  now: string;
  outcome: Outcome;
  reply: string | null;
  error: SmtpError | null;
  quota: QuotaKind | null;
  /** The sent bytes' name where kept before sending (a book here), and the bytes for a Sent copy. */
  rawFile: string | null;
  sentBytes: Buffer | null;
  attachmentProblem: 'attachment_missing' | 'attachment_changed' | 'attachment_refused';
  /** When a retry goes, from now (ms). */
  retryDelayMs: number;
}

/** The attempt and what it did to the message, in one transaction; a failed message's credits come back. */
export async function recordOutcome(book: Book, trx: Kysely<Database>, a: Attempted): Promise<void> {
  const { row, now, outcome, reply, error } = a;
  await repo.recordAttempt(trx, { outbox_id: row.id, attempt: a.attempt, at: now, outcome, reply });
  if (outcome === 'sent') {
    // On an office book the bytes for the Sent copy go into the book with the news that it went.
    const rawFile = a.rawFile ?? (a.sentBytes ? await book.files.keepRawOnceSent(trx, a.sentBytes, now) : null);
    await repo.updateOutbox(trx, row.id, {
      status: 'sent',
      sent_at: now,
      ...(rawFile ? { sent_copy: 'pending' as const, raw_file: rawFile } : {}),
      last_reply: reply,
      last_error: null,
      next_attempt_at: null,
      updated_at: now,
    });
  } else if (outcome === 'failed') {
    await repo.updateOutbox(trx, row.id, {
      status: 'failed',
      last_reply: reply,
      last_error: error?.code === 'EATTACHMENT' ? a.attachmentProblem : 'rejected',
      next_attempt_at: null,
      updated_at: now,
    });
    if (row.spend_id) await returnIn(book, trx, row.spend_id, new Date(now));
  } else if (outcome === 'quota' && a.quota) {
    // Counted as an attempt; its credits stay reserved; it and every waiting message go after the wait.
    const until = new Date(Date.parse(now) + QUOTA_WAIT_MS[a.quota]).toISOString();
    await repo.updateOutbox(trx, row.id, { status: 'queued', last_reply: reply, updated_at: now });
    await repo.deferQueued(trx, until, `quota_${a.quota}`);
  } else if (outcome === 'token') {
    // A refused token: the attempt counts, and the message goes again at once with a fresh token.
    await repo.updateOutbox(trx, row.id, {
      status: 'queued',
      last_reply: reply,
      last_error: 'auth',
      next_attempt_at: null,
      updated_at: now,
    });
  } else if (outcome === 'paused') {
    // Not the message's fault: back in the queue as it was, the queue waits for the mailbox.
    await repo.updateOutbox(trx, row.id, {
      status: 'queued',
      attempts: row.attempts,
      last_reply: reply,
      last_error: 'auth',
      updated_at: now,
    });
  } else {
    const at = new Date(Date.parse(now) + a.retryDelayMs).toISOString();
    const reason =
      error?.code === 'ETIMEDOUT' || /timeout/i.test(error?.message ?? '')
        ? 'timeout'
        : error?.responseCode
          ? 'deferred'
          : 'network';
    await repo.updateOutbox(trx, row.id, {
      status: 'queued',
      last_reply: reply,
      last_error: reason,
      next_attempt_at: at,
      updated_at: now,
    });
  }
}
