import { sql } from 'kysely';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { OfficeEvents } from '../office/office-events';
import { openOfficeBook } from '../office/office-book';
import { type OfficeConnection } from '../office/office-connection';
import { officeProblem } from '../office/office-problem';
import { OfficeSecretStore } from '../office/office-secrets';
import { movedOf, recordSecrets } from '../office/moved-record';
import { type MovedMark } from './book';
import type { Clock, SecretStore } from '../ports';
import { InProcessReads, ReadWorker, type Reads } from '../reads/reads';
import { openBook } from './open-book';
import { type Book } from './book';

export interface BookOfKindOptions {
  dataFolder: string;
  bookFile: string;
  /** The office's PostgreSQL book instead of the file (office mode), with its office key. */
  office?: { connection: OfficeConnection; key: string };
  clock: Clock;
  /** This desktop's own secret store (the OS keychain). */
  secrets: SecretStore;
  /** The read worker's script; absent, or a book in memory: heavy reads run in process. */
  readWorker?: string;
  /** How often a desktop looks for a bulk another desktop stopped running (ms), on an office book. */
  bulkTakeOverMs?: number;
  log: Logger;
  bus: EventBus;
  desktopId: string;
}

/** A book opened, with what its kind brings to the core. */
export interface BookOfKind {
  book: Book;
  /** A file whose book moved to the office server: a read-only record (moved-record.ts), else null. */
  record: MovedMark | null;
  /** Where the core keeps secrets: this desktop's store, with the office's sealed ones on an office book. */
  secrets: SecretStore;
  /** What any desktop of the office emits reaches this one's windows (an office book). */
  officeEvents: OfficeEvents | null;
  /** The heavy reads: a worker thread on a book file, in process otherwise. */
  reads: Reads;
  /** How often to look for a bulk another desktop stopped running; null where there is no other desktop. */
  bulkTakeOverMs: number | null;
  /** Who is signed in here, for the office book's functions to check before a mailbox secret changes. */
  actAs(token: () => string | null): void;
}

/**
 * Opens the book of the kind asked for and sets up what differs between the kinds: the secrets, the
 * office's events, the read worker and the bulk takeover. The one place the core asks which kind.
 * A failure after the book opened closes it again.
 */
export async function openBookOfKind(options: BookOfKindOptions): Promise<BookOfKind> {
  const { log } = options;
  if (!options.office) {
    const book = await openBook({
      file: options.bookFile,
      dataFolder: options.dataFolder,
      now: () => options.clock.now(),
    });
    // A file whose book moved: nothing sends, syncs or spends from it, and the book's secrets are not
    // put back in this desktop's store.
    const record = movedOf(book);
    if (record) log.info('this book moved to the office server: the file is opened as a read-only record', record);
    const reads =
      options.readWorker && book.file !== ':memory:'
        ? new ReadWorker(options.readWorker, book.file, log)
        : new InProcessReads(book.db);
    const secrets = record ? recordSecrets(options.secrets, record) : options.secrets;
    return { book, record, secrets, officeEvents: null, reads, bulkTakeOverMs: null, actAs: () => {} };
  }
  const { connection, key } = options.office;
  const book = await openOfficeBook(connection, {
    dataFolder: options.dataFolder,
    onConnectionLost: (error) => log.info('the office server dropped an idle connection', { error: error.message }),
  }).catch((error: unknown) => {
    // Said in the user's terms: the host shows it and offers to try again.
    throw officeProblem(error, connection) ?? error;
  });
  try {
    // An office book keeps the book's secrets (the mailbox password…) for every desktop of the office.
    const secrets = await OfficeSecretStore.open(book.db, key, options.secrets, () => options.clock.now());
    const officeEvents = await OfficeEvents.start(
      connection,
      options.bus,
      (channel, payload) => sql`select pg_notify(${channel}, ${payload})`.execute(book.db),
      log,
      options.desktopId,
    );
    const reads = new InProcessReads(book.db);
    return {
      book,
      record: null,
      secrets,
      officeEvents,
      reads,
      bulkTakeOverMs: options.bulkTakeOverMs ?? 5000,
      actAs: (token) => secrets.actAs(token),
    };
  } catch (error) {
    await book.close().catch(() => {});
    throw book.problemOf(error) ?? error;
  }
}
