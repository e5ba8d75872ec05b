import { z } from 'zod';
import { defineCall } from './define';
import { MAIL_PRESET_IDS } from '../email/mail-presets';
import { line, noInput } from './fields';

export const smtpSecurity = z.enum(['tls', 'starttls', 'none']);
export type SmtpSecurity = z.infer<typeof smtpSecurity>;

/** Sending limits kept by the outbox; null: no limit. */
export const sendingLimits = z
  .object({
    recipientsPerMessage: z.int().min(1).max(100_000).nullable(),
    messagesPerMinute: z.int().min(1).max(100_000).nullable(),
    recipientsPerDay: z.int().min(1).max(10_000_000).nullable(),
  })
  .strict();
export type SendingLimits = z.infer<typeof sendingLimits>;
export const NO_LIMITS: SendingLimits = { recipientsPerMessage: null, messagesPerMinute: null, recipientsPerDay: null };

/**
 * Reading the mailbox over IMAP, optional: bounces of what Daftar sent, and a copy of each sent
 * message in the Sent folder for servers that keep none of SMTP mail. An empty user name signs
 * in as the SMTP mailbox does (its password or OAuth2); another has its own password.
 */
export const imapSettings = z
  .object({
    enabled: z.boolean(),
    host: line(253),
    port: z.int().min(1).max(65535),
    security: smtpSecurity,
    username: line(254),
    sentCopy: z.boolean(),
    /** Empty: the folder the server marks \Sent. */
    sentFolder: line(200),
  })
  .strict();
export type ImapSettings = z.infer<typeof imapSettings>;
export const NO_IMAP: ImapSettings = {
  enabled: false,
  host: '',
  port: 993,
  security: 'tls',
  username: '',
  sentCopy: false,
  sentFolder: '',
};

const mailboxFields = {
  displayName: line(100),
  address: z.string().max(254),
  replyTo: z.string().max(254),
  host: line(253),
  port: z.int().min(1).max(65535),
  security: smtpSecurity,
  username: line(254),
  /** Which provider's settings the form started from (Gmail, Microsoft 365, …, other). */
  preset: z.enum(MAIL_PRESET_IDS).default('other'),
  limits: sendingLimits.default(NO_LIMITS),
  imap: imapSettings.default(NO_IMAP),
};

/** How the mailbox signs in to its SMTP server: a password, or OAuth2 with the provider's own sign-in page. */
export const mailboxSignIn = z.enum(['password', 'oauth2']);
/** Whose OAuth2: Microsoft 365 / Outlook.com, Google (Gmail, Workspace), or any OpenID provider by its issuer URL. */
export const oauthProvider = z.enum(['microsoft', 'google', 'other']);
export type OAuthProviderId = z.infer<typeof oauthProvider>;

/** Which OAuth2 provider to sign in with; the issuer and client ID are asked only for "other". */
export const oauthChoice = z
  .object({
    provider: oauthProvider,
    issuer: z.string().trim().max(300).default(''),
    clientId: line(200).default(''),
    /**
     * The SMTP and IMAP servers (host names) the form names: the only ones, besides the provider's
     * own, the sign-in's tokens will go to. Absent: the saved mailbox's.
     */
    servers: z.array(z.string().trim().max(253)).max(2).optional(),
  })
  .strict();
export type OAuthChoice = z.infer<typeof oauthChoice>;

/** The sender mailbox as the renderer sees it: never a password or token, only whether one is saved. */
export const mailbox = z.object({
  ...mailboxFields,
  passwordSaved: z.boolean(),
  signIn: mailboxSignIn,
  oauth: z.object({ provider: oauthProvider, issuer: z.string(), clientId: z.string() }),
  /** The account signed in with OAuth2 ("signed in as …"); null while no one is. */
  signedInAs: z.string().nullable(),
  /** Whether an IMAP password of its own is saved (for an IMAP user name of its own). */
  imapPasswordSaved: z.boolean(),
});
export type Mailbox = z.infer<typeof mailbox>;

/** What the form sends. `password` absent keeps the saved one; `clearPassword` removes it. */
export const mailboxInput = z
  .object({
    ...mailboxFields,
    password: z.string().max(512).optional(),
    clearPassword: z.boolean().optional(),
    /** The IMAP user name's own password; absent keeps the saved one. */
    imapPassword: z.string().max(512).optional(),
    /** Absent: a password (as before OAuth2 existed). */
    signIn: mailboxSignIn.default('password'),
  })
  .strict();
/** What a caller sends (the sign-in kind may be left out: a password). */
export type MailboxInput = z.input<typeof mailboxInput>;

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

/**
 * Whether the sender's domain lets this mailbox's provider send for it (SPF), and what its
 * DMARC policy does to mail that fails. Looked up in DNS; nothing is changed anywhere.
 */
export const domainCheck = z.object({
  domain: z.string(),
  /** checked; offline: no DNS answer (no internet); no_domain: the domain does not exist. */
  outcome: z.enum(['checked', 'offline', 'no_domain']),
  /** Who sends: a preset's provider, or the SMTP host of a mailbox set by hand. */
  sender: z.object({ preset: z.enum(MAIL_PRESET_IDS), host: z.string() }),
  spf: z
    .object({
      /** The domain's SPF record as published; null: none. */
      record: z.string().nullable(),
      /** RFC 7208 result for the provider's sending address. */
      result: z.enum(['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror']),
      /** What the record should gain so the provider may send ("include:spf.protection.outlook.com"). */
      add: z.string().nullable(),
    })
    .nullable(),
  dmarc: z
    .object({
      record: z.string().nullable(),
      policy: z.enum(['none', 'quarantine', 'reject']).nullable(),
      /** The share of failing mail the policy applies to, in percent. */
      percent: z.int(),
    })
    .nullable(),
  /** The provider's usual DKIM selectors and those with a key published; null: none known for this provider. */
  dkim: z.object({ selectors: z.array(z.string()), found: z.array(z.string()) }).nullable(),
});
export type DomainCheck = z.infer<typeof domainCheck>;

