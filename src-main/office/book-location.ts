import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { officeServer } from '../../src-shared/api/book.api';
import { AppError } from '../../src-shared/errors';
import type { SecretStore } from '../ports';
import { isLoopback } from '../mailbox/secret-binding';
import { OFFICE_CLIENT_KEY_KEY, OFFICE_KEY_KEY, OFFICE_PASSWORD_KEY } from '../secrets/secret-names';
import type { Book } from '../book/book';
import type { OfficeConnection } from './office-connection';

export type OfficeServer = z.output<typeof officeServer>;

/** Which book this desktop opens, and the office server it is set up for (kept while it works here). */
const savedLocation = z.object({
  open: z.enum(['here', 'office']),
  office: officeServer.nullable(),
});
export type SavedLocation = z.output<typeof savedLocation>;

/** Per desktop, beside the book file: never in a book, since it says which book to open. */
export const LOCATION_FILE = 'book-location.json';

export function readLocation(dataFolder: string): SavedLocation {
  const file = join(dataFolder, LOCATION_FILE);
  if (!existsSync(file)) return { open: 'here', office: null };
  const parsed = savedLocation.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  // Never a silent fall back to the book here: it may be an old copy of the office's.
  if (!parsed.success) throw new Error(`${file} is not a book location Daftar wrote: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * This desktop's first start: no choice of where the book is made yet (no location file), and the
 * book here is new (no card, voucher, message or company name). A desktop that has worked for a while
 * before office mode existed has a book with something in it, and is not asked.
 */
export async function isFirstStart(dataFolder: string, book: Book): Promise<boolean> {
  if (book.kind !== 'here' || existsSync(join(dataFolder, LOCATION_FILE))) return false;
  const { db } = book;
  const anyOf = async (table: 'parties' | 'vouchers' | 'outbox') =>
    (await db.selectFrom(table).select('id').limit(1).executeTakeFirst()) !== undefined;
  const company = await db.selectFrom('company').select(['name_ar', 'name_en']).executeTakeFirst();
  if (company && (company.name_ar || company.name_en)) return false;
  return !(await anyOf('parties')) && !(await anyOf('vouchers')) && !(await anyOf('outbox'));
}

/** Replaced at once (a crash keeps the old file): a half-written location would open no book at all. */
export function writeLocation(dataFolder: string, location: SavedLocation): void {
  const file = join(dataFolder, LOCATION_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(savedLocation.parse(location), null, 2), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** A server on this computer: a loopback address or name, or a Unix socket's folder (pg: a path). */
export const onThisComputer = (host: string) => isLoopback(host) || host.trim().startsWith('/');

/**
 * Refuses an office server without TLS on another computer: its password (and every row of the
 * book) would cross the network in clear, to anyone posing as the server. Only a server on this
 * computer may go without. A location an earlier Daftar saved this way does not open: the window
 * says to switch TLS on (Settings → Book).
 */
export function refuseOfficeInClear(server: { host: string; tls: 'off' | 'verify' | boolean }) {
  if ((server.tls === 'off' || server.tls === false) && !onThisComputer(server.host))
    throw AppError.because(
      'office_tls',
      `The office server ${server.host.trim()} is set up without TLS: Daftar sends its password only over TLS to another computer`,
      { why: 'in_clear', host: server.host.trim() },
    );
}

/** The connection to the office server, with the secrets it needs. */
export function officeConnection(
  server: OfficeServer,
  secrets: { password: string | null; clientKey: string | null },
): OfficeConnection {
  return {
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    password: secrets.password ?? undefined,
    tls:
      server.tls === 'off'
        ? null
        : {
            ...(server.ca ? { ca: server.ca } : {}),
            ...(server.clientCert ? { cert: server.clientCert } : {}),
            ...(secrets.clientKey ? { key: secrets.clientKey } : {}),
          },
  };
}

/** What createCore needs to open this desktop's book: nothing for the file here, else the office's connection and key. */
export async function locatedBook(
  dataFolder: string,
  desktopSecrets: SecretStore,
): Promise<{ office?: OfficeConnection; officeKey?: string }> {
  const location = readLocation(dataFolder);
  if (location.open === 'here' || !location.office) return {};
  // Before any secret is read: a saved location without TLS to another computer is not used.
  refuseOfficeInClear(location.office);
  const officeKey = await desktopSecrets.get(OFFICE_KEY_KEY);
  if (!officeKey)
    throw AppError.because(
      'office_key_wrong',
      'This desktop is set up for the office book, but no office key is saved',
    );
  return {
    office: officeConnection(location.office, {
      password: await desktopSecrets.get(OFFICE_PASSWORD_KEY),
      clientKey: await desktopSecrets.get(OFFICE_CLIENT_KEY_KEY),
    }),
    officeKey,
  };
}
