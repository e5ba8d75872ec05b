import { z } from 'zod';
import { defineCall, defineEvent } from './define';
import { id, isoTime, language, line, multiline, noInput } from './fields';
import { outboxStatus } from './mail-report-filters';
import { documentTarget } from './print.api';

export { outboxStatus, type OutboxStatus } from './mail-report-filters';

const address = z.string().max(320);

/** What a bounce said about one recipient: given up (bounced) or still trying (delayed). */
export const recipientBounce = z.object({
  recipient: z.string(),
  kind: z.enum(['bounced', 'delayed']),
  /** RFC 3463 status, e.g. 5.1.1 (the address does not exist). */
  status: z.string(),
  /** The receiving server's own words. */
  diagnostic: z.string(),
  at: isoTime,
});
export type RecipientBounce = z.infer<typeof recipientBounce>;

export const outboxRow = z.object({
  id,
  status: outboxStatus,
  /** Bounces read back from the mailbox, per recipient. */
  bounces: z.array(recipientBounce),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  note: z.string(),
  fileName: z.string(),
  pdfSha256: z.string(),
  messageId: z.string(),
  attempts: z.int(),
  nextAttemptAt: isoTime.nullable(),
  lastReply: z.string().nullable(),
  lastError: z.string().nullable(),
  credits: z.int(),
  source: documentTarget,
  sourceTitle: z.string(),
  createdAt: isoTime,
  sentAt: isoTime.nullable(),
});
export type OutboxRow = z.infer<typeof outboxRow>;

export const mailTemplate = z.object({ subject: line(300), body: multiline(4000) });
export const templateKinds = z.enum(['invoice', 'return', 'receipt', 'payment', 'payslip', 'statement']);
export type TemplateKind = z.infer<typeof templateKinds>;
export const mailTemplates = z.record(templateKinds, z.object({ ar: mailTemplate, en: mailTemplate }));
export type MailTemplates = z.infer<typeof mailTemplates>;

/** Why the queue is paused: the mailbox refused the login, no mailbox is set up, or its OAuth2 sign-in must be renewed. */
/** Why the queue waits. `presence`: this desktop has lost its place on the office server (its own, not the office's queue). */
export const queuePause = z.enum(['auth', 'not_configured', 'signin_required', 'presence']);
export const queueState = z.object({ paused: z.boolean(), reason: queuePause.nullable() });

export const mailApi = {
  'mail.prepare': defineCall({
    permission: 'send_email',
    summary:
      'What the send dialog starts from: the card’s addresses, subject from the template, the attachment (name, size), balance, and any earlier send of this revision.',
    input: z.object({ target: documentTarget }).strict(),
    output: z.object({
      to: z.array(z.string()),
      partyId: id,
      partyKind: z.enum(['customer', 'supplier', 'employee']),
      partyName: z.string(),
      language,
      subject: z.string(),
      fileName: z.string(),
      bytes: z.int(),
      balance: z.int().nullable(),
      alreadySent: z.array(z.object({ at: isoTime, to: z.array(z.string()) })),
    }),
  }),
  'mail.send': defineCall({
    permission: 'send_email',
    summary:
      'Queue a document by email: renders its PDF now, reserves one credit per recipient and writes the outbox row, in one transaction.',
    input: z
      .object({
        target: documentTarget,
        to: z.array(address).min(1).max(50),
        cc: z.array(address).max(50).default([]),
        subject: line(300).min(1),
        note: multiline(4000).default(''),
        /** The user confirmed sending the same revision to the same addresses again. */
        confirmResend: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ id, status: outboxStatus, cost: z.int(), balance: z.int() }),
  }),
  'mail.outbox': defineCall({
    permission: 'view_mail_report',
    summary: 'Outbox rows, newest first, optionally by status.',
    input: z
      .object({
        statuses: z.array(outboxStatus).default([]),
        limit: z.int().min(1).max(500).default(100),
        offset: z.int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(outboxRow), total: z.int(), queue: queueState }),
  }),
  'mail.retry': defineCall({
    permission: 'send_email',
    summary: 'Try a queued, held or failed message again now (a failed one reserves its credits again).',
    input: z.object({ id }).strict(),
    output: outboxRow,
  }),
  'mail.cancel': defineCall({
    permission: 'send_email',
    summary: 'Cancel a message not yet sent; its credits come back.',
    input: z.object({ id }).strict(),
    output: outboxRow,
  }),
  'mail.resume': defineCall({
    permission: 'send_email',
    summary: 'Resume a queue paused by an authentication failure (after fixing the mailbox).',
    input: noInput,
    output: queueState,
  }),
  'mail.templates': defineCall({
    permission: 'edit_company',
    summary: 'The subject and body templates per document type and language.',
    input: noInput,
    output: mailTemplates,
  }),
  'mail.saveTemplates': defineCall({
    permission: 'edit_company',
    summary: 'Replace the templates. Placeholders: {company} {document} {number} {date} {amount} {party}.',
    input: mailTemplates,
    output: mailTemplates,
  }),
};

export const mailEvents = {
  'mail.bounced': defineEvent({
    summary:
      'A message of Daftar’s bounced for a recipient (read from the mailbox over IMAP), or its delivery is delayed.',
    payload: z.object({
      id,
      sourceTitle: z.string(),
      recipient: z.string(),
      kind: z.enum(['bounced', 'delayed']),
      /** RFC 3463 status, e.g. 5.1.1. */
      status: z.string(),
    }),
  }),
  'mail.changed': defineEvent({
    summary: 'An outbox message changed state (queued, sent, failed, …), or the queue paused/resumed.',
    payload: z.object({
      id: id.nullable(),
      status: outboxStatus.nullable(),
      lastError: z.string().nullable(),
      sourceTitle: z.string().nullable(),
      queue: queueState,
    }),
  }),
};
