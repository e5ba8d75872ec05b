import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** The desktop app's client: public (no secret), native, any loopback port (RFC 8252). */
export const TEST_CLIENT_ID = 'daftar-desktop';
/** The SMTP test server's own client, allowed to ask the provider whether a token is live. */
const INTROSPECTOR = { id: 'smtp-introspector', secret: 'introspector-secret-0123456789abcdef' };

export interface OAuthTestServer {
  issuer: string;
  /** Whether an access token is live and whose it is (RFC 7662 introspection, as a real resource server asks). */
  introspect(token: string): Promise<{ active: boolean; sub?: string }>;
  /** Revoke a token at the revocation endpoint (RFC 7009): a refresh token takes its whole grant with it. */
  revoke(token: string): Promise<void>;
  /** How many refresh token grants the token endpoint has answered with new tokens. */
  refreshes(): number;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for tests: discovery, the
 * authorization code flow with PKCE and its own login page, refresh tokens, introspection and
 * revocation. Any login name with any password signs in; the name is the account (and its email).
 */
export async function startOAuthTestServer(
  options: {
    accessTokenTtlSeconds?: number;
    /**
     * Rotate refresh tokens (oidc-provider's default for public clients, and Auth0's, Okta's, Keycloak's):
     * each refresh gives a new one, and the old one used again revokes the whole grant. Off unless asked.
     */
    rotateRefreshTokens?: boolean;
  } = {},
): Promise<OAuthTestServer> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: INTROSPECTOR.id,
        client_secret: INTROSPECTOR.secret,
        redirect_uris: [],
        grant_types: [],
        response_types: [],
      },
    ],
    scopes: ['openid', 'offline_access', 'email'],
    claims: { email: ['email'], openid: ['sub'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, email: sub }) }),
    // The ID token carries the email, as Google's does.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
    },
    pkce: { required: () => true },
    ttl: { AccessToken: options.accessTokenTtlSeconds ?? 3600 },
    // Refresh tokens for public clients would rotate by default; keep one, as Microsoft and Google do.
    rotateRefreshToken: options.rotateRefreshTokens ?? false,
  });
  let refreshes = 0;
  provider.on('grant.success', (ctx) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') refreshes++;
  });
  http.on('request', provider.callback());

  return {
    issuer,
    async introspect(token) {
      const res = await fetch(`${issuer}/token/introspection`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${INTROSPECTOR.id}:${INTROSPECTOR.secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token }),
      });
      return (await res.json()) as { active: boolean; sub?: string };
    },
    async revoke(token) {
      const res = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, client_id: TEST_CLIENT_ID }),
      });
      if (!res.ok) throw new Error(`revocation answered ${res.status}`);
    },
    refreshes: () => refreshes,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
