import { z } from 'zod';
import { defineCall, defineEvent } from './define';
import { id, isoTime, multiline, noInput } from './fields';
import { partyKind } from './parties.api';
import { isoDate, voucherType } from './vouchers.api';

export const bulkOptions = z
  .object({
    /** One voucher type, or absent for all types. */
    type: voucherType.optional(),
    range: z.discriminatedUnion('by', [
      z.object({ by: z.literal('number'), from: z.int().min(1), to: z.int().min(1) }).strict(),
      z.object({ by: z.literal('date'), from: isoDate, to: isoDate }).strict(),
    ]),
    party: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('all') }).strict(),
        z.object({ mode: z.literal('party'), partyId: id }).strict(),
        z.object({ mode: z.literal('kind'), kind: partyKind }).strict(),
      ])
      .default({ mode: 'all' }),
    includeCancelled: z.boolean().default(false),
    skipAlreadySent: z.boolean().default(true),
    /** Each document in its own language, or all in one. */
    language: z.enum(['document', 'ar', 'en']).default('document'),
    cc: z.array(z.string().max(320)).max(10).default([]),
    note: multiline(4000).default(''),
  })
  .strict();
export type BulkOptions = z.infer<typeof bulkOptions>;

export const skipReason = z.enum(['no_address', 'invalid_address', 'already_sent', 'cancelled']);

const previewDocument = z.object({
  voucherId: id,
  type: voucherType,
  number: z.int(),
  date: isoDate,
  partyName: z.string(),
  to: z.array(z.string()),
  skip: skipReason.nullable(),
});

export const bulkPreview = z.object({
  messages: z.int(),
  recipients: z.int(),
  cost: z.int(),
  balance: z.int().nullable(),
  skipped: z.record(skipReason, z.int()),
  /** The first documents in sending order, sent or skipped with the reason. */
  documents: z.array(previewDocument),
  total: z.int(),
  /** The mailbox's limits the bulk will keep to, for "about 3 days at 500 a day". */
  pace: z.object({ recipientsPerDay: z.int().nullable(), messagesPerMinute: z.int().nullable() }),
});

export const bulkTally = z.object({
  sent: z.int(),
  /** Of those sent, the messages a recipient bounced for (read back over IMAP). */
  bounced: z.int(),
  failed: z.int(),
  waiting: z.int(),
  skipped: z.int(),
  cancelled: z.int(),
  total: z.int(),
  /** When the next waiting message may go, while the mailbox's limits hold them back; else null. */
  nextSlot: isoTime.nullable(),
});

export const bulkSend = z.object({
  id,
  number: z.int(),
  status: z.enum(['running', 'paused', 'cancelled', 'done']),
  options: bulkOptions,
  tally: bulkTally,
  createdAt: isoTime,
});
export type BulkSend = z.infer<typeof bulkSend>;

export const bulkApi = {
  'bulk.preview': defineCall({
    permission: 'send_bulk',
    summary:
      'Before sending: how many messages and recipient addresses, the credit cost against the balance, the documents and those skipped with the reason.',
    input: z.object({ options: bulkOptions }).strict(),
    output: bulkPreview,
  }),
  'bulk.start': defineCall({
    permission: 'send_bulk',
    summary:
      'Create the bulk-email voucher and start queuing its messages in batches. Refused when the cost exceeds the balance, unless limitToBalance sends only as many as it covers, in order.',
    input: z.object({ options: bulkOptions, limitToBalance: z.boolean().default(false) }).strict(),
    output: bulkSend,
  }),
  'bulk.testSend': defineCall({
    permission: 'send_bulk',
    summary: 'Send the first document of the batch to one address (one credit) before the rest.',
    input: z.object({ options: bulkOptions, to: z.string().max(320) }).strict(),
    output: z.object({ outboxId: id }),
  }),
  'bulk.get': defineCall({
    permission: 'send_bulk',
    summary: 'A bulk-email voucher with its live tally.',
    input: z.object({ id }).strict(),
    output: bulkSend,
  }),
  'bulk.list': defineCall({
    permission: 'send_bulk',
    summary: 'Bulk-email vouchers, newest first.',
    input: noInput,
    output: z.object({ items: z.array(bulkSend) }),
  }),
  'bulk.pause': defineCall({
    permission: 'send_bulk',
    summary: 'Stop queuing more of this bulk for now.',
    input: z.object({ id }).strict(),
    output: bulkSend,
  }),
  'bulk.resume': defineCall({
    permission: 'send_bulk',
    summary: 'Go on queuing this bulk.',
    input: z.object({ id }).strict(),
    output: bulkSend,
  }),
  'bulk.cancel': defineCall({
    permission: 'send_bulk',
    summary: 'Cancel what this bulk has not sent yet; the credits of those messages come back.',
    input: z.object({ id }).strict(),
    output: bulkSend,
  }),
};

export const bulkEvents = {
  'bulk.progress': defineEvent({
    summary: 'A bulk send moved on: its status and tally.',
    payload: z.object({ id, status: bulkSend.shape.status, tally: bulkTally }),
  }),
};
