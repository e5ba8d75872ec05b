import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CallInput, CallName, CallOutput } from '../src-shared/api/contract';
import type { Envelope } from '../src-shared/errors';
import { appHandlers } from './app/app.handlers';
import { BackupSchedule } from './book/backup-schedule';
import { BOOK_FILE_NAME } from './book/book-file';
import { bookHandlers } from './book/book.handlers';
import { openBookOfKind } from './book/book-of-kind';
import type { Book } from './book/book';
import { bulkHandlers } from './bulk/bulk.handlers';
import { BulkRunner } from './bulk/bulk.service';
import { companyHandlers } from './company/company.handlers';
import { callDispatcher } from './core-call';
import { creditsHandlers } from './credits/credits.handlers';
import { GrantCheck } from './credits/grant-check';
import { LicensingSync, type LicensingConfig } from './credits/sync';
import { EventBus, type EventListener } from './events';
import { pruneExports } from './exports/exports';
import { consoleLogger, type Logger } from './log';
import { MailboxReader, type ReaderOptions } from './mail/imap/mailbox-reader';
import { mailHandlers } from './mail/mail.handlers';
import { MailQueue } from './mail/mail-queue';
import { OutboxWorker, type WorkerOptions } from './mail/worker';
import { mailReportHandlers } from './mail-report/mail-report.handlers';
import { mailboxHandlers } from './mailbox/mailbox.handlers';
import { OAuthGrant } from './mailbox/oauth/oauth-grant';
import type { OAuthClients } from './mailbox/oauth/providers';
import type { OfficeConnection } from './office/office-connection';
import { partiesHandlers } from './parties/parties.handlers';
import type { Ports, SecretStore } from './ports';
import { printHandlers } from './print/print.handlers';
import type { Reads } from './reads/reads';
import type { CoreConfig, Handlers, Services } from './registry';
import { settingsHandlers } from './settings/settings.handlers';
import { statementsHandlers } from './statements/statements.handlers';
import { recordLogin } from './users/record-login';
import { Session } from './users/session';
import { usersHandlers } from './users/users.handlers';
import { vouchersHandlers } from './vouchers/vouchers.handlers';

export interface CoreOptions {
  /** The data folder: the book and its backups live here. */
  dataFolder: string;
  /** ':memory:' for tests; defaults to `daftar.sqlite` in the data folder. */
  bookFile?: string;
  /** The office's PostgreSQL book instead of a file on this computer (office mode). */
  office?: OfficeConnection;
  /** The office key (office mode): opens the secrets the office's desktops share, kept in the book sealed. */
  officeKey?: string;
  /** Office mode: how often a desktop looks for a bulk another desktop stopped running (ms). */
  bulkTakeOverMs?: number;
  ports: Ports;
  host: CoreConfig['host'];
  version: string;
  resourcesDir: string;
  smtpCa?: string[];
  smtpTimeoutMs?: number;
  /** DNS servers for the sender-domain check; absent: the system's. */
  dnsServers?: string[];
  /** The licensing server and its public key; absent: credits are not configured. */
  licensing?: LicensingConfig;
  /** The app's OAuth2 client registrations with Microsoft and Google (absent: those sign-ins are not offered). */
  oauthClients?: OAuthClients;
  /** A backup of the book each day (hosts); tests take them by hand. */
  backups?: { auto?: boolean };
  /** Close this core and open it again (hosts): finishes a restore at once. */
  restart?: () => void;
  /** How long a wrong password waits (tests shorten it). */
  wrongPasswordDelayMs?: number;
  /** The read worker's script (hosts: read-worker.cjs beside theirs); absent, or a book in memory: heavy reads run in process. */
  readWorker?: string;
  /** The outbox worker: retry timing, and whether it sends on its own (hosts) or is driven (tests). */
  mail?: WorkerOptions;
  /** The mailbox reader (IMAP: bounces, Sent copies): whether it reads on its own (hosts) or is driven (tests). */
  imap?: ReaderOptions;
  log?: Logger;
}

export interface Core {
  /** Validate, dispatch, answer an envelope. Never throws. */
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Envelope<CallOutput<K>>>;
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(listener: EventListener): () => void;
  close(): Promise<void>;
  readonly book: Book;
  /** Which credit grants count, for tests that reserve credits directly. */
  readonly grants: GrantCheck;
  /** The outbox worker, for hosts and tests that drive it. */
  readonly outbox: OutboxWorker;
  /** Where the heavy reads run, for tests that stop its worker. */
  readonly reads: Reads;
  /** The mailbox reader, for hosts and tests that drive it. */
  readonly reader: MailboxReader;
  /** Where this core keeps secrets: the desktop's store, or on an office book the book's own sealed ones with it (tests look). */
  readonly secrets: SecretStore;
  /** This run of this desktop: what it claims in an office book (a message it is sending) carries it. */
  readonly desktopId: string;
}

/**
 * Make the data folder its owner's only (0700) — when it is the book's own folder. A folder
 * given by hand that is shared by nature (/tmp, with its sticky bit) or holds no book of
 * ours is left as it is: changing it would break everything else that lives there.
 */
