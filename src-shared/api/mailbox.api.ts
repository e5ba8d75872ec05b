import { z } from 'zod';
import { defineCall } from './define';
import { line, noInput } from './fields';

export const smtpSecurity = z.enum(['tls', 'starttls', 'none']);
export type SmtpSecurity = z.infer<typeof smtpSecurity>;

const mailboxFields = {
  displayName: line(100),
  address: z.string().max(254),
  replyTo: z.string().max(254),
  host: line(253),
  port: z.int().min(1).max(65535),
  security: smtpSecurity,
  username: line(254),
};

/** The sender mailbox as the renderer sees it: never the password, only whether one is saved. */
export const mailbox = z.object({ ...mailboxFields, passwordSaved: z.boolean() });
export type Mailbox = z.infer<typeof mailbox>;

/** What the form sends. `password` absent keeps the saved one; `clearPassword` removes it. */
export const mailboxInput = z
  .object({
    ...mailboxFields,
    password: z.string().max(512).optional(),
    clearPassword: z.boolean().optional(),
  })
  .strict();
export type MailboxInput = z.infer<typeof mailboxInput>;

/** What a connection test or test send found, one reason each, shown in the user's language. */
export const smtpOutcome = z.enum([
  'ok',
  'not_configured',
  'dns',
  'refused',
  'timeout',
  'tls',
  'auth',
  'rejected',
  'error',
]);
export type SmtpOutcome = z.infer<typeof smtpOutcome>;

const smtpResult = z.object({
  outcome: smtpOutcome,
  /** The server's own words (or the network error), for the curious and for support. */
  reply: z.string().nullable(),
});

export const mailboxApi = {
  'mailbox.get': defineCall({
    permission: 'edit_company',
    summary: 'The sender mailbox all mail goes through (no password, only whether one is saved).',
    input: noInput,
    output: mailbox,
  }),
  'mailbox.save': defineCall({
    permission: 'edit_company',
    summary: 'Save the sender mailbox; the password goes to the secret store, never the book.',
    input: mailboxInput,
    output: mailbox,
  }),
  'mailbox.testConnection': defineCall({
    permission: 'edit_company',
    summary: 'Connect and log in to the SMTP server (the form as typed, or the saved mailbox).',
    input: z.object({ draft: mailboxInput.optional() }).strict(),
    output: smtpResult,
  }),
  'mailbox.sendTest': defineCall({
    permission: 'edit_company',
    summary: 'Send a short test message to one address and report the server reply.',
    input: z.object({ to: z.string().max(254), draft: mailboxInput.optional() }).strict(),
    output: smtpResult.extend({ messageId: z.string().nullable() }),
  }),
};
