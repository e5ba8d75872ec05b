import type { TFunction } from 'i18next';
import type { OutboxStatus } from '../../src-shared/api/mail-report-filters';

/** What the window offers and shows for a message in one status. */
interface StatusTraits {
  /** *Retry now*: a message waiting, held or given up on can go again. */
  retry: boolean;
  /** *Cancel* (its credits come back): only before it has gone. */
  cancel: boolean;
  /** Its last error is why it waits or stopped; once sent or bounced, the error is history. */
  showsLastError: boolean;
  /** When it goes next: only a queued message has a next attempt. */
  showsNextAttempt: boolean;
}

/**
 * Every outbox status, in the order the lists and filters show them: the one table the outbox, the
 * mail report and its message details read (the words are `mail.statuses.*`).
 */
export const OUTBOX_STATUS: Record<OutboxStatus, StatusTraits> = {
  queued: { retry: true, cancel: true, showsLastError: true, showsNextAttempt: true },
  sending: { retry: false, cancel: false, showsLastError: true, showsNextAttempt: false },
  sent: { retry: false, cancel: false, showsLastError: false, showsNextAttempt: false },
  bounced: { retry: false, cancel: false, showsLastError: false, showsNextAttempt: false },
  failed: { retry: true, cancel: false, showsLastError: true, showsNextAttempt: false },
  held: { retry: true, cancel: true, showsLastError: true, showsNextAttempt: false },
  cancelled: { retry: false, cancel: false, showsLastError: true, showsNextAttempt: false },
};

export const OUTBOX_STATUSES = Object.keys(OUTBOX_STATUS) as OutboxStatus[];

/** A message's status in the user's language. */
export const statusWord = (t: TFunction, status: OutboxStatus): string => t(`mail.statuses.${status}`);
