import { ImapFlow } from 'imapflow';
import { rootCertificates } from 'node:tls';
import type { ImapSettings, MailboxInput, SmtpOutcome } from '../../../src-shared/api/mailbox.api';
import { AppError } from '../../../src-shared/errors';
import { readMailbox, type MailboxRow } from '../../company/company.repo';
import { oauthTargetOf, resolveMailbox } from '../../mailbox/mailbox-account';
import type { OAuthGrant } from '../../mailbox/oauth/oauth-grant';
import { refuseSecretInClear, sameServer, type ServerFields } from '../../mailbox/secret-binding';
import type { Services } from '../../registry';

import { IMAP_PASSWORD_KEY, SMTP_PASSWORD_IMAP_KEY } from '../../secrets/secret-names';
import { MAIL_PRESETS } from '../../../src-shared/email/mail-presets';

export { IMAP_PASSWORD_KEY, SMTP_PASSWORD_IMAP_KEY };

/** An IMAP server without its user name: what the SMTP password is bound to when read with it. */
export type ImapServer = Pick<ServerFields, 'host' | 'port' | 'security'>;

const sameImapServer = (a: ImapServer, b: ImapServer) => sameServer({ ...a, username: '' }, { ...b, username: '' });

/** The IMAP server the SMTP password was typed with, kept beside it in the secret store (never the book). */
export async function imapServerOfPassword(secrets: Services['ports']['secrets']): Promise<ImapServer | null> {
  const kept = await secrets.get(SMTP_PASSWORD_IMAP_KEY);
  if (!kept) return null;
  const { host, port, security } = JSON.parse(kept) as ImapServer;
  return { host, port, security };
}

/** Keep (or, given null, forget) the IMAP server the SMTP password was typed with. */
export async function bindPasswordToImap(secrets: Services['ports']['secrets'], server: ImapServer | null) {
  if (!server || !server.host.trim()) return secrets.delete(SMTP_PASSWORD_IMAP_KEY);
  const { host, port, security } = server;
  await secrets.set(SMTP_PASSWORD_IMAP_KEY, JSON.stringify({ host: host.trim().toLowerCase(), port, security }));
}

/**
 * Whether the SMTP password (saved for `smtpHost`) may sign in to this IMAP server: the one it was
 * typed with, or without that (a book saved before it was kept) the very host it is sent to already,
 * or the IMAP server of the same provider (a preset's pair, e.g. smtp.gmail.com and imap.gmail.com).
 */
export function passwordMayGoToImap(smtpHost: string, imap: ImapServer, bound: ImapServer | null): boolean {
  if (bound) return sameImapServer(imap, bound);
  const smtp = smtpHost.trim().toLowerCase();
  const host = imap.host.trim().toLowerCase();
  return (
    smtp === host || Object.values(MAIL_PRESETS).some((preset) => preset.host === smtp && preset.imap.host === host)
  );
}

/** Everything needed to read the company mailbox, its secret included (main process only). */
export interface ImapAccount {
  host: string;
  port: number;
  security: ImapSettings['security'];
  username: string;
  auth: { kind: 'password'; password: string } | { kind: 'oauth2'; accessToken: string };
  sentCopy: boolean;
  sentFolder: string;
}

export const imapSettingsOf = (row: MailboxRow): ImapSettings => ({
  enabled: row.imap_enabled === 1,
  host: row.imap_host,
  port: row.imap_port,
  security: row.imap_security,
  username: row.imap_username,
  sentCopy: row.sent_copy === 1,
  sentFolder: row.sent_folder,
});

/** The IMAP server its own saved password belongs to. */
export const imapServerOf = (settings: ImapSettings): ServerFields => ({
  host: settings.host,
  port: settings.port,
  security: settings.security,
  username: settings.username,
});

/**
 * The IMAP side of the mailbox, from the form as typed or the saved one. An empty IMAP user name
 * signs in as SMTP does (the same password, or the same OAuth2 grant); another uses its own password.
 */
