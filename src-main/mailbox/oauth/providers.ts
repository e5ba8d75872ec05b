import * as client from 'openid-client';
import type { OAuthProviderId } from '../../../src-shared/api/mailbox.api';
import { AppError } from '../../../src-shared/errors';

/** The app's registrations with Microsoft Entra and Google Cloud: configuration, not code (README). */
export interface OAuthClients {
  microsoft: { clientId: string; tenant: string } | null;
  google: { clientId: string; clientSecret: string } | null;
}

/** From the environment: DAFTAR_OAUTH_MICROSOFT_CLIENT_ID (+ _TENANT), DAFTAR_OAUTH_GOOGLE_CLIENT_ID (+ _SECRET). */
export function oauthClientsFromEnv(env: NodeJS.ProcessEnv): OAuthClients {
  const microsoftId = env.DAFTAR_OAUTH_MICROSOFT_CLIENT_ID?.trim();
  const googleId = env.DAFTAR_OAUTH_GOOGLE_CLIENT_ID?.trim();
  return {
    microsoft: microsoftId
      ? { clientId: microsoftId, tenant: env.DAFTAR_OAUTH_MICROSOFT_TENANT?.trim() || 'common' }
      : null,
    // Google's desktop clients carry a "secret" that Google itself says is not one.
    google: googleId ? { clientId: googleId, clientSecret: env.DAFTAR_OAUTH_GOOGLE_CLIENT_SECRET?.trim() ?? '' } : null,
  };
}

/** What each provider is asked for: sending over SMTP, and a refresh token to go on sending. */
export const SCOPES: Record<OAuthProviderId, string> = {
  microsoft: 'https://outlook.office.com/SMTP.Send offline_access',
  google: 'https://mail.google.com/ openid email',
  other: 'openid email offline_access',
};

/** The sign-in as it was made, so a refresh goes to the same place. */
export interface OAuthTarget {
  provider: OAuthProviderId;
  issuer: string;
  clientId: string;
}

const isLoopback = (url: URL) =>
  url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';

/**
 * The provider's endpoints and this app's client. Microsoft's multi-tenant ("common") metadata
 * names a placeholder issuer, so its two endpoints are given directly; the others are discovered
 * (OpenID Connect discovery). Plain http is allowed only for a provider on this machine (tests).
 */
export async function clientConfiguration(target: OAuthTarget, clients: OAuthClients): Promise<client.Configuration> {
  if (target.provider === 'microsoft') {
    const ms = clients.microsoft;
    if (!ms)
      throw AppError.because('oauth_not_configured', 'No Microsoft client ID is configured', { provider: 'microsoft' });
    const base = `https://login.microsoftonline.com/${encodeURIComponent(ms.tenant)}`;
    return new client.Configuration(
      {
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
      },
      ms.clientId,
      undefined,
      client.None(),
    );
  }
  if (target.provider === 'google') {
    const google = clients.google;
    if (!google)
      throw AppError.because('oauth_not_configured', 'No Google client ID is configured', { provider: 'google' });
    return client.discovery(
      new URL('https://accounts.google.com'),
      google.clientId,
      undefined,
      google.clientSecret ? client.ClientSecretPost(google.clientSecret) : client.None(),
    );
  }
  let issuer: URL;
  try {
    issuer = new URL(target.issuer);
  } catch {
    throw AppError.invalidField('issuer', 'invalid_url');
  }
  if (!target.clientId) throw AppError.invalidField('clientId', 'required');
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer)))
    throw AppError.invalidField('issuer', 'https_required');
  return client.discovery(
    issuer,
    target.clientId,
    undefined,
    client.None(),
    issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
  );
}
