/**
 * The mailboxes offices use, with their SMTP settings and published sending limits (2026).
 * Choosing one fills the form; the limits stay editable, since an office's plan may differ.
 * A limit of null means none is known or wanted. Where a provider counts messages, the
 * per-day limit here counts recipients, which is never fewer: it keeps on the safe side.
 * `spfInclude` is what a domain's SPF record includes to let the provider send for it (null:
 * the provider does not send for other domains' addresses); `dkimSelectors` the names under
 * which it publishes a domain's DKIM key by default (none known: not checked). `imap` is where
 * the mailbox is read; these providers keep their own copy of mail sent over SMTP, so Daftar adds
 * none (a hosting mailbox set by hand often keeps none: the form offers it there).
 */
export const MAIL_PRESETS = {
  gmail: {
    host: 'smtp.gmail.com',
    port: 465,
    security: 'tls',
    signIn: { kind: 'oauth2', provider: 'google' },
    spfInclude: '_spf.google.com',
    dkimSelectors: [],
    imap: { host: 'imap.gmail.com', port: 993, security: 'tls', sentCopy: false },
    limits: { recipientsPerMessage: 100, messagesPerMinute: null, recipientsPerDay: 500 },
  },
  workspace: {
    host: 'smtp.gmail.com',
    port: 465,
    security: 'tls',
    signIn: { kind: 'oauth2', provider: 'google' },
    spfInclude: '_spf.google.com',
    dkimSelectors: ['google'],
    imap: { host: 'imap.gmail.com', port: 993, security: 'tls', sentCopy: false },
    limits: { recipientsPerMessage: 100, messagesPerMinute: null, recipientsPerDay: 2000 },
  },
  microsoft365: {
    host: 'smtp.office365.com',
    port: 587,
    security: 'starttls',
    signIn: { kind: 'oauth2', provider: 'microsoft' },
    spfInclude: 'spf.protection.outlook.com',
    dkimSelectors: ['selector1', 'selector2'],
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls', sentCopy: false },
    limits: { recipientsPerMessage: 500, messagesPerMinute: 30, recipientsPerDay: 10000 },
  },
  outlook: {
    host: 'smtp-mail.outlook.com',
    port: 587,
    security: 'starttls',
    signIn: { kind: 'oauth2', provider: 'microsoft' },
    spfInclude: 'spf.protection.outlook.com',
    dkimSelectors: [],
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls', sentCopy: false },
    limits: { recipientsPerMessage: 100, messagesPerMinute: 30, recipientsPerDay: 300 },
  },
  yahoo: {
    host: 'smtp.mail.yahoo.com',
    port: 465,
    security: 'tls',
    signIn: { kind: 'password' },
    spfInclude: null,
    dkimSelectors: [],
    imap: { host: 'imap.mail.yahoo.com', port: 993, security: 'tls', sentCopy: false },
    limits: { recipientsPerMessage: 100, messagesPerMinute: null, recipientsPerDay: 500 },
  },
  zoho: {
    host: 'smtp.zoho.com',
    port: 465,
    security: 'tls',
    signIn: { kind: 'password' },
    spfInclude: 'zohomail.com',
    dkimSelectors: [],
    imap: { host: 'imap.zoho.com', port: 993, security: 'tls', sentCopy: false },
    limits: { recipientsPerMessage: 50, messagesPerMinute: null, recipientsPerDay: 500 },
  },
} as const;

export type MailPresetId = keyof typeof MAIL_PRESETS | 'other';
export const MAIL_PRESET_IDS = [...(Object.keys(MAIL_PRESETS) as (keyof typeof MAIL_PRESETS)[]), 'other'] as const;
