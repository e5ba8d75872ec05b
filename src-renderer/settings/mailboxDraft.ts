import type {
  Mailbox,
  MailboxInput,
  OAuthProviderId,
  SendingLimits,
  SmtpSecurity,
} from '../../src-shared/api/mailbox.api';
import { MAIL_PRESETS, type MailPresetId } from '../../src-shared/email/mail-presets';
import type { ServerFields } from '../../src-shared/email/same-server';
import { imapDraftOf, imapOf, type ImapDraft } from './ImapFieldset';

const DEFAULT_PORT: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

/** How the form signs in: a password, or OAuth2 with one provider. */
export type SignInMethod = 'password' | OAuthProviderId;
export type LimitKey = keyof SendingLimits;
export const LIMIT_KEYS: LimitKey[] = ['recipientsPerMessage', 'messagesPerMinute', 'recipientsPerDay'];

/** The mailbox as the form holds it: numbers as typed, the sign-in method, passwords only when typed. */
export type MailboxDraft = Omit<MailboxInput, 'port' | 'signIn' | 'limits' | 'imap' | 'imapPassword'> & {
  port: string;
  imap: ImapDraft;
  imapPassword: string;
  method: SignInMethod;
  oauthIssuer: string;
  oauthClientId: string;
  /** Each limit as typed; empty: no limit. */
  limits: Record<LimitKey, string>;
};

const limitText = (n: number | null) => (n === null ? '' : String(n));
/** Limits as the form shows them: each as text, empty for none. */
const limitsText = (limits: SendingLimits): MailboxDraft['limits'] => ({
  recipientsPerMessage: limitText(limits.recipientsPerMessage),
  messagesPerMinute: limitText(limits.messagesPerMinute),
  recipientsPerDay: limitText(limits.recipientsPerDay),
});

export const draftOf = (m: Mailbox): MailboxDraft => ({
  displayName: m.displayName,
  address: m.address,
  replyTo: m.replyTo,
  host: m.host,
  port: String(m.port),
  security: m.security,
  username: m.username,
  password: '',
  clearPassword: false,
  method: m.signIn === 'oauth2' ? m.oauth.provider : 'password',
  preset: m.preset,
  limits: limitsText(m.limits),
  oauthIssuer: m.oauth.issuer,
  oauthClientId: m.oauth.clientId,
  imap: imapDraftOf(m.imap),
  imapPassword: '',
});

/** The form's SMTP server as the core compares it with the saved one (a changed one needs the password again). */
export const smtpServerOf = (d: MailboxDraft): ServerFields => ({
  host: d.host,
  port: Number(d.port),
  security: d.security,
  username: d.username,
});

/** What the core is sent to save or test: a password only when typed, limits as numbers or none. */
export const inputOf = (draft: MailboxDraft): MailboxInput => {
  const { method, oauthIssuer: _issuer, oauthClientId: _clientId, limits, imap, imapPassword, ...fields } = draft;
  const limit = (text: string) => (text.trim() ? Number(text) : null);
  return {
    ...fields,
    limits: {
      recipientsPerMessage: limit(limits.recipientsPerMessage),
      messagesPerMinute: limit(limits.messagesPerMinute),
      recipientsPerDay: limit(limits.recipientsPerDay),
    },
    port: Number(draft.port),
    imap: imapOf(imap),
    imapPassword: imapPassword || undefined,
    password: method === 'password' && draft.password ? draft.password : undefined,
    clearPassword: draft.clearPassword || undefined,
    signIn: method === 'password' ? 'password' : 'oauth2',
  };
};

/** A new security setting brings its usual port, unless the user typed their own. */
export const withSecurity = (d: MailboxDraft, security: SmtpSecurity): MailboxDraft => ({
  ...d,
  security,
  port: d.port === String(DEFAULT_PORT[d.security]) ? String(DEFAULT_PORT[security]) : d.port,
});

/** A provider's preset fills the server, security, sign-in and its limits (all still editable). */
export const withPreset = (d: MailboxDraft, preset: MailPresetId): MailboxDraft => {
  if (preset === 'other') return { ...d, preset };
  const p = MAIL_PRESETS[preset];
  return {
    ...d,
    preset,
    host: p.host,
    port: String(p.port),
    security: p.security,
    method: p.signIn.kind === 'oauth2' ? p.signIn.provider : 'password',
    limits: limitsText(p.limits),
    imap: {
      ...d.imap,
      host: p.imap.host,
      port: String(p.imap.port),
      security: p.imap.security,
      sentCopy: p.imap.sentCopy,
    },
  };
};
