import type { Mailbox } from '../../src-shared/api/mailbox.api';
import { MAIL_PRESET_IDS, type MailPresetId } from '../../src-shared/email/mail-presets';
import { limitsOf, type MailboxRow } from '../company/company.repo';
import { imapSettingsOf } from '../mail/imap/imap-account';

/** A test message read back with no verdict of the receiving server in it. */
export const NOT_JUDGED = { judgedBy: null, results: [] };

/** The mailbox as the window sees it: its settings, and which secrets are saved (never the secrets). */
export const toMailbox = (
  row: MailboxRow,
  saved: { password: boolean; refreshToken: boolean; imapPassword: boolean },
): Mailbox => ({
  displayName: row.display_name,
  address: row.address,
  replyTo: row.reply_to,
  host: row.host,
  port: row.port,
  security: row.security,
  username: row.username,
  passwordSaved: saved.password,
  signIn: row.sign_in,
  oauth: { provider: row.oauth_provider, issuer: row.oauth_issuer, clientId: row.oauth_client_id },
  signedInAs: saved.refreshToken ? row.oauth_account || row.username : null,
  preset: (MAIL_PRESET_IDS as readonly string[]).includes(row.preset) ? (row.preset as MailPresetId) : 'other',
  limits: limitsOf(row),
  imap: imapSettingsOf(row),
  imapPasswordSaved: saved.imapPassword,
});

/** The connection test's message, in the company's language. */
export const TEST_MESSAGE = {
  ar: { subject: 'رسالة تجريبية من دفتر', text: 'هذه رسالة تجريبية من دفتر. إذا وصلتك فصندوق البريد المرسل يعمل.' },
  en: {
    subject: 'Test message from Daftar',
    text: 'This is a test message from Daftar. If it reached you, the sender mailbox works.',
  },
};
