import type { DeviceStanding, Pricing, SignedGrant } from '../../src-shared/licensing/grant';
import type { ChainedSpend } from '../../src-shared/licensing/spend-chain';

/** Why a request to the licensing server did not succeed, in terms the status bar can show. */
export class LicensingUnavailable extends Error {
  constructor(
    readonly reason: 'unreachable' | 'timeout' | 'server_error' | 'refused' | 'rate_limited',
    message: string,
    readonly status?: number,
    readonly code?: string,
    /** Seconds the server asked us to wait (429 Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface ServerOrder {
  id: string;
  packs: number;
  messages: number;
  totalCents: number;
  currency: string;
  method: 'card' | 'paypal';
  state: 'pending' | 'paid' | 'cancelled';
  createdAt: string;
  updatedAt: string;
}

export interface SyncAnswer {
  grants: SignedGrant[];
  rejected: { id: string; reason: string }[];
  orders: ServerOrder[];
  pricing: Pricing;
  accountBalance: number;
  deviceBalance: number;
  /** Whether the server found this desktop's chain of spends consistent; it allots nothing while not. */
  standing: DeviceStanding;
  serverTime: string;
}

/** The licensing server's HTTP API, with a timeout on every request. */
export class LicensingClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private async request<T>(path: string, body: unknown, token?: string): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new LicensingUnavailable('timeout', `The licensing server did not answer within ${this.timeoutMs} ms`);
      throw new LicensingUnavailable('unreachable', `Cannot reach the licensing server: ${(error as Error).message}`);
    }
    const text = await res.text();
    if (res.status === 429) {
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new LicensingUnavailable(
        'rate_limited',
        'The licensing server asks to wait before the next request',
        429,
        'rate_limited',
        Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 24 * 3600) : 60,
      );
    }
    if (res.status >= 500)
      throw new LicensingUnavailable('server_error', `The licensing server answered ${res.status}`, res.status);
    let json: { code?: string; message?: string } & Record<string, unknown>;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      throw new LicensingUnavailable(
        'server_error',
        'The licensing server answered something that is not JSON',
        res.status,
      );
    }
    if (!res.ok)
      throw new LicensingUnavailable('refused', json.message ?? `Refused (${res.status})`, res.status, json.code);
    return json as T;
  }

  register(companyName: string, deviceName: string, installId: string) {
    return this.request<{ accountId: string; accountKey: string; deviceId: string; deviceToken: string }>(
      '/v1/register',
      { companyName, deviceName, installId },
    );
  }
  join(accountKey: string, deviceName: string) {
    return this.request<{ accountId: string; deviceId: string; deviceToken: string }>('/v1/join', {
      accountKey,
      deviceName,
    });
  }
  sync(token: string, spends: ChainedSpend[], sinceSeq: number) {
    return this.request<SyncAnswer>('/v1/sync', { spends, sinceSeq }, token);
  }
  createOrder(token: string, packs: number, method: 'card' | 'paypal') {
    return this.request<{ order: ServerOrder; checkoutUrl: string }>('/v1/orders', { packs, method }, token);
  }
}
