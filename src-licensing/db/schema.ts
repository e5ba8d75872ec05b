import type { Generated } from 'kysely';

export interface AccountsTable {
  id: string;
  company_name: string;
  /** sha256 of the account key other desktops join with. */
  account_key_hash: string;
  created_at: string;
}

export interface DevicesTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  /** The last spend of its chain we accepted: its seq and link hash (0 and '' before any). */
  chain_seq: Generated<number>;
  chain_hash: Generated<string>;
  /** 'out_of_sync' once its spends showed a gap, a rewrite, a bad return or an overspend: nothing more is allotted. */
  standing: Generated<'ok' | 'out_of_sync'>;
  standing_reason: 'gap' | 'rewrite' | 'conflict' | 'overspend' | 'bad_return' | null;
  standing_seq: number | null;
}

/** Credits that came into an account: the trial once, and paid orders. */
export interface CreditsTable {
  id: string;
  account_id: string;
  amount: number;
  reason: 'trial' | 'order';
  order_id: string | null;
  created_at: string;
}

/** Signed allotments of an account's credits to one device. */
export interface GrantsTable {
  id: string;
  account_id: string;
  device_id: string;
  amount: number;
  seq: number;
  created_at: string;
  signature: string;
}

export interface SpendsTable {
  id: string;
  account_id: string;
  device_id: string;
  /** Positive when spent, negative when a failed message's credits came back. */
  amount: number;
  content_hash: string;
  created_at: string;
  /** Its place in the device's chain. */
  seq: number | null;
  /** For a return, the spend of the same device it gave back (each once); null for a message. */
  returns: string | null;
  /** 1 when the return did not name its spend (a desktop of the version before) and one of its amount was taken. */
  returns_guessed: Generated<number>;
}

export interface OrdersTable {
  id: string;
  account_id: string;
  device_id: string;
  packs: number;
  pack_size: number;
  unit_price_cents: number;
  total_cents: number;
  currency: string;
  provider: string;
  method: 'card' | 'paypal';
  state: 'pending' | 'paid' | 'cancelled';
  checkout_token: string;
  provider_ref: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookEventsTable {
  provider: string;
  event_id: string;
  received_at: string;
}

/** Installs that have had their trial (sha256 of the desktop's install id). */
export interface TrialInstallsTable {
  install_hash: string;
  account_id: string;
  created_at: string;
}

export interface LicensingDatabase {
  trial_installs: TrialInstallsTable;
  accounts: AccountsTable;
  devices: DevicesTable;
  credits: CreditsTable;
  grants: GrantsTable;
  spends: SpendsTable;
  orders: OrdersTable;
  webhook_events: WebhookEventsTable;
}
