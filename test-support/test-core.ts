import { mailParserForTests, readWorkerForTests } from './read-worker-build';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallInput, CallName, CallOutput } from '../src-shared/api/contract';
import type { ErrorBody } from '../src-shared/errors';
import { createCore, type Core, type CoreOptions } from '../src-main/core';
import type { PushedEvent } from '../src-main/events';
import { consoleLogger, silentLogger } from '../src-main/log';
import { freshPostgres, type FreshDatabase } from './fresh-postgres';
import type { Clock, Ports, SecretStore } from '../src-main/ports';

export const RESOURCES_DIR = fileURLToPath(new URL('../resources', import.meta.url));

/** An in-memory secret store, so tests can see exactly what was kept. */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

/** The office key the tests' office books are opened with (any 32 bytes; these are fixed so desktops agree). */
export const TEST_OFFICE_KEY = Buffer.alloc(32, 7).toString('base64url');

const once = (work: () => Promise<void>) => {
  let done: Promise<void> | null = null;
  return () => (done ??= work());
};

export class FixedClock implements Clock {
  constructor(public time = new Date('2026-11-27T08:00:00Z')) {}
  now() {
    return new Date(this.time);
  }
}

export function fakePorts(): Ports & { secrets: MemorySecretStore; clock: FixedClock; opened: string[] } {
  const opened: string[] = [];
  return {
    printer: {
      pdf: async () => {
        throw new Error('no printer in this test');
      },
      close: async () => {},
    },
    secrets: new MemorySecretStore(),
    opener: { open: async (url) => void opened.push(url) },
    clock: new FixedClock(),
    opened,
  };
}

export interface TestCore {
  core: Core;
  ports: ReturnType<typeof fakePorts>;
  dataFolder: string;
  events: PushedEvent[];
  /** Options that open this same book again after a restart: the data folder's file, or the same office book. */
  sameBook: Partial<CoreOptions>;
  /**
   * On an office book, the run's superuser on its database: to change rows behind the app's back, as
   * only the book's owner could (the desktops' role may not); null on a book file.
   */
  handUrl: string | null;
  /** A secret as the core keeps it (the desktop's store; an office book's own, sealed in the book). */
  secret(name: string): Promise<string | null>;
  /** Call and expect success; throws with the error body otherwise. */
  ok<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  /** Call and expect failure; answers the error body. */
  fail(name: string, input: unknown): Promise<ErrorBody>;
  close(): Promise<void>;
}

/**
 * test tier: unit (PostgreSQL only in the office tier, where DAFTAR_TEST_BOOK=postgres)
 *
 * A core on a fresh migrated in-memory book (or a file, when asked: its heavy reads then run on the
 * read worker; or, with DAFTAR_TEST_BOOK=postgres, a fresh office book on the run's PostgreSQL) with fake ports.
 */
export async function testCore(
  options: Partial<CoreOptions> & { onDisk?: boolean; printer?: Ports['printer'] } = {},
): Promise<TestCore> {
  const dataFolder = options.dataFolder ?? mkdtempSync(join(tmpdir(), 'daftar-test-'));
  // The suite on PostgreSQL (npm run test:office): each core gets a fresh office book of its own.
  const office: FreshDatabase | null =
    process.env.DAFTAR_TEST_BOOK === 'postgres' && !options.office && !options.bookFile
      ? await freshPostgres('book')
      : null;
  const officeConnection = office ? office.desktop : undefined;
  const ports = fakePorts();
  if (options.printer) ports.printer = options.printer;
  const core = await createCore({
    dataFolder,
    bookFile: options.onDisk ? undefined : ':memory:',
    ports,
    host: 'node',
    version: '0.0.0-test',
    log: process.env.DAFTAR_TEST_LOG ? consoleLogger : silentLogger,
    smtpTimeoutMs: 3000,
    resourcesDir: RESOURCES_DIR,
    readWorker: options.onDisk ? await readWorkerForTests() : undefined,
    ...(officeConnection ? { office: officeConnection } : {}),
    officeKey: TEST_OFFICE_KEY,
    ...options,
    // Received mail is parsed as the hosts parse it: in a worker of its own.
    imap: { parserWorker: options.onDisk ? await mailParserForTests() : undefined, ...options.imap },
  });
  const events: PushedEvent[] = [];
  core.on((e) => events.push(e));
  return {
    core,
    ports,
    dataFolder,
    events,
    handUrl: office?.url ?? null,
    sameBook: {
      dataFolder,
      ...(core.book.dialect === 'postgres' ? { office: options.office ?? officeConnection } : {}),
    },
    secret: (name) => core.secrets.get(name),
    async ok(name, input) {
      const answer = await core.call(name, input);
      if (!answer.ok) throw new Error(`${name} failed: ${JSON.stringify(answer.error)}`);
      return answer.value;
    },
    async fail(name, input) {
      const answer = await core.call(name, input);
      if (answer.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(answer.value)}`);
      return answer.error;
    },
    // Closing twice (a test's own close, then its afterEach) closes once.
    close: once(async () => {
      await core.close();
      await office?.drop();
      rmSync(dataFolder, { recursive: true, force: true });
    }),
  };
}
