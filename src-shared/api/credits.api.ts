import { z } from 'zod';
import { defineCall, defineEvent } from './define';
import { isoTime, noInput } from './fields';

export const pricing = z.object({
  product: z.literal('email'),
  packSize: z.int(),
  packPriceCents: z.int(),
  currency: z.string(),
  trialMessages: z.int(),
});

export const creditsStatus = z.object({
  /** A licensing server URL is set. */
  configured: z.boolean(),
  registered: z.boolean(),
  /** Messages this desktop may still send; null until the first sync brings a grant. */
  balance: z.int().nullable(),
  /** Messages reserved but not yet reported to the server. */
  unsyncedSpends: z.int(),
  lastSyncAt: isoTime.nullable(),
  /** Whether the last attempt reached the server (null before any attempt). */
  online: z.boolean().nullable(),
  lastError: z.string().nullable(),
  pricing: pricing.nullable(),
  /** Grants refused because their signature did not verify. */
  rejectedGrants: z.int(),
});
export type CreditsStatus = z.infer<typeof creditsStatus>;

export const licensingOrder = z.object({
  id: z.string(),
  packs: z.int(),
  messages: z.int(),
  totalCents: z.int(),
  currency: z.string(),
  method: z.enum(['card', 'paypal']),
  state: z.enum(['pending', 'paid', 'cancelled']),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const creditsApi = {
  'credits.status': defineCall({
    permission: 'signed-in',
    summary: 'Message credits: balance (null until first synced), last sync, online state, prices from the server.',
    input: noInput,
    output: creditsStatus,
  }),
  'credits.sync': defineCall({
    permission: 'signed-in',
    summary:
      'Sync with the licensing server now (registers this desktop on first use). Failures are reported in the status, not thrown.',
    input: noInput,
    output: creditsStatus,
  }),
  'credits.orders': defineCall({
    permission: 'buy_credits',
    summary: 'Orders of message packs with their states, as last synced.',
    input: noInput,
    output: z.object({ orders: z.array(licensingOrder) }),
  }),
  'credits.createOrder': defineCall({
    permission: 'buy_credits',
    summary:
      'Order packs of 1000 messages (several at once), paid by card or PayPal; answers the checkout URL to open.',
    input: z.object({ packs: z.int().min(1).max(1000), method: z.enum(['card', 'paypal']) }).strict(),
    output: z.object({ order: licensingOrder, checkoutUrl: z.string(), opened: z.boolean() }),
  }),
  'credits.accountKey': defineCall({
    permission: 'buy_credits',
    summary: 'The account key another desktop of this office joins the same account with.',
    input: noInput,
    output: z.object({ accountKey: z.string().nullable() }),
  }),
  'credits.join': defineCall({
    permission: 'buy_credits',
    summary: 'Join this desktop to an existing account with its account key (before it has any credits of its own).',
    input: z.object({ accountKey: z.string().trim().min(10).max(200) }).strict(),
    output: creditsStatus,
  }),
};

export const creditsEvents = {
  'credits.changed': defineEvent({
    summary: 'Balance, sync or online state changed.',
    payload: creditsStatus,
  }),
};
