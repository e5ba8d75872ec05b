/**
 * Spends travel to the licensing server as a chain: each carries its place (seq, from 1)
 * and the hash of the one before, so the server sees a spend that went missing (a gap),
 * was changed (a rewrite) or was spent twice. Desktop and server link it the same way.
 */
export interface ChainedSpend {
  id: string;
  /** Positive for a message; negative for a return. */
  amount: number;
  createdAt: string;
  seq: number;
  /** The link hash of spend seq − 1; '' for the first. */
  prevHash: string;
  /** A message's credits taken, or a failed or cancelled message's credits given back. */
  reason: 'message' | 'return';
  /** For a return, the id of the message spend it gives back; null for a message. */
  returns: string | null;
  /**
   * How the link hash was made: 1 for links written before returns were linked (id, amount and
   * time only; kept so old books still verify), 2 with the reason and what it returns.
   */
  link: 1 | 2;
}

export const CHAIN_START = '';

/**
 * The text a spend's link hash is the sha256 (hex) of: the one before and every field of
 * this one. Desktop and server hash it with Node's crypto (src-shared has no Node built-ins).
 */
export const spendLinkMessage = (prevHash: string, spend: Omit<ChainedSpend, 'prevHash'>): string =>
  spend.link === 1
    ? JSON.stringify(['daftar-spend-v1', prevHash, spend.seq, spend.id, spend.amount, spend.createdAt])
    : JSON.stringify([
        'daftar-spend-v2',
        prevHash,
        spend.seq,
        spend.id,
        spend.amount,
        spend.createdAt,
        spend.reason,
        spend.returns,
      ]);