/**
 * The test message as it arrived in this mailbox, read back over IMAP: what the receiving server's
 * Authentication-Results header says of it (SPF, DKIM, DMARC): the topmost header whose authserv-id
 * is the mailbox's own receiving server's (RFC 8601 §5), never one a sender added.
 */
export const testReadBack = smtpResult.extend({
  /** The message was found in the INBOX (false: it has not arrived yet, or went to another folder). */
  found: z.boolean(),
  /** The server that judged the message (the header's authserv-id); null: no header. */
  judgedBy: z.string().nullable(),
  results: z.array(
    z.object({
      method: z.enum(['spf', 'dkim', 'dmarc']),
      /** The verdict as the server wrote it: pass, fail, softfail, neutral, none, temperror, permerror… */
      result: z.string(),
      /** Which domain or address it was judged for (smtp.mailfrom, header.d, header.from). */
      subject: z.string().nullable(),
      /** The server's own comment, as it wrote it. */
      comment: z.string().nullable(),
    }),
  ),
});
export type TestReadBack = z.infer<typeof testReadBack>;

/** What the mailbox reader could not do on its last pass on this desktop: the IMAP test's reasons, or the Sent folder. */
export const readerProblem = z.enum([
  'dns',
  'refused',
  'timeout',
  'tls',
  'auth',
  'error',
  'no_sent_folder',
  'password_unbound',
]);
export type ReaderProblem = z.infer<typeof readerProblem>;

/** How reading the mailbox (bounces, Sent copies) goes on this desktop since Daftar started. */
export const readerStatus = z.object({
  /** off: reading is switched off; waiting: not read yet; ok: the last pass did all it had to; failed: see problem. */
  state: z.enum(['off', 'waiting', 'ok', 'failed']),
  problem: readerProblem.nullable(),
  /** The server's own words (or the network error), for support. */
  reply: z.string().nullable(),
  /** When the last pass ended (ISO 8601); null: none yet. */
  at: z.string().nullable(),
  /** Received messages that could not be read (too big or malformed to parse in time) and were skipped. */
  skipped: z.int(),
});
export type ReaderStatus = z.infer<typeof readerStatus>;

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
  'mailbox.startSignIn': defineCall({
    permission: 'edit_company',
    summary:
      "Begin signing the mailbox in with OAuth2 (authorization code with PKCE): answers the provider's page to open; Electron opens it in the system browser (opened), the Node host's window opens a tab. The answer comes back to a loopback address on 127.0.0.1.",
    input: oauthChoice,
    output: z.object({ authorizationUrl: z.string(), opened: z.boolean() }),
  }),
  'mailbox.finishSignIn': defineCall({
    permission: 'edit_company',
    summary:
      'Wait (up to 5 minutes) for the provider to answer the sign-in begun last; keeps the refresh token in the secret store and answers the mailbox, signed in as whom.',
    input: noInput,
    output: mailbox,
  }),
  'mailbox.signOut': defineCall({
    permission: 'edit_company',
    summary: 'Forget the OAuth2 sign-in (its refresh token); the mailbox cannot send until it signs in again.',
    input: noInput,
    output: mailbox,
  }),
  'mailbox.testConnection': defineCall({
    permission: 'edit_company',
    summary: 'Connect and log in to the SMTP server (the form as typed, or the saved mailbox).',
    input: z.object({ draft: mailboxInput.optional() }).strict(),
    output: smtpResult,
  }),
  'mailbox.testImap': defineCall({
    permission: 'edit_company',
    summary:
      'Connect and log in to the IMAP server (the form as typed, or the saved mailbox) and find its Sent folder; the same reasons as the SMTP test.',
    input: z.object({ draft: mailboxInput.optional() }).strict(),
    output: smtpResult.extend({ sentFolder: z.string().nullable() }),
  }),
  'mailbox.readerStatus': defineCall({
    permission: 'edit_company',
    summary:
      "How reading the mailbox goes on this desktop: the last pass's time, and what it could not do (sign in, reach the server, find or make the Sent folder); messages it skipped as unreadable.",
    input: noInput,
    output: readerStatus,
  }),
  'mailbox.checkDomain': defineCall({
    permission: 'edit_company',
    summary:
      "Check the sender domain's SPF and DMARC for this mailbox's provider (the form as typed, or the saved mailbox).",
    input: z.object({ draft: mailboxInput.optional() }).strict(),
    output: domainCheck,
  }),
  'mailbox.sendTest': defineCall({
    permission: 'edit_company',
    summary: 'Send a short test message to one address and report the server reply.',
    input: z.object({ to: z.string().max(254), draft: mailboxInput.optional() }).strict(),
    output: smtpResult.extend({ messageId: z.string().nullable() }),
  }),
  'mailbox.readTestBack': defineCall({
    permission: 'edit_company',
    summary:
      "Find a test message sent to this mailbox's own address in its INBOX (read-only, over IMAP) and answer the receiving server's SPF, DKIM and DMARC verdicts from its Authentication-Results header.",
    input: z.object({ messageId: z.string().min(3).max(998), draft: mailboxInput.optional() }).strict(),
    output: testReadBack,
  }),
};
