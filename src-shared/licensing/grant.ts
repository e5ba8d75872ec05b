/**
 * A grant of message credits to one desktop, signed by the licensing server (Ed25519).
 * The signed bytes are this canonical text; server and app build it the same way.
 */
export interface Grant {
  id: string;
  accountId: string;
  deviceId: string;
  amount: number;
  reason: 'allotment';
  seq: number;
  createdAt: string;
}

export interface SignedGrant extends Grant {
  /** base64 Ed25519 signature over grantMessage(grant). */
  signature: string;
}

export const grantMessage = (g: Grant): string =>
  JSON.stringify(['daftar-grant-v1', g.id, g.accountId, g.deviceId, g.amount, g.reason, g.seq, g.createdAt]);

/** Prices live on the server; the app shows what the server says. */
export interface Pricing {
  product: 'email';
  packSize: number;
  packPriceCents: number;
  currency: string;
  trialMessages: number;
}

/**
 * What the server thinks of a desktop's record of spends. bad_return: a return that gives back
 * no earlier message spend of that desktop, or more than it took, or one already given back.
 */
export type DeviceStanding =
  | { state: 'ok' }
  | { state: 'out_of_sync'; reason: 'gap' | 'rewrite' | 'conflict' | 'overspend' | 'bad_return'; atSeq: number | null };
