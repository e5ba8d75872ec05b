import type { Kysely } from 'kysely';
import type { SendingLimits } from '../../src-shared/api/mailbox.api';
import type { Database } from '../book/schema';
import * as repo from './outbox.repo';

const MINUTE = 60_000;
const DAY = 24 * 3_600_000;

export type LimitReason = 'minute_limit' | 'daily_limit';

/**
 * When a message of `recipients` recipients may go under the mailbox's limits, counted from the
 * messages sent in the last minute and the last 24 hours (rolling): null now, else the moment the
 * window frees enough, and which limit holds it.
 */
export async function nextSlot(
  db: Kysely<Database>,
  limits: SendingLimits,
  recipients: number,
  now: Date,
): Promise<{ at: Date; reason: LimitReason } | null> {
  // Both windows are asked: the message goes when the later of them frees.
  const slots = [await minuteSlot(db, limits, now), await daySlot(db, limits, recipients, now)];
  return slots.reduce<{ at: Date; reason: LimitReason } | null>(
    (later, slot) => (slot && (!later || slot.at > later.at) ? slot : later),
    null,
  );
}

async function minuteSlot(db: Kysely<Database>, limits: SendingLimits, now: Date) {
  const perMinute = limits.messagesPerMinute;
  if (perMinute !== null) {
    const since = new Date(now.getTime() - MINUTE);
    const { messages } = await repo.sentSince(db, since.toISOString());
    if (messages >= perMinute) {
      // The window frees when the oldest message that keeps it full leaves it.
      const sent = await repo.sentTimesSince(db, since.toISOString());
      const freeing = sent[messages - perMinute]!;
      return { at: new Date(Date.parse(freeing.sent_at) + MINUTE), reason: 'minute_limit' as const };
    }
  }
  return null;
}

async function daySlot(db: Kysely<Database>, limits: SendingLimits, recipients: number, now: Date) {
  const perDay = limits.recipientsPerDay;
  if (perDay !== null) {
    const since = new Date(now.getTime() - DAY);
    let { recipients: counted } = await repo.sentSince(db, since.toISOString());
    if (counted > 0 && counted + recipients > perDay) {
      for (const sent of await repo.sentTimesSince(db, since.toISOString())) {
        counted -= sent.recipients;
        // A message larger than the whole day's allowance goes alone, once the day is empty.
        if (counted + recipients <= perDay || counted === 0)
          return { at: new Date(Date.parse(sent.sent_at) + DAY), reason: 'daily_limit' as const };
      }
    }
  }
  return null;
}
