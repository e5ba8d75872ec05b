// The read worker's thread: a read-only connection to the book, answering READ_QUERIES one at a time.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../src-shared/errors';
import type { Database } from '../book/schema';
import { runRead, type ReadReply, type ReadRequest } from './read-queries';

const sqlite = new SQLite((workerData as { bookFile: string }).bookFile, { readonly: true, fileMustExist: true });
// A checkpoint by the writer can hold the WAL for a moment: wait rather than fail.
sqlite.pragma('busy_timeout = 5000');
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });

parentPort!.on('message', (request: ReadRequest) => {
  runRead(db, request.name, request.input as never).then(
    (value) => parentPort!.postMessage({ id: request.id, ok: true, value } satisfies ReadReply),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        appError: error instanceof AppError ? { code: error.code, details: error.details } : undefined,
      } satisfies ReadReply),
  );
});
