import type { CreditsStatus } from '../../src-shared/api/credits.api';
import { AppError } from '../../src-shared/errors';
import { pricing } from '../../src-shared/licensing/wire';
import { LicensingUnavailable, type ServerOrder } from './licensing-client';

// What the licensing server's answers become in the book and in the window.

export const toOrderRow = (o: ServerOrder) => ({
  id: o.id,
  packs: o.packs,
  messages: o.messages,
  total_cents: o.totalCents,
  currency: o.currency,
  method: o.method,
  state: o.state,
  created_at: o.createdAt,
  updated_at: o.updatedAt,
});

/** The prices the last sync brought, as the book keeps them (JSON); null when none or unreadable. */
export function pricingOf(kept: string | null) {
  if (!kept) return null;
  try {
    return pricing.safeParse(JSON.parse(kept)).data ?? null;
  } catch {
    return null;
  }
}

/** What a sync answers when not even the book could be read afterwards. */
export const OFFLINE_STATUS: CreditsStatus = {
  configured: false,
  registered: false,
  balance: null,
  unsyncedSpends: 0,
  lastSyncAt: null,
  online: false,
  lastError: 'internal',
  pricing: null,
  rejectedGrants: 0,
};

/** An order the server would not take, or could not be reached for, in the user's terms. */
export function orderRefusal(error: unknown): unknown {
  if (!(error instanceof LicensingUnavailable)) return error;
  if (error.reason === 'refused')
    return AppError.because('licensing_refused', error.message, { serverCode: error.code ?? 'refused' });
  return AppError.because('licensing_unavailable', error.message, {
    why: error.reason,
    ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  });
}
