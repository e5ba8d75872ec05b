import type { BulkOptions } from '../../src-shared/api/bulk.api';
import { parseAddressList } from '../../src-shared/email/addresses';
import { messageCost } from '../../src-shared/email/pricing';
import type { Services } from '../registry';

type Skip = 'no_address' | 'invalid_address' | 'already_sent' | 'cancelled';

/** A card's addresses for a bulk, or why it is skipped. */
export const addressesOf = (emails: string) => {
  if (!emails) return { skip: 'no_address' as const, to: [] };
  const parsed = parseAddressList(emails);
  return parsed.ok
    ? { skip: null, to: parsed.addresses.map((a) => a.address) }
    : { skip: 'invalid_address' as const, to: [] };
};

/** Counts and cost of a bulk before anything is sent; aggregated per party in SQL. */
export async function previewBulk(services: Services, o: BulkOptions, balance: number | null) {
  const skipped: Record<Skip, number> = { no_address: 0, invalid_address: 0, already_sent: 0, cancelled: 0 };
  let messages = 0;
  let recipients = 0;
  let cost = 0;
  let total = 0;
  const { parties, documents: firstDocuments } = await services.reads.run('bulkPreview', o);
  for (const p of parties) {
    const n = Number(p.n);
    const cancelled = Number(p.cancelled);
    total += n;
    if (!o.includeCancelled) skipped.cancelled += cancelled;
    const candidates = o.includeCancelled ? n : n - cancelled;
    const { skip, to } = addressesOf(p.emails);
    if (skip) {
      skipped[skip] += candidates;
      continue;
    }
    const sent = o.skipAlreadySent ? Number(o.includeCancelled ? p.sentAll : p.sentActive) : 0;
    skipped.already_sent += sent;
    const count = candidates - sent;
    messages += count;
    recipients += count * messageCost(to, o.cc);
    cost += count * messageCost(to, o.cc);
  }
  const documents = firstDocuments.map((d) => {
    const { skip, to } = addressesOf(d.emails);
    const reason: Skip | null =
      d.status === 'cancelled' && !o.includeCancelled
        ? 'cancelled'
        : skip
          ? skip
          : o.skipAlreadySent && Number(d.sent)
            ? 'already_sent'
            : null;
    return { voucherId: d.id, type: d.type, number: d.number, date: d.date, partyName: d.partyName, to, skip: reason };
  });
  return { messages, recipients, cost, balance, skipped, documents, total };
}
