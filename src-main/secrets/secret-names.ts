/** The names secrets are kept under. */

export const SMTP_PASSWORD_KEY = 'smtp.password';
export const OAUTH_REFRESH_KEY = 'smtp.oauth.refresh';
/** The servers (SMTP and IMAP hosts) the OAuth2 sign-in may hand its tokens to: fixed when signing in. */
export const OAUTH_HOSTS_KEY = 'smtp.oauth.hosts';
/**
 * The access token last fetched with the refresh token (JSON: token, expiry, sign-in), kept with the
 * sign-in: another desktop of the office, or this one after a restart, uses it until near its end
 * instead of refreshing again.
 */
export const OAUTH_ACCESS_KEY = 'smtp.oauth.access';
export const IMAP_PASSWORD_KEY = 'imap.password';
/**
 * The IMAP server (host, port, security) the mailbox's SMTP password was typed with, for reading
 * with an empty IMAP user name: the only IMAP server besides the SMTP host it may go to.
 */
export const SMTP_PASSWORD_IMAP_KEY = 'smtp.password.imapServer';
export const DEVICE_TOKEN_KEY = 'licensing.deviceToken';
export const ACCOUNT_KEY_KEY = 'licensing.accountKey';
/** This install's id: the licensing server gives its trial once per install. */
export const INSTALL_ID_KEY = 'licensing.installId';

/**
 * The book's secrets, not the desktop's: its mailbox and its place at the licensing server. On an
 * office book every desktop of the office uses the same ones, so they are kept with the book (sealed).
 */
export const BOOK_SECRETS: readonly string[] = [
  SMTP_PASSWORD_KEY,
  OAUTH_REFRESH_KEY,
  OAUTH_HOSTS_KEY,
  OAUTH_ACCESS_KEY,
  IMAP_PASSWORD_KEY,
  SMTP_PASSWORD_IMAP_KEY,
  DEVICE_TOKEN_KEY,
  ACCOUNT_KEY_KEY,
];

/** This desktop's way into the office server: its database password, TLS client key and the office key. */
export const OFFICE_PASSWORD_KEY = 'office.password';
export const OFFICE_CLIENT_KEY_KEY = 'office.clientKey';
export const OFFICE_KEY_KEY = 'office.key';