function ownDataFolder(dataFolder: string, bookFile: string): void {
  if (bookFile !== join(dataFolder, BOOK_FILE_NAME) || !existsSync(bookFile)) return;
  if (statSync(dataFolder).mode & 0o1000) return;
  chmodSync(dataFolder, 0o700);
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? consoleLogger;
  // The data folder is its user's alone: the book, its backups, the PDFs and the secrets.
  mkdirSync(options.dataFolder, { recursive: true, mode: 0o700 });
  const bookFile = options.bookFile ?? join(options.dataFolder, BOOK_FILE_NAME);
  if (options.office && !options.officeKey) throw new Error('An office book is opened with its office key');
  const events = new EventBus();
  const desktopId = randomUUID();
  const { book, record, secrets, officeEvents, reads, bulkTakeOverMs, actAs } = await openBookOfKind({
    dataFolder: options.dataFolder,
    bookFile,
    office: options.office && { connection: options.office, key: options.officeKey! },
    clock: options.ports.clock,
    secrets: options.ports.secrets,
    readWorker: options.readWorker,
    bulkTakeOverMs: options.bulkTakeOverMs,
    log,
    bus: events,
    desktopId,
  });
  try {
    pruneExports(options.dataFolder);
    ownDataFolder(options.dataFolder, bookFile);
  } catch (error) {
    // The data folder refused (its rights): what the book's kind opened is closed again.
    await officeEvents?.close().catch(() => {});
    await reads.close().catch(() => {});
    await book.close().catch(() => {});
    throw error;
  }
  if (book.interruptedMigration)
    log.info('an update of the book was interrupted by a crash; the book was left as it was and updated again', {
      migration: book.interruptedMigration,
    });
  if (book.backupFile) log.info('book migrated; backup written', { backup: book.backupFile });
  const ports: Ports = { ...options.ports, secrets };
  const config: CoreConfig = {
    version: options.version,
    dataFolder: options.dataFolder,
    host: options.host,
    resourcesDir: options.resourcesDir,
    smtpCa: options.smtpCa ?? [],
    smtpTimeoutMs: options.smtpTimeoutMs ?? 15_000,
    dnsServers: options.dnsServers ?? [],
    desktopId,
  };
  const grants = new GrantCheck(options.licensing?.publicKeyPem ?? '', log);
  const services: Services = { book, ports, events, log, config, grants, reads };
  // A record has no place at the licensing server (the office book is that device now): no server, no sync.
  const licensing = new LicensingSync(
    services,
    record
      ? { url: null, publicKeyPem: options.licensing?.publicKeyPem ?? '' }
      : (options.licensing ?? { url: null, publicKeyPem: '' }),
  );
  const grant = new OAuthGrant(services, options.oauthClients ?? { microsoft: null, google: null });
  const worker = new OutboxWorker(services, grant, options.mail);
  const reader = new MailboxReader(services, grant, options.imap);
  worker.onSentCopyOwed = () => reader.kick();
  if (officeEvents) officeEvents.onPresence = (held) => worker.presenceChanged(held);
  const queue = new MailQueue(services, worker);
  const bulk = new BulkRunner(services, queue, licensing, bulkTakeOverMs);
  // A start that fails after the book opened (the office server gone meanwhile) closes what it opened,
  // and says why in the user's terms.
  const orUndo = <T>(step: Promise<T>): Promise<T> =>
    step.catch(async (error: unknown) => {
      await licensing.stop().catch(() => {});
      await reads.close().catch(() => {});
      await officeEvents?.close().catch(() => {});
      await book.close().catch(() => {});
      throw book.problemOf(error) ?? error;
    });
  const session = new Session(services);
  await orUndo(session.start());
  // An office book's functions ask who is signed in here before a mailbox secret changes.
  actAs(() => session.token());

  const handlers = {
    ...appHandlers(services),
    ...settingsHandlers(services),
    ...partiesHandlers(services),
    ...companyHandlers(services),
    ...mailboxHandlers(services, grant, {
      saved: async () => {
        await worker.mailboxSaved();
        reader.kick();
      },
      readerStatus: () => reader.status(),
    }),
    ...vouchersHandlers(services),
    ...statementsHandlers(services),
    ...printHandlers(services),
    ...creditsHandlers(services, licensing),
    ...mailHandlers(services, queue, worker, licensing),
    ...bulkHandlers(services, bulk, queue, licensing),
    ...usersHandlers(services, session, { wrongPasswordDelayMs: options.wrongPasswordDelayMs }),
    // A record signs in without writing its count of wrong passwords (the file takes no write).
    ...(record ? { 'users.login': recordLogin(services, session, options.wrongPasswordDelayMs) } : {}),
    ...mailReportHandlers(services, queue),
    ...bookHandlers(services, {
      restart: options.restart,
      // Bulks first (they queue messages), then the outbox: a move copies a book nothing is sending from.
      holdSending: async () => {
        const bulks = await bulk.hold();
        const outbox = await worker.hold();
        return () => {
          outbox();
          bulks();
        };
      },
    }),
  } satisfies Handlers;
  const call = callDispatcher(handlers, session, book, log);

  // Queuing, failing or cancelling a message moves the balance: tell the windows.
  events.on((event) => {
    if (event.name === 'mail.changed')
      void licensing.status().then(
        (status) => events.emit('credits.changed', status),
        () => {},
      );
  });
  const backups = new BackupSchedule(services);
  if (options.backups?.auto) backups.start();
  if (record) {
    // Held for good: a kick (a handler's) wakes nothing, and nothing interrupted is requeued into the record.
    await worker.hold();
    await bulk.hold();
  } else {
    licensing.start();
    await orUndo(worker.start());
    reader.start();
    await orUndo(bulk.start());
  }
  let closed = false;
  return {
    call: call as Core['call'],
    on: (listener) => events.on(listener),
    book,
    grants,
    outbox: worker,
    reads,
    reader,
    secrets,
    desktopId,
    async close() {
      if (closed) return;
      closed = true;
      grant.close();
      await licensing.stop();
      await backups.stop();
      await bulk.stop();
      await worker.stop();
      await reader.stop();
      await reads.close();
      await officeEvents?.close();
      // The user's sign-in to an office book ends with this desktop's run (a server away: it ends unused).
      await session.writes.signOut(session.token()).catch(() => {});
      await book.close();
      await options.ports.printer.close();
    },
  };
}
