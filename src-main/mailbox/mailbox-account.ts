import type { MailboxInput } from '../../src-shared/api/mailbox.api';
import { validateAddress } from '../../src-shared/email/addresses';
import { AppError, type FieldProblem } from '../../src-shared/errors';
import type { Services } from '../registry';
import { readMailbox, type MailboxRow } from '../company/company.repo';
import type { OAuthGrant } from './oauth/oauth-grant';
import type { OAuthTarget } from './oauth/providers';
import { refuseSecretInClear, sameServer, type ServerFields } from './secret-binding';
import type { SmtpAccount } from './smtp';

import { SMTP_PASSWORD_KEY } from '../secrets/secret-names';

export { SMTP_PASSWORD_KEY };

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

export interface CheckedMailbox {
  displayName: string;
  address: string;
  addressAscii: string;
  replyTo: string;
  replyToAscii: string;
  host: string;
  port: number;
  security: MailboxInput['security'];
  username: string;
}

function checkAddress(path: string, value: string, problems: FieldProblem[]): { address: string; ascii: string } {
  if (!value) return { address: '', ascii: '' };
  const parsed = validateAddress(value);
  if (typeof parsed === 'string') {
    problems.push({ path, reason: `email_${parsed}`, params: { address: value, position: 1 } });
    return { address: value, ascii: value };
  }
  return parsed;
}

/** Validate the mailbox form; `complete` also requires what sending needs (host, sender address). */
export function checkMailbox(input: MailboxInput, complete: boolean): CheckedMailbox {
  const problems: FieldProblem[] = [];
  const host = input.host.trim();
  if (host && !HOSTNAME.test(host) && !(host.includes(':') && IPV6.test(host)))
    problems.push({ path: 'host', reason: 'invalid_host' });
  if (complete && !host) problems.push({ path: 'host', reason: 'required' });
  const address = checkAddress('address', input.address.trim(), problems);
  if (complete && !address.address) problems.push({ path: 'address', reason: 'required' });
  const replyTo = checkAddress('replyTo', input.replyTo.trim(), problems);
  const imapHost = input.imap?.host.trim() ?? '';
  if (imapHost && !HOSTNAME.test(imapHost)) problems.push({ path: 'imap.host', reason: 'invalid_host' });
  if (input.imap?.enabled && !imapHost) problems.push({ path: 'imap.host', reason: 'required' });
  if (problems.length > 0)
    throw new AppError('invalid_input', `Mailbox: ${problems.map((p) => `${p.path} ${p.reason}`).join(', ')}`, {
      fields: problems,
    });
  return {
    displayName: input.displayName.trim(),
    address: address.address,
    addressAscii: address.ascii,
    replyTo: replyTo.address,
    replyToAscii: replyTo.ascii,
    host,
    port: input.port,
    security: input.security,
    username: input.username.trim(),
  };
}

/** The SMTP server the saved password (or sign-in) belongs to. */
export const savedServerOf = (row: MailboxRow): ServerFields => ({
  host: row.host,
  port: row.port,
  security: row.security,
  username: row.username,
});

/** The OAuth2 sign-in saved with the mailbox: where to refresh its token. */
export const oauthTargetOf = (row: MailboxRow): OAuthTarget => ({
  provider: row.oauth_provider,
  issuer: row.oauth_issuer,
  clientId: row.oauth_client_id,
});

/**
 * The sender mailbox with what it signs in with: the form as typed when given, else the saved
 * one; a password, or (signed in with OAuth2) a live access token, for the mailbox address.
 */
export async function resolveMailbox(
  services: Pick<Services, 'book' | 'ports'>,
  grant: OAuthGrant,
  draft?: MailboxInput,
): Promise<{ mailbox: CheckedMailbox; account: SmtpAccount }> {
  const row = await readMailbox(services.book.db);
  const input: MailboxInput = draft ?? {
    displayName: row.display_name,
    address: row.address,
    replyTo: row.reply_to,
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
  };
  const mailbox = checkMailbox(input, true);
  // A form that names another server than the saved one gets no saved secret (secret-binding.ts).
  const savedServerKept = !draft || sameServer(mailbox, savedServerOf(row));
  if ((draft ? (draft.signIn ?? 'password') : row.sign_in) === 'oauth2') {
    refuseSecretInClear('security', mailbox);
    // Only for a server the sign-in was given for (the form's or the saved one: checked on every use).
    const accessToken = await grant.accessToken(oauthTargetOf(row), mailbox.host);
    return {
      mailbox,
      account: {
        host: mailbox.host,
        port: mailbox.port,
        security: mailbox.security,
        // XOAUTH2 names the mailbox: the user name typed, else the account that signed in.
        username: mailbox.username || row.oauth_account || mailbox.addressAscii,
        auth: { kind: 'oauth2', accessToken },
      },
    };
  }
  const password = draft?.clearPassword
    ? null
    : draft?.password
      ? draft.password
      : savedServerKept
        ? await services.ports.secrets.get(SMTP_PASSWORD_KEY)
        : null;
  if (password) refuseSecretInClear('security', mailbox);
  return {
    mailbox,
    account: {
      host: mailbox.host,
      port: mailbox.port,
      security: mailbox.security,
      username: mailbox.username,
      auth: { kind: 'password', password },
    },
  };
}
