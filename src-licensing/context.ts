import type { Pricing } from '../src-shared/licensing/grant';
import type { LicensingDb } from './db/open';
import type { DevicesTable } from './db/schema';
import type { SigningKey } from './keys';
import type { PaymentProvider } from './providers/types';
import type { RateLimits } from './rate-limit';

// What every licensing operation is given, and the prices it uses unless told others.

export const PRICING: Pricing = {
  product: 'email',
  packSize: 1000,
  packPriceCents: 1000,
  currency: 'USD',
  trialMessages: 5,
};

export interface LicensingContext {
  store: LicensingDb;
  key: SigningKey;
  providers: PaymentProvider[];
  now(): Date;
  pricing?: Pricing;
  /** Requests per address and account; DEFAULT_LIMITS when absent. */
  limits?: RateLimits;
}

export type Device = Pick<DevicesTable, 'id' | 'account_id' | 'name'>;

/** The prices this server charges: the context's, else PRICING. */
export const pricingOf = (ctx: LicensingContext) => ctx.pricing ?? PRICING;
