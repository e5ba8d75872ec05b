import { isIP } from 'node:net';
import { AppError } from '../../src-shared/errors';
import { MAIL_PRESETS } from '../../src-shared/email/mail-presets';
import type { ServerFields } from '../../src-shared/email/same-server';

export { sameServer, type ServerFields } from '../../src-shared/email/same-server';

/** This machine: the only place a secret may go without TLS. */
export function isLoopback(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return isIP(name) === 6 && name === '::1';
}

/** Refuses to send a password or token in clear text (security "none") to another machine. */
export function refuseSecretInClear(
  path: 'security' | 'imap.security',
  server: Pick<ServerFields, 'host' | 'security'>,
) {
  if (server.security === 'none' && !isLoopback(server.host))
    throw AppError.invalidField(path, 'secret_in_clear', { host: server.host.trim() });
}

/** The servers of a sign-in provider's own mailboxes (the presets'): where its tokens may go. */
export function providerHosts(provider: string): string[] {
  return Object.values(MAIL_PRESETS).flatMap((preset) =>
    'provider' in preset.signIn && preset.signIn.provider === provider ? [preset.host, preset.imap.host] : [],
  );
}