export async function resolveImapAccount(
  services: Pick<Services, 'book' | 'ports'>,
  grant: OAuthGrant,
  draft?: MailboxInput,
): Promise<ImapAccount> {
  const row = await readMailbox(services.book.db);
  const settings = draft ? (draft.imap ?? imapSettingsOf(row)) : imapSettingsOf(row);
  const host = settings.host.trim();
  if (!host) throw AppError.invalidField('imap.host', 'required');
  const own = settings.username.trim();
  const common = {
    host,
    port: settings.port,
    security: settings.security,
    sentCopy: settings.sentCopy,
    sentFolder: settings.sentFolder.trim(),
  };
  if (own) {
    // The saved IMAP password only for the server it was saved for (secret-binding.ts).
    const saved = sameServer({ ...common, username: own }, imapServerOf(imapSettingsOf(row)))
      ? await services.ports.secrets.get(IMAP_PASSWORD_KEY)
      : null;
    const password = draft?.imapPassword || (saved ?? '');
    if (password) refuseSecretInClear('imap.security', common);
    return { ...common, username: own, auth: { kind: 'password', password } };
  }
  const { account } = await resolveMailbox(services, grant, draft);
  // The sign-in's token goes to an IMAP server it was given for, the saved settings' included.
  if (account.auth.kind === 'oauth2' && !(await grant.mayReach(oauthTargetOf(row), host)))
    throw AppError.because('signin_required', 'The IMAP server is not one this sign-in was given for: sign in again');
  if (account.auth.kind === 'oauth2') {
    refuseSecretInClear('imap.security', common);
    return { ...common, username: account.username, auth: { kind: 'oauth2', accessToken: account.auth.accessToken } };
  }
  const password = account.auth.password ?? '';
  // The saved password goes only to the IMAP server it was typed with (checked on every connection,
  // the reader's included): an editor who names another must not be handed it. One typed in this form goes.
  if (
    password &&
    !draft?.password &&
    !passwordMayGoToImap(row.host, common, await imapServerOfPassword(services.ports.secrets))
  )
    throw AppError.because(
      'imap_password_unbound',
      'The mailbox password was not typed for this IMAP server: type it again and save',
    );
  if (password) refuseSecretInClear('imap.security', common);
  return { ...common, username: account.username, auth: { kind: 'password', password } };
}

export interface ImapOptions {
  /** Extra trusted CAs (PEM) besides the system's. */
  ca: string[];
  timeoutMs: number;
}

export function createImapClient(account: ImapAccount, options: ImapOptions): ImapFlow {
  return new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    doSTARTTLS: account.security === 'starttls' ? true : account.security === 'none' ? false : undefined,
    auth:
      account.auth.kind === 'oauth2'
        ? { user: account.username, accessToken: account.auth.accessToken }
        : { user: account.username, pass: account.auth.password },
    tls: options.ca.length > 0 ? { ca: [...rootCertificates, ...options.ca] } : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: Math.max(options.timeoutMs * 3, 5 * 60_000),
    logger: false,
    // Never mark anything read: Daftar only looks.
    disableAutoIdle: true,
  });
}

interface ImapErrorLike {
  code?: string;
  message?: string;
  authenticationFailed?: boolean;
  responseText?: string;
}

/** Which of the reasons the user can act on this error is (the SMTP test's reasons). */
export function classifyImapError(error: unknown): SmtpOutcome {
  const e = (error ?? {}) as ImapErrorLike;
  const text = `${e.code ?? ''} ${e.message ?? ''}`;
  if (e.authenticationFailed || /AUTHENTICATIONFAILED|authenticat/i.test(`${e.responseText ?? ''} ${text}`))
    return 'auth';
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(text)) return 'dns';
  if (/ECONNREFUSED/.test(text)) return 'refused';
  if (/ETIMEDOUT|timed? ?out/i.test(text)) return 'timeout';
  if (/certificate|self[- ]signed|SSL|TLS|wrong version number/i.test(text)) return 'tls';
  return 'error';
}

export const imapReply = (error: unknown): string => {
  const e = (error ?? {}) as ImapErrorLike;
  return e.responseText ?? e.message ?? String(error);
};

/** The folder a Sent copy goes to: the one named in the settings, else the one the server marks \Sent. */
export async function findSentFolder(client: ImapFlow, named: string): Promise<string | null> {
  const folders = await client.list();
  if (named) return folders.find((f) => f.path === named)?.path ?? null;
  return folders.find((f) => f.specialUse === '\\Sent')?.path ?? null;
}
