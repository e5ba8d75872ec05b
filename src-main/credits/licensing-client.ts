import type { z } from 'zod';
import type { ChainedSpend } from '../../src-shared/licensing/spend-chain';
import {
  errorAnswer,
  joinAnswer,
  orderAnswer,
  registerAnswer,
  syncAnswer,
  type JoinRequest,
  type OrderRequest,
  type RegisterRequest,
  type SyncRequest,
} from '../../src-shared/licensing/wire';

export type { ServerOrder, SyncAnswer } from '../../src-shared/licensing/wire';

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

/** Why an answer does not fit the wire: the first few fields and what is wrong with each. */
const misfit = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(the answer)'}: ${i.message}`)
    .join('; ');

/**
 * The licensing server's HTTP API, with a timeout on every request. Every answer is parsed with the
 * wire's schema: one that does not fit is the server's error (server_error), never taken as it is.
 */
export class LicensingClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private async request<T>(path: string, body: unknown, answer: z.ZodType<T>, token?: string): Promise<T> {
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
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new LicensingUnavailable(
        'server_error',
        'The licensing server answered something that is not JSON',
        res.status,
      );
    }
    if (!res.ok) {
      const refusal = errorAnswer.safeParse(json);
      if (!refusal.success)
        throw new LicensingUnavailable(
          'server_error',
          `The licensing server refused (${res.status}) with an answer that does not fit: ${misfit(refusal.error)}`,
          res.status,
        );
      const { message, code } = refusal.data;
      throw new LicensingUnavailable('refused', message ?? `Refused (${res.status})`, res.status, code);
    }
    const parsed = answer.safeParse(json);
    if (!parsed.success)
      throw new LicensingUnavailable(
        'server_error',
        `The licensing server answered ${path} with something that does not fit: ${misfit(parsed.error)}`,
        res.status,
      );
    return parsed.data;
  }

  register(companyName: string, deviceName: string, installId: string) {
    const body: RegisterRequest = { companyName, deviceName, installId };
    return this.request('/v1/register', body, registerAnswer);
  }
  join(accountKey: string, deviceName: string) {
    const body: JoinRequest = { accountKey, deviceName };
    return this.request('/v1/join', body, joinAnswer);
  }
  sync(token: string, spends: ChainedSpend[], sinceSeq: number) {
    const body: SyncRequest = { spends, sinceSeq };
    return this.request('/v1/sync', body, syncAnswer, token);
  }
  createOrder(token: string, packs: number, method: 'card' | 'paypal') {
    const body: OrderRequest = { packs, method };
    return this.request('/v1/orders', body, orderAnswer, token);
  }
}
