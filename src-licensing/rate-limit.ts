import { BoundedCache } from './bounded-cache';
import { LicensingError } from './service';

export interface Limit {
  /** Requests allowed per window from one address (and from one account, where it applies). */
  perAddress: number;
  perAccount?: number;
  windowSeconds: number;
}

export interface RateLimits {
  register: Limit;
  join: Limit;
  orders: Limit;
  sync: Limit;
}

/**
 * What one office needs, with room: a desktop syncs every five minutes and on demand; a
 * few desktops may sit behind one address. Registering and joining are rare by nature.
 */
export const DEFAULT_LIMITS: RateLimits = {
  register: { perAddress: 10, windowSeconds: 3600 },
  join: { perAddress: 20, windowSeconds: 3600 },
  orders: { perAddress: 60, perAccount: 30, windowSeconds: 3600 },
  sync: { perAddress: 240, perAccount: 120, windowSeconds: 3600 },
};

/**
 * Fixed-window counters per rule and key (an address or an account), in bounded memory.
 * Past the limit it throws a 429 whose Retry-After is the rest of the window.
 */
export class RateLimiter {
  private readonly windows = new BoundedCache<{ start: number; count: number }>(100_000, 24 * 3600_000);

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  take(rule: keyof RateLimits, keys: { address: string; account?: string }): void {
    const limit = this.limits[rule];
    this.count(rule, `address:${keys.address}`, limit.perAddress, limit.windowSeconds);
    if (keys.account && limit.perAccount !== undefined)
      this.count(rule, `account:${keys.account}`, limit.perAccount, limit.windowSeconds);
  }

  private count(rule: string, key: string, allowed: number, windowSeconds: number): void {
    const now = this.now();
    const id = `${rule}|${key}`;
    let window = this.windows.get(id);
    if (!window || now - window.start >= windowSeconds * 1000) window = { start: now, count: 0 };
    if (window.count >= allowed) {
      const retryAfter = Math.max(1, Math.ceil((window.start + windowSeconds * 1000 - now) / 1000));
      throw new LicensingError(429, 'rate_limited', `Too many requests; try again in ${retryAfter} s`, retryAfter);
    }
    window.count++;
    this.windows.set(id, window);
  }
}
