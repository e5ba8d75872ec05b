import { isIPv4, isIPv6 } from 'node:net';
import { BoundedCache } from './bounded-cache';
import { LicensingError } from './licensing-error';

export interface Limit {
  /**
   * Requests allowed per window from one address (an IPv6 client by its /64), and from one
   * account where it applies.
   */
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

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part taken as two), or null. */
function ipv6Groups(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address.split('%')[0]!;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = part(tail);
  return tail === undefined ? front : [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * Whom a request is counted against: an IPv4 address as it is, an IPv6 one by its /64 (a host is
 * given a whole /64 and may take any address in it at will). An IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d, as a dual-stack socket reports IPv4 clients) is its IPv4 address.
 */
export function clientKey(address: string): string {
  if (isIPv4(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

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
    this.count(rule, `address:${clientKey(keys.address)}`, limit.perAddress, limit.windowSeconds);
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
