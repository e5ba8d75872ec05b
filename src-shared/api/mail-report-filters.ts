import { z } from 'zod';
import { id } from './fields';
import { isoDate, voucherType } from './vouchers.api';

/**
 * Where a message stands in the outbox. `bounced`: sent, and the mailbox later received a bounce for
 * at least one of its recipients (the others stay delivered).
 */
export const outboxStatus = z.enum(['queued', 'sending', 'sent', 'bounced', 'failed', 'held', 'cancelled']);
export type OutboxStatus = z.infer<typeof outboxStatus>;

/** What the mail report shows (also what its printed copy shows). Kept apart so print.api can use it without a cycle. */
export const mailReportFilters = z
  .object({
    from: isoDate,
    to: isoDate,
    userId: z.string().max(40).optional(),
    partyId: id.optional(),
    docType: z.union([voucherType, z.literal('statement')]).optional(),
    status: outboxStatus.optional(),
    bulkId: id.optional(),
    search: z.string().max(200).default(''),
  })
  .strict();
export type MailReportFilters = z.infer<typeof mailReportFilters>;
