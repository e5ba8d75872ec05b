import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { grantMessage, type SignedGrant } from '../../src-shared/licensing/grant';
import type { CreditGrantsTable } from '../book/schema/credits';
import type { Logger } from '../log';

/** A grant as the book stores it (when it arrived does not matter to its check). */
export type GrantRow = Omit<CreditGrantsTable, 'received_at'>;

export interface GrantOwner {
  accountId: string | null;
  deviceId: string | null;
}

const toSigned = (row: GrantRow): SignedGrant => ({
  id: row.id,
  accountId: row.account_id,
  deviceId: row.device_id,
  amount: Number(row.amount),
  reason: row.reason as SignedGrant['reason'],
  seq: Number(row.seq),
  createdAt: row.created_at,
  signature: row.signature,
});

/**
 * Decides which grant rows of the book count. The book is a file on the user's own disk,
 * so every row is checked whenever a balance is computed: the licensing server's
 * signature over exactly these fields, for this account and this desktop. Rows already
 * verified are remembered by their full content, so a changed row is checked again.
 */
export class GrantCheck {
  private readonly key: KeyObject | null;
  private readonly verified = new Set<string>();
  private readonly reported = new Set<string>();

  constructor(
    publicKeyPem: string,
    private readonly log: Logger,
  ) {
    let key: KeyObject | null = null;
    try {
      key = publicKeyPem ? createPublicKey(publicKeyPem) : null;
    } catch {
      log.error('the licensing public key cannot be read: no grant will count');
    }
    this.key = key;
  }

  /** Whether the server signed exactly this grant. */
  verify(grant: SignedGrant): boolean {
    if (!this.key) return false;
    const message = grantMessage(grant);
    const memo = `${message}\n${grant.signature}`;
    if (this.verified.has(memo)) return true;
    let ok: boolean;
    try {
      ok = verify(null, Buffer.from(message), this.key, Buffer.from(grant.signature, 'base64'));
    } catch {
      ok = false; // a signature that is not even base64 of the right length
    }
    if (ok) this.verified.add(memo);
    return ok;
  }

  /**
   * The grants that count for this desktop, and how many rows did not (each logged once). A grant
   * counts once by its id and once by its place (seq), whatever copies the table holds.
   */
  count(rows: GrantRow[], owner: GrantOwner): { granted: number; grants: number; bad: number } {
    let granted = 0;
    let grants = 0;
    let bad = 0;
    const ids = new Set<string>();
    const seqs = new Set<number>();
    for (const row of rows) {
      const grant = toSigned(row);
      const ours = grant.accountId === owner.accountId && grant.deviceId === owner.deviceId;
      const copy = ids.has(grant.id) || seqs.has(grant.seq);
      if (ours && !copy && this.verify(grant)) {
        ids.add(grant.id);
        seqs.add(grant.seq);
        granted += grant.amount;
        grants++;
        continue;
      }
      bad++;
      const why = !ours ? 'owner' : copy ? 'copy' : 'signature';
      if (!this.reported.has(`${row.id}:${why}`)) {
        this.reported.add(`${row.id}:${why}`);
        this.log.error('a credit grant in the book does not verify for this desktop; it is not counted', {
          id: row.id,
          seq: row.seq,
          why,
        });
      }
    }
    return { granted, grants, bad };
  }
}
