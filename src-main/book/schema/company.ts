/** One row (id = 1): the company printed on every document. */
export interface CompanyTable {
  id: number;
  name_ar: string;
  name_en: string;
  address: string;
  phone: string;
  tax_number: string;
  /** data: URL of a PNG or JPEG, or null. */
  logo: string | null;
  default_currency: string;
  /** The tax rate new invoice lines start with, in basis points (1600 = 16 %). */
  default_tax_bp: number;
  updated_at: string;
}

/** One row (id = 1): the sender mailbox. The password is in the secret store, never here. */
export interface MailboxTable {
  id: number;
  display_name: string;
  address: string;
  reply_to: string;
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  /** How the mailbox signs in: a password (in the secret store) or OAuth2 (its refresh token there). */
  sign_in: 'password' | 'oauth2';
  oauth_provider: 'microsoft' | 'google' | 'other';
  /** The provider's issuer URL, as signed in with (other providers; presets keep theirs in code). */
  oauth_issuer: string;
  oauth_client_id: string;
  /** Who signed in, shown to the user; empty while no one has. */
  oauth_account: string;
  /** The provider preset the form started from (gmail, microsoft365, …, other). */
  preset: string;
  /** Sending limits the outbox keeps; null: none. */
  limit_per_message: number | null;
  limit_per_minute: number | null;
  limit_per_day: number | null;
  /** Reading the mailbox over IMAP (bounces, the Sent copy): 1 on, 0 off. */
  imap_enabled: number;
  imap_host: string;
  imap_port: number;
  imap_security: 'tls' | 'starttls' | 'none';
  /** Empty: the SMTP user name (and the same password or OAuth2 sign-in). */
  imap_username: string;
  /** 1: append each sent message to the Sent folder (for servers that keep no copy of SMTP mail). */
  sent_copy: number;
  /** Empty: the folder the server marks \Sent. */
  sent_folder: string;
  /** When reading was switched on: mail older than this is never read. */
  imap_since: string | null;
  updated_at: string;
}
