// The read worker's thread: a read-only connection to the book, answering READ_QUERIES one at a time.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../src-shared/errors';
import type { Database } from '../book/schema';
import { isDiskFull } from '../disk-full';
import { addSqlFunctions } from '../book/sql-functions';
import { FactsColumns } from '../mail-report/facts-columns';
import { runRead, type ReadReply, type ReadRequest } from './read-queries';

const sqlite = new SQLite((workerData as { bookFile: string }).bookFile, { readonly: true, fileMustExist: true });
// A checkpoint by the writer can hold the WAL for a moment: wait rather than fail.
sqlite.pragma('busy_timeout = 5000');
addSqlFunctions(sqlite);
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });

/** The error as the main thread should see it: a refusal as such, and a full disk as the core reports one. */
function shown(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isDiskFull(error))
    return AppError.because('disk_full', 'The disk is full: nothing was saved. Free some space and try again.');
  return null;
}

// The mail report's search facts in memory, filled between reads once a search asks for them.
const facts = new FactsColumns(sqlite);
let reading = 0;
let filling = false;

/** One step of filling the facts, then the next after any read that came meanwhile. */
function fillFacts() {
  filling = false;
  if (reading > 0 || facts.ready) return;
  facts.step();
  if (!facts.ready) {
    filling = true;
    setImmediate(fillFacts);
  }
}

parentPort!.on('message', (request: ReadRequest) => {
  reading += 1;
  runRead(db, request.name, request.input as never, { sqlite, facts })
    .finally(() => {
      reading -= 1;
      if (facts.wanted && !facts.ready && !filling) {
        filling = true;
        setImmediate(fillFacts);
      }
    })
    .then(
      (value) => parentPort!.postMessage({ id: request.id, ok: true, value } satisfies ReadReply),
      (error: unknown) => {
        const app = shown(error);
        parentPort!.postMessage({
          id: request.id,
          ok: false,
          message: app?.message ?? (error instanceof Error ? error.message : String(error)),
          appError: app ? { code: app.code, details: app.details } : undefined,
        } satisfies ReadReply);
      },
    );
});
