import { InProcessReads, ReadWorker, type Reads } from './reads/reads';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { contract, isCallName, type CallInput, type CallName, type CallOutput } from '../src-shared/api/contract';
import { fieldProblemsFromZod } from '../src-shared/api/field-problems';
import { AppError, type Envelope } from '../src-shared/errors';
import { appHandlers } from './app/app.handlers';
import { BackupSchedule } from './book/backup-schedule';
import { bookHandlers } from './book/book.handlers';
import { sql } from 'kysely';
import { openOfficeBook, type OfficeConnection } from './office/office-book';
import { OfficeEvents } from './office/office-events';
import { OfficeSecretStore } from './office/office-secrets';
import { heldWriteProblem } from './office/hold-writes';
import { movedOf, recordSecrets } from './office/moved-record';
import { RecordSignIn } from './office/record-sign-in';
import { officeProblem } from './office/office-problem';
import { openBook, type Book } from './book/open-book';
import { bulkHandlers } from './bulk/bulk.handlers';
import { BulkRunner } from './bulk/bulk.service';
import { companyHandlers } from './company/company.handlers';
import { creditsHandlers } from './credits/credits.handlers';
import { GrantCheck } from './credits/grant-check';
import { LicensingSync, type LicensingConfig } from './credits/sync';
import { mailboxHandlers } from './mailbox/mailbox.handlers';
import { OAuthGrant } from './mailbox/oauth/oauth-grant';
import type { OAuthClients } from './mailbox/oauth/providers';
import { isDiskFull } from './disk-full';
import { EventBus, type EventListener } from './events';
import { consoleLogger, type Logger } from './log';
import { mailHandlers } from './mail/mail.handlers';
import { MailQueue } from './mail/mail-queue';
import { OutboxWorker, type WorkerOptions } from './mail/worker';
import { MailboxReader, type ReaderOptions } from './mail/imap/mailbox-reader';
import { partiesHandlers } from './parties/parties.handlers';
import { mailReportHandlers } from './mail-report/mail-report.handlers';
import { printHandlers } from './print/print.handlers';
import { reportsHandlers } from './statements/statements.handlers';
import { vouchersHandlers } from './vouchers/vouchers.handlers';
import type { Ports, SecretStore } from './ports';
import type { CallContext, CoreConfig, Handlers, Services } from './registry';
import { settingsHandlers } from './settings/settings.handlers';
import { pruneExports } from './exports/exports';
import { Session } from './users/session';
import { toUser, usersHandlers } from './users/users.handlers';
import * as usersRepo from './users/users.repo';
import { accessOf } from '../src-shared/api/access';

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

export const BOOK_FILE_NAME = 'daftar.sqlite';

