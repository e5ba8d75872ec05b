import * as client from 'openid-client';
import type { OAuthChoice } from '../../../src-shared/api/mailbox.api';
import { AppError } from '../../../src-shared/errors';
import type { Services } from '../../registry';
import { loopbackRedirect } from './loopback-redirect';
import { clientConfiguration, SCOPES, type OAuthClients, type OAuthTarget } from './providers';

/** The refresh token's key in the secret store; it never reaches the book, the window or a log. */
import { OAUTH_ACCESS_KEY, OAUTH_HOSTS_KEY, OAUTH_REFRESH_KEY } from '../../secrets/secret-names';
import { providerHosts } from '../secret-binding';

export { OAUTH_HOSTS_KEY, OAUTH_REFRESH_KEY };

const hostName = (host: string) => host.trim().toLowerCase();
const SIGN_IN_WAIT_MS = 5 * 60_000;
/** An access token this close to its end is refreshed before use. */
const EARLY_MS = 2 * 60_000;

interface AccessToken {
  token: string;
  expiresAt: number;
  target: string;
}

/**
 * The mailbox's OAuth2 grant: signing in (authorization code with PKCE, loopback redirect),
 * and access tokens for SMTP's XOAUTH2, refreshed before they expire and after a refusal.
 * A refresh the provider refuses (revoked, expired) means signing in again.
 *
 * One refresh at a time: providers that rotate refresh tokens revoke the whole grant when an old
 * one is used again, so the uses that need a fresh token at once (the outbox, the reader, the Test
 * buttons) wait for one refresh in this process, and on an office book the desktops take turns
 * under an advisory lock (book.locks.oauthRefresh), each re-reading the refresh token (and the access
 * token the one before fetched) once its turn comes. The access token is kept with the sign-in in
 * the secret store, so a restart uses it too.
 */
export class OAuthGrant {
  private access: AccessToken | null = null;
  /** The access token a server refused: not taken again from the secret store. */
  private refused: string | null = null;
  /** The refresh under way, by sign-in: later callers wait for it rather than refresh again. */
  private readonly refreshing = new Map<string, Promise<string>>();
  private readonly configs = new Map<string, Promise<client.Configuration>>();
  private pending: { result: Promise<{ account: string; target: OAuthTarget }>; cancel(): void } | null = null;

  constructor(
    private readonly services: Pick<Services, 'ports' | 'book'>,
    private readonly clients: OAuthClients,
    private readonly waitMs = SIGN_IN_WAIT_MS,
  ) {}

  private configuration(target: OAuthTarget): Promise<client.Configuration> {
    const key = JSON.stringify(target);
    let config = this.configs.get(key);
    if (!config) {
      config = clientConfiguration(target, this.clients);
      // A failed discovery (offline) is tried again next time.
      config.catch(() => this.configs.delete(key));
      this.configs.set(key, config);
    }
    return config;
  }

