import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen: the link is computed here as it was on the day, not through the shared module,
// so a later change there never alters what this migration wrote.
const link = (prev: string, seq: number, id: string, amount: number, createdAt: string) =>
  createHash('sha256')
    .update(JSON.stringify(['daftar-spend-v1', prev, seq, id, amount, createdAt]))
    .digest('hex');

/** Spends become a hash chain (seq and link hash), the spends already in the book chained in order. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('credit_spends').addColumn('chain_seq', 'integer').execute();
  await db.schema.alterTable('credit_spends').addColumn('chain_hash', 'text').execute();
  const rows = await db
    .selectFrom('credit_spends')
    .select(['id', 'amount', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  let prev = '';
  let seq = 0;
  for (const row of rows) {
    seq++;
    prev = link(prev, seq, row.id, Number(row.amount), row.created_at);
    await db.updateTable('credit_spends').set({ chain_seq: seq, chain_hash: prev }).where('id', '=', row.id).execute();
  }
  await sql`create unique index credit_spends_chain on credit_spends (chain_seq)`.execute(db);
}