/** users.login on a record: the same rules, the wrong tries counted in memory, nothing written. */
function recordLogin(services: Services, session: Session, wrongPasswordDelayMs?: number) {
  const signIn = new RecordSignIn({ now: () => services.ports.clock.now(), wrongPasswordDelayMs });
  const db = services.book.db;
  return async ({ name, password }: { name: string; password: string }) => {
    const row = await signIn.check(
      {
        byName: async (n) => {
          const row = await usersRepo.findByName(db, n);
          return row && { ...row, password_hash: await usersRepo.passwordHashOf(db, row.id) };
        },
        anyPassword: () => usersRepo.anyPassword(db),
      },
      name,
      password,
    );
    session.set(row.id);
    return toUser(row);
  };
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
  const book: Book = options.office
    ? await openOfficeBook(options.office, {
        onConnectionLost: (error) => log.info('the office server dropped an idle connection', { error: error.message }),
      }).catch((error: unknown) => {
        // Said in the user's terms: the host shows it and offers to try again.
        throw officeProblem(error, options.office!) ?? error;
      })
    : await openBook({ file: bookFile, now: () => options.ports.clock.now() });
  pruneExports(options.dataFolder);
  ownDataFolder(options.dataFolder, bookFile);
  if (book.interruptedMigration)
    log.info('an update of the book was interrupted by a crash; the book was left as it was and updated again', {
      migration: book.interruptedMigration,
    });
  if (book.backupFile) log.info('book migrated; backup written', { backup: book.backupFile });

  // A file whose book moved to the office server: a read-only record (moved-record.ts). Nothing sends,
  // syncs or spends from it, and the book's secrets are not put back in this desktop's store.
  const record = movedOf(book);
  if (record) log.info('this book moved to the office server: the file is opened as a read-only record', record);
  // An office book keeps the book's secrets (the mailbox password…) for every desktop of the office.
  const secrets = record
    ? recordSecrets(options.ports.secrets, record)
    : book.kind === 'office'
      ? await OfficeSecretStore.open(book.db, options.officeKey!, options.ports.secrets, () =>
          options.ports.clock.now(),
        ).catch(async (error: unknown) => {
          await book.close();
          throw error;
        })
      : options.ports.secrets;
  const ports: Ports = { ...options.ports, secrets };

  const events = new EventBus();
  const desktopId = randomUUID();
  // An office book: what any desktop emits reaches every desktop's windows.
  const officeEvents = options.office
    ? await OfficeEvents.start(
        options.office,
        events,
        (channel, payload) => sql`select pg_notify(${channel}, ${payload})`.execute(book.db),
        log,
        desktopId,
      )
    : null;
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
  const reads: Reads =
    options.readWorker && book.kind === 'here' && book.file !== ':memory:'
      ? new ReadWorker(options.readWorker, book.file, log)
      : new InProcessReads(book.db);
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
  const bulk = new BulkRunner(
    services,
    queue,
    licensing,
    book.kind === 'office' ? (options.bulkTakeOverMs ?? 5000) : null,
  );
  // A start that fails after the book opened (the office server gone meanwhile) closes what it opened,
  // and says why in the user's terms.
  const orUndo = <T>(step: Promise<T>): Promise<T> =>
    step.catch(async (error: unknown) => {
      await licensing.stop().catch(() => {});
      await reads.close().catch(() => {});
      await officeEvents?.close().catch(() => {});
      await book.close().catch(() => {});
      throw (book.kind === 'office' ? officeProblem(error, book.server) : null) ?? error;
    });
  const session = new Session(services);
  await orUndo(session.start());
  // The book's functions ask who is signed in here before a mailbox secret changes.
  if (secrets instanceof OfficeSecretStore) secrets.actAs(() => session.token());

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
    ...reportsHandlers(services),
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
  async function call(name: string, input: unknown): Promise<Envelope<unknown>> {
    try {
      if (!isCallName(name)) throw new AppError('unknown_call', `No call named ${name}`, { name });
      // Who may do this, as its contract entry says: checked here for every call, before the input is read.
      const access = accessOf(name);
      const user = access.beforeSignIn ? await session.current() : await session.require(access.permissions, name);
      const def = contract[name];
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        const fields = fieldProblemsFromZod(parsed.error);
        throw new AppError(
          'invalid_input',
          `Invalid input for ${name}: ${fields.map((f) => `${f.path} ${f.reason}`).join(', ')}`,
          {
            fields,
          },
        );
      }
      // Some calls need more for some inputs (printing the mail report): known once the input is read.
      const byInput = accessOf(name, parsed.data).permissions.filter((p) => !access.permissions.includes(p));
      if (byInput.length) await session.require(byInput, name);
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, { userId: user?.id ?? null });
      // What the call changed is on disk before the window is told it is done.
      await book.flush();
      // The output schema is the promise made to the renderer: anything not in it (a password) is dropped.
      return { ok: true, value: (def.output as z.ZodType).parse(value) };
    } catch (error) {
      await book.flush().catch(() => {});
      if (error instanceof AppError) return { ok: false, error: error.toBody() };
      // A save while the book is copied to the office server: refused whole, and said why.
      const held = heldWriteProblem(book, error);
      if (held) return { ok: false, error: held.toBody() };
      // The office server away (switched off, the network down): the user hears so, and its transaction never committed.
      const away = book.kind === 'office' ? officeProblem(error, book.server) : null;
      if (away) {
        log.info(`call ${name}: the office server could not be reached`, { error: away.message });
        return { ok: false, error: away.toBody() };
      }
      if (isDiskFull(error)) {
        log.error(`call ${name}: the disk is full`, error);
        const full = AppError.because(
          'disk_full',
          'The disk is full: nothing was saved. Free some space and try again.',
        );
        return { ok: false, error: full.toBody() };
      }
      log.error(`call ${name} failed`, error);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'Something went wrong inside Daftar; the details are in its log.',
          details: {},
        },
      };
    }
  }

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
