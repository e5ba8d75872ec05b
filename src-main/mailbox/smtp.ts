import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { rootCertificates } from 'node:tls';
import type { SmtpOutcome, SmtpSecurity } from '../../src-shared/api/mailbox.api';

/** Everything needed to reach the company mailbox, password included (main process only). */
export interface SmtpAccount {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  /** A password (possibly none), or an OAuth2 access token for XOAUTH2. */
  auth: { kind: 'password'; password: string | null } | { kind: 'oauth2'; accessToken: string };
}

export interface SmtpOptions {
  /** Extra trusted CAs (PEM) besides the system's. */
  ca: string[];
  timeoutMs: number;
}

export function transportOptions(account: SmtpAccount, options: SmtpOptions): SMTPTransport.Options {
  return {
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    requireTLS: account.security === 'starttls',
    ignoreTLS: account.security === 'none',
    auth:
      account.auth.kind === 'oauth2'
        ? { type: 'OAuth2', user: account.username, accessToken: account.auth.accessToken }
        : account.username
          ? { user: account.username, pass: account.auth.password ?? '' }
          : undefined,
    tls: options.ca.length > 0 ? { ca: [...rootCertificates, ...options.ca] } : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs * 3,
    // Attachments come from Buffers we render; never let a message read files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export const createSmtpTransport = (account: SmtpAccount, options: SmtpOptions) =>
  nodemailer.createTransport(transportOptions(account, options));

interface SmtpErrorLike {
  code?: string;
  message?: string;
  response?: string;
  responseCode?: number;
}

/** Which of the reasons the user can act on this error is. */
export function classifySmtpError(error: unknown): SmtpOutcome {
  const e = (error ?? {}) as SmtpErrorLike;
  const text = `${e.code ?? ''} ${e.message ?? ''}`;
  if (e.code === 'EAUTH') return 'auth';
  if (e.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(text)) return 'dns';
  if (/ECONNREFUSED/.test(text)) return 'refused';
  if (/ETIMEDOUT|timed? ?out/i.test(text)) return 'timeout';
  if (e.code === 'ETLS' || /certificate|self[- ]signed|SSL|TLS|wrong version number/i.test(text)) return 'tls';
  if (e.code === 'EENVELOPE' || (e.responseCode !== undefined && e.responseCode >= 500)) return 'rejected';
  return 'error';
}

export const smtpReply = (error: unknown): string => {
  const e = (error ?? {}) as SmtpErrorLike;
  return e.response ?? e.message ?? String(error);
};
