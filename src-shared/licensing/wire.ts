import { z } from 'zod';
import type { DeviceStanding, Pricing, SignedGrant } from './grant';
import type { ChainedSpend } from './spend-chain';

/**
 * The licensing wire: every body a desktop and the licensing server exchange, as zod schemas.
 * The server parses each request with them (src-licensing/http.ts) and types its answers by them;
 * the desktop's client parses each answer (src-main/credits/licensing-client.ts). An answer that
 * does not parse is the server's error, never taken on trust.
 */

/** Ids the server makes (ULIDs) and ids a desktop makes for its spends. */
const id = z.string().min(1).max(64);
/** A device token or account key the server made (32 random bytes, base64url). */
const secret = z.string().min(10).max(200);
/** An ISO time as the server or a desktop wrote it. */
const time = z.string().max(40);

/** How many of an account's orders the server lists, newest first. */
export const ORDERS_LISTED = 50;
/** How many spends one sync may carry. */
export const SPENDS_PER_SYNC = 5000;

// ---------------------------------------------------------------- requests

export const registerRequest = z
  .object({
    companyName: z.string().trim().min(1).max(200),
    deviceName: z.string().trim().min(1).max(100),
    /** A random id the desktop keeps for its install: the trial comes once per install. */
    installId: z.string().min(16).max(200),
  })
  .strict();
export type RegisterRequest = z.input<typeof registerRequest>;

export const joinRequest = z.object({ accountKey: secret, deviceName: z.string().trim().min(1).max(100) }).strict();
export type JoinRequest = z.input<typeof joinRequest>;

/**
 * One link of a desktop's chain. A desktop of the version before sends neither its reason nor what
 * it returns (link 1): its sign says which, and a return is matched to a spend of its amount.
 */
export const chainedSpend = z
  .object({
    id,
    amount: z
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0),
    createdAt: time,
    seq: z.int().min(1),
    prevHash: z.string().max(64),
    reason: z.enum(['message', 'return']).optional(),
    returns: id.nullable().optional(),
    link: z.union([z.literal(1), z.literal(2)]).default(1),
  })
  .strict()
  .refine((s) => s.link === 1 || (s.reason !== undefined && s.returns !== undefined), {
    message: 'a link 2 spend names its reason and what it returns',
  })
  .transform((s): ChainedSpend => ({
    ...s,
    reason: s.reason ?? (s.amount > 0 ? 'message' : 'return'),
    returns: s.returns ?? null,
  }));

export const syncRequest = z
  .object({
    sinceSeq: z.int().min(0).default(0),
    spends: z.array(chainedSpend).max(SPENDS_PER_SYNC).default([]),
  })
  .strict();
export type SyncRequest = z.input<typeof syncRequest>;

export const orderRequest = z.object({ packs: z.int().min(1).max(1000), method: z.enum(['card', 'paypal']) }).strict();
export type OrderRequest = z.input<typeof orderRequest>;

// ---------------------------------------------------------------- answers

export const registerAnswer = z.object({ accountId: id, accountKey: secret, deviceId: id, deviceToken: secret });
export type RegisterAnswer = z.infer<typeof registerAnswer>;

export const joinAnswer = z.object({ accountId: id, deviceId: id, deviceToken: secret });
export type JoinAnswer = z.infer<typeof joinAnswer>;

export const signedGrant = z.object({
  id,
  accountId: id,
  deviceId: id,
  amount: z.int().min(1),
  reason: z.literal('allotment'),
  seq: z.int().min(1),
  createdAt: time,
  /** base64 Ed25519 signature (64 bytes). */
  signature: z.string().min(1).max(200),
});

export const pricing = z.object({
  product: z.literal('email'),
  packSize: z.int().min(1),
  packPriceCents: z.int().min(0),
  currency: z.string().min(1).max(10),
  trialMessages: z.int().min(0),
});

export const deviceStanding = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({
    state: z.literal('out_of_sync'),
    reason: z.enum(['gap', 'rewrite', 'conflict', 'overspend', 'bad_return']),
    atSeq: z.int().min(0).nullable(),
  }),
]);

export const serverOrder = z.object({
  id,
  packs: z.int().min(1),
  messages: z.int().min(0),
  totalCents: z.int().min(0),
  currency: z.string().min(1).max(10),
  method: z.enum(['card', 'paypal']),
  state: z.enum(['pending', 'paid', 'cancelled']),
  createdAt: time,
  updatedAt: time,
});
export type ServerOrder = z.infer<typeof serverOrder>;

export const syncAnswer = z.object({
  /** Every grant of the desktop after the sinceSeq it sent. */
  grants: z.array(signedGrant).max(100_000),
  /** Spends the server would not take (an id it knows with other content). */
  rejected: z.array(z.object({ id, reason: z.string().max(200) })).max(SPENDS_PER_SYNC),
  orders: z.array(serverOrder).max(ORDERS_LISTED),
  pricing,
  accountBalance: z.int(),
  deviceBalance: z.int(),
  /** Whether the server found this desktop's chain of spends consistent; it allots nothing while not. */
  standing: deviceStanding,
  serverTime: time,
});
export type SyncAnswer = z.infer<typeof syncAnswer>;

export const ordersAnswer = z.object({ orders: z.array(serverOrder).max(ORDERS_LISTED) });
export type OrdersAnswer = z.infer<typeof ordersAnswer>;

export const orderAnswer = z.object({ order: serverOrder, checkoutUrl: z.url().max(4000) });
export type OrderAnswer = z.infer<typeof orderAnswer>;

/** A request that does not parse: which field, and why. */
export const fieldIssue = z.object({ field: z.string().max(200), message: z.string().max(500) });
export type FieldIssue = z.infer<typeof fieldIssue>;

/** What the server answers with any 4xx or 5xx it means. */
export const errorAnswer = z.object({
  code: z.string().min(1).max(100),
  message: z.string().max(2000).optional(),
  /** With 429: seconds to wait (also sent as Retry-After). */
  retryAfterSeconds: z.int().min(0).optional(),
  /** With invalid_input: each field that did not parse. */
  issues: z.array(fieldIssue).max(100).optional(),
});
export type ErrorAnswer = z.infer<typeof errorAnswer>;

// The hand-written types in grant.ts and spend-chain.ts are exactly what the schemas parse.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compile time only: fails to build when a schema and its hand-written type drift apart. */
export type HandWrittenTypesMatch = [
  Assert<Same<z.infer<typeof signedGrant>, SignedGrant>>,
  Assert<Same<z.infer<typeof pricing>, Pricing>>,
  Assert<Same<z.infer<typeof deviceStanding>, DeviceStanding>>,
  Assert<Same<z.output<typeof chainedSpend>, ChainedSpend>>,
];
