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

/**
 * The messages in the window, oldest first: those sent, and those another desktop of the office is
 * sending now (from when it took them). Counting only the sent would let two desktops pass one limit.
 */
async function sentAndFlying(
  db: Kysely<Database>,
  since: Date,
  flying: { sent_at: string; recipients: number }[],
): Promise<{ sent_at: string; recipients: number }[]> {
  const sent = await repo.sentTimesSince(db, since.toISOString());
  return [...sent, ...flying].sort((x, y) => Date.parse(x.sent_at) - Date.parse(y.sent_at));
}

async function minuteSlot(db: Kysely<Database>, limits: SendingLimits, now: Date) {
  const perMinute = limits.messagesPerMinute;
  if (perMinute !== null) {
    const since = new Date(now.getTime() - MINUTE);
    const flying = await repo.inFlightSince(db, since.toISOString());
    const messages = (await repo.sentSince(db, since.toISOString())).messages + flying.length;
    if (messages >= perMinute) {
      // The window frees when the oldest message that keeps it full leaves it.
      const sent = await sentAndFlying(db, since, flying);
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
    const flying = await repo.inFlightSince(db, since.toISOString());
    let counted =
      (await repo.sentSince(db, since.toISOString())).recipients + flying.reduce((sum, m) => sum + m.recipients, 0);
    if (counted > 0 && counted + recipients > perDay) {
      for (const sent of await sentAndFlying(db, since, flying)) {
        counted -= sent.recipients;
        // A message larger than the whole day's allowance goes alone, once the day is empty.
        if (counted + recipients <= perDay || counted === 0)
          return { at: new Date(Date.parse(sent.sent_at) + DAY), reason: 'daily_limit' as const };
      }
    }
  }
  return null;
}
