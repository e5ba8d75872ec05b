import type { Transaction } from 'kysely';
import type { DeviceStanding } from '../src-shared/licensing/grant';
import { spendLinkMessage, type ChainedSpend } from '../src-shared/licensing/spend-chain';
import type { LicensingDatabase } from './db/schema';
import { sha256 } from './keys';
import { whatItReturns } from './spend-returns';

type Problem = Extract<DeviceStanding, { state: 'out_of_sync' }>;

// What a spend taken before is compared with when it is sent again; a link of the version before
// carried neither its reason nor what it returns.
const contentHash = (s: ChainedSpend) =>
  sha256(
    JSON.stringify(s.link === 1 ? [s.id, s.amount, s.createdAt] : [s.id, s.amount, s.createdAt, s.reason, s.returns]),
  );

/** Takes a spend that follows on from the head, if it keeps the rule for returns and its id is new. */
async function append(
  trx: Transaction<LicensingDatabase>,
  device: { id: string; account_id: string },
  spend: ChainedSpend,
): Promise<Problem | null> {
  const returned = await whatItReturns(trx, device.id, spend);
  if (returned === false) return { state: 'out_of_sync', reason: 'bad_return', atSeq: spend.seq };
  const inserted = await trx
    .insertInto('spends')
    .values({
      id: spend.id,
      account_id: device.account_id,
      device_id: device.id,
      amount: spend.amount,
      content_hash: contentHash(spend),
      created_at: spend.createdAt,
      seq: spend.seq,
      returns: returned.returns,
      returns_guessed: returned.guessed ? 1 : 0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0
    ? { state: 'out_of_sync', reason: 'conflict', atSeq: spend.seq }
    : null;
}

/**
 * Takes a desktop's spends as the next links of its chain. A spend already taken is
 * acknowledged again; the first one that does not follow (a gap, a changed spend, an id
 * another device used, a return that gives back no spend of its own) stops the upload there
 * and is the problem reported. Runs inside the caller's transaction, with the account locked.
 */
export async function takeSpends(
  trx: Transaction<LicensingDatabase>,
  device: { id: string; account_id: string },
  spends: ChainedSpend[],
): Promise<{ rejected: { id: string; reason: string }[]; problem: Problem | null }> {
  const head = await trx
    .selectFrom('devices')
    .select(['chain_seq', 'chain_hash'])
    .where('id', '=', device.id)
    .executeTakeFirstOrThrow();
  let headSeq = Number(head.chain_seq);
  let headHash = head.chain_hash;
  let problem: Problem | null = null;
  const rejected: { id: string; reason: string }[] = [];

  for (const spend of [...spends].sort((a, b) => a.seq - b.seq)) {
    if (problem) {
      rejected.push({ id: spend.id, reason: 'out_of_sync' });
      continue;
    }
    if (spend.seq <= headSeq) {
      const taken = await trx
        .selectFrom('spends')
        .select(['id', 'content_hash'])
        .where('device_id', '=', device.id)
        .where('seq', '=', spend.seq)
        .executeTakeFirst();
      if (taken?.id === spend.id && taken.content_hash === contentHash(spend)) continue; // sent again
      problem = { state: 'out_of_sync', reason: 'rewrite', atSeq: spend.seq };
    } else if (spend.seq > headSeq + 1) {
      problem = { state: 'out_of_sync', reason: 'gap', atSeq: headSeq + 1 };
    } else if (spend.prevHash !== headHash) {
      problem = { state: 'out_of_sync', reason: 'rewrite', atSeq: spend.seq };
    } else {
      problem = await append(trx, device, spend);
      if (!problem) {
        headSeq = spend.seq;
        headHash = sha256(spendLinkMessage(headHash, spend));
      }
    }
    if (problem) rejected.push({ id: spend.id, reason: problem.reason });
  }
  await trx
    .updateTable('devices')
    .set({ chain_seq: headSeq, chain_hash: headHash })
    .where('id', '=', device.id)
    .execute();
  return { rejected, problem };
}