  /**
   * Begin signing in: a loopback listener for the answer, and the provider's page to open in the
   * browser (the caller opens it). The answer is awaited by finishSignIn.
   */
  async startSignIn(choice: OAuthChoice, servers: string[]): Promise<{ authorizationUrl: string }> {
    this.pending?.cancel();
    const target: OAuthTarget = { provider: choice.provider, issuer: choice.issuer, clientId: choice.clientId };
    const config = await this.configuration(target);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const redirect = await loopbackRedirect(state, this.waitMs);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirect.redirectUri,
      scope: SCOPES[choice.provider],
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      // Google gives a refresh token only when asked for offline access with consent.
      ...(choice.provider === 'google' ? { access_type: 'offline', prompt: 'consent' } : { prompt: 'consent' }),
    });
    const result = (async () => {
      const answer = await redirect.answer;
      const refused = answer.searchParams.get('error');
      if (refused) throw AppError.because('signin_refused', `The provider answered ${refused}`, { error: refused });
      const tokens = await client.authorizationCodeGrant(config, answer, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      if (!tokens.refresh_token)
        throw AppError.because('signin_refused', 'The provider gave no refresh token', { error: 'no_refresh_token' });
      // The servers its tokens may go to are kept with the refresh token (in the secret, not the row):
      // the ones the form named when signing in, and the provider's own.
      const hosts = [...new Set([...servers, ...providerHosts(target.provider)].map(hostName).filter(Boolean))];
      await this.services.ports.secrets.set(OAUTH_HOSTS_KEY, JSON.stringify(hosts));
      await this.services.ports.secrets.set(OAUTH_REFRESH_KEY, tokens.refresh_token);
      this.keep(tokens, target);
      // Kept with the sign-in: the other desktops of an office (and this one after a restart) take this
      // sign-in's token, not one of the sign-in before.
      await this.services.ports.secrets.set(OAUTH_ACCESS_KEY, JSON.stringify(this.access));
      const claims = tokens.claims();
      return { account: String(claims?.email ?? claims?.preferred_username ?? claims?.sub ?? ''), target };
    })().finally(() => redirect.close());
    // Nobody may wait for it (the window closed): its failure is then nobody's to report.
    result.catch(() => {});
    this.pending = { result, cancel: () => redirect.close() };
    return { authorizationUrl: url.href };
  }

  /** Wait for the provider's answer to the sign-in begun last; keeps the refresh token, answers who signed in. */
  async finishSignIn(): Promise<{ account: string; target: OAuthTarget }> {
    const pending = this.pending;
    if (!pending) throw AppError.because('signin_timeout', 'No sign-in is under way');
    try {
      return await pending.result;
    } finally {
      if (this.pending === pending) this.pending = null;
    }
  }

  /**
   * Whether this sign-in's tokens may go to `host`: one of the servers kept with it when signing in
   * (a sign-in from before they were kept: its provider's own servers only).
   */
  async mayReach(target: OAuthTarget, host: string): Promise<boolean> {
    const kept = await this.services.ports.secrets.get(OAUTH_HOSTS_KEY);
    const hosts = kept ? (JSON.parse(kept) as string[]) : providerHosts(target.provider);
    return hosts.includes(hostName(host));
  }

  /**
   * A live access token for this sign-in, to hand to `host`: the one in hand, or a fresh one from the
   * refresh token. A host the sign-in was not given for gets none (checked on every use).
   */
  async accessToken(target: OAuthTarget, host: string): Promise<string> {
    if (!(await this.mayReach(target, host)))
      throw AppError.because('signin_required', 'The server is not one this sign-in was given for: sign in again');
    const now = this.services.ports.clock.now().getTime();
    if (this.access && this.access.target === JSON.stringify(target) && this.access.expiresAt - EARLY_MS > now)
      return this.access.token;
    const key = JSON.stringify(target);
    let refreshing = this.refreshing.get(key);
    if (!refreshing) {
      refreshing = this.refreshInTurn(target).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, refreshing);
    }
    return refreshing;
  }

  /**
   * A fresh access token, refreshed by this desktop alone: on an office book, in its turn among the
   * desktops. The token is kept with the sign-in, so the next desktop in turn (or this one after a
   * restart) uses it rather than refreshing again.
   */
  private async refreshInTurn(target: OAuthTarget): Promise<string> {
    return this.services.book.locks.oauthRefresh(async () => {
      // Another desktop may have refreshed meanwhile: its access token serves until it is near its end.
      const shared = await this.services.ports.secrets.get(OAUTH_ACCESS_KEY);
      if (shared) {
        const access = JSON.parse(shared) as AccessToken;
        const now = this.services.ports.clock.now().getTime();
        if (
          access.target === JSON.stringify(target) &&
          access.token !== this.refused &&
          access.expiresAt - EARLY_MS > now
        ) {
          this.access = access;
          return access.token;
        }
      }
      const token = await this.refresh(target);
      await this.services.ports.secrets.set(OAUTH_ACCESS_KEY, JSON.stringify(this.access));
      return token;
    });
  }

  /** Refresh with the refresh token as stored now, and keep the one the provider may give in its place. */
  private async refresh(target: OAuthTarget): Promise<string> {
    const refresh = await this.services.ports.secrets.get(OAUTH_REFRESH_KEY);
    if (!refresh) throw AppError.because('signin_required', 'The mailbox is not signed in');
    let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
    try {
      tokens = await client.refreshTokenGrant(await this.configuration(target), refresh);
    } catch (error) {
      // Revoked, expired or refused for good: only signing in again helps. Anything else (offline) is retried.
      if (
        error instanceof client.ResponseBodyError &&
        (error.error === 'invalid_grant' || error.error === 'invalid_client')
      )
        throw AppError.because('signin_required', `The provider refused the sign-in: ${error.error}`);
      throw error;
    }
    if (tokens.refresh_token && tokens.refresh_token !== refresh)
      await this.services.ports.secrets.set(OAUTH_REFRESH_KEY, tokens.refresh_token);
    return this.keep(tokens, target);
  }

  /** The server refused the token in hand: the next one is fetched fresh. */
  forgetAccessToken(): void {
    if (this.access) this.refused = this.access.token;
    this.access = null;
  }

  /** Stop waiting for a sign-in (the app is closing): its loopback listener goes. */
  close(): void {
    this.pending?.cancel();
    this.pending = null;
  }

  async signOut(): Promise<void> {
    this.access = null;
    await this.services.ports.secrets.delete(OAUTH_REFRESH_KEY);
    await this.services.ports.secrets.delete(OAUTH_HOSTS_KEY);
    await this.services.ports.secrets.delete(OAUTH_ACCESS_KEY);
  }

  private keep(tokens: client.TokenEndpointResponse, target: OAuthTarget): string {
    const lifetime = (tokens.expires_in ?? 3600) * 1000;
    this.access = {
      token: tokens.access_token,
      expiresAt: this.services.ports.clock.now().getTime() + lifetime,
      target: JSON.stringify(target),
    };
    return tokens.access_token;
  }
}
