import type { Generated } from 'kysely';

/** Grants received from the licensing server, each verified against its public key before it counts. */
export interface CreditGrantsTable {
  id: string;
  account_id: string;
  device_id: string;
  amount: number;
  reason: string;
  seq: number;
  created_at: string;
  signature: string;
  received_at: string;
}

/**
 * Credits spent (positive) when a message is queued, and returned (negative) when it fails for good or
 * is cancelled. A return counts only as the one refund of an earlier message spend, for its amount.
 */
export interface CreditSpendsTable {
  id: string;
  amount: number;
  reason: 'message' | 'return';
  /** What it was for: an outbox row, or the spend a return gives back. */
  ref: string;
  created_at: string;
  synced_at: string | null;
  /** Its place in the chain of spends the server checks (from 1), and its link hash. */
  chain_seq: number;
  chain_hash: string;
  /** How its link hash was made: 1 before links carried their reason and what they return (0024), 2 since. */
  chain_link: Generated<1 | 2>;
}

/** Orders as the server last reported them, for showing offline. */
export interface LicensingOrdersTable {
  id: string;
  packs: number;
  messages: number;
  total_cents: number;
  currency: string;
  method: string;
  state: string;
  created_at: string;
  updated_at: string;
  /** The user who placed the order on this desktop ('' for orders seen only through sync). */
  created_by: Generated<string>;
}

/** One row (id = 1): this desktop's registration and last sync. Tokens live in the secret store. */
export interface LicensingStateTable {
  id: number;
  server_url: string | null;
  account_id: string | null;
  device_id: string | null;
  last_sync_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  server_account_balance: number | null;
  pricing: string | null;
}
