import type { Kysely } from 'kysely';
import type { BulkOptions } from '../../src-shared/api/bulk.api';
import type { Database } from '../book/schema';
import { firstDocuments, perPartyAll } from '../bulk/bulk.repo';

/** Documents the bulk preview lists by name (the counts cover them all). */
export const PREVIEW_DOCUMENTS = 200;

/**
 * The heavy reads, run on the read worker's own read-only connection beside the writer (WAL
 * lets it read while the book is written), so the main thread stays free: each is one pass of
 * SQLite over the rows, never the rows loaded into memory.
 */
export const READ_QUERIES = {
  bulkPreview: async (db: Kysely<Database>, o: BulkOptions) => ({
    parties: await perPartyAll(db, o),
    documents: await firstDocuments(db, o, PREVIEW_DOCUMENTS),
  }),
};

export type ReadName = keyof typeof READ_QUERIES;
export type ReadInput<K extends ReadName> = Parameters<(typeof READ_QUERIES)[K]>[1];
export type ReadOutput<K extends ReadName> = Awaited<ReturnType<(typeof READ_QUERIES)[K]>>;

/** What the main thread asks of the worker, and what it answers. */
export interface ReadRequest {
  id: number;
  name: ReadName;
  input: unknown;
}
export type ReadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** Runs one read on a connection (the worker's, or the main one for a book in memory). */
export const runRead = <K extends ReadName>(
  db: Kysely<Database>,
  name: K,
  input: ReadInput<K>,
): Promise<ReadOutput<K>> =>
  (READ_QUERIES[name] as (db: Kysely<Database>, input: ReadInput<K>) => Promise<ReadOutput<K>>)(db, input);
