import { z } from 'zod';
import { defineCall, defineEvent } from './define';
import { noInput } from './fields';

export const backupInfo = z.object({
  name: z.string(),
  kind: z.enum(['daily', 'before-update', 'before-restore']),
  /** When it was taken: a local day (daily) or an ISO time. */
  date: z.string(),
  bytes: z.int(),
});

const pem = z.string().max(20_000);

/** The office's PostgreSQL server, as a desktop reaches it. Passwords and keys travel only in the calls' inputs. */
export const officeServer = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.int().min(1).max(65_535),
    database: z.string().trim().min(1).max(63),
    user: z.string().trim().min(1).max(63),
    /**
     * 'verify': TLS, the server's certificate checked (against `ca` when given, else the system's);
     * 'off': none, only to a server on this computer (loopback; else refused: tls secret_in_clear).
     * A saved password goes only with the TLS, CA and client certificate it was saved with.
     */
    tls: z.enum(['off', 'verify']),
    /** The office's own CA (PEM), when the server's certificate is signed by it; '' for the system's. */
    ca: pem.default(''),
    /** A TLS client certificate (PEM) for a server that asks for one; '' for none. Its key is a secret. */
    clientCert: pem.default(''),
  })
  .strict();

/**
 * The office database's owner, typed only when the book is made or Daftar updates it (or a desktops'
 * role is given its rights): used for that one call, never saved.
 */
export const bookOwner = z.object({
  ownerUser: z.string().trim().min(1).max(63).optional(),
  ownerPassword: z.string().max(512).optional(),
});

/** The office server as typed in Settings → Book, with its secrets; a secret left out keeps the saved one. */
export const officeServerInput = officeServer
  .extend({
    password: z.string().max(512).optional(),
    clientKey: pem.optional(),
    /** The office key, from a desktop already on this office book; absent: the saved one, or a new office. */
    officeKey: z.string().max(200).optional(),
    ...bookOwner.shape,
  })
  .strict();

/** Where this desktop's book is: here (a file), or the office server. */
export const bookLocation = z.object({
  /** The book open now. */
  open: z.enum(['here', 'office']),
  /** The book file on this computer (kept as it was when the book moved to the office). */
  file: z.string(),
  /** The office server this desktop is set up for, without its secrets: only whether they are saved. */
  office: officeServer
    .extend({ passwordSaved: z.boolean(), clientKeySaved: z.boolean(), officeKeySaved: z.boolean() })
    .nullable(),
});

export const bookApi = {
  'book.location': defineCall({
    permission: 'manage_users',
    summary: 'Where the book is: this computer, or the office server (its connection, never its password).',
    input: noInput,
    output: bookLocation,
  }),
  'book.officeTest': defineCall({
    permission: 'manage_users',
    summary:
      'Reach the office server with these settings and say what its database holds: nothing yet, or an office book (and whether the office key opens it). Changes nothing.',
    input: officeServerInput,
    output: z.object({
      holds: z.enum(['nothing', 'book']),
      parties: z.int(),
      vouchers: z.int(),
      /** For a database holding a book: whether the office key given (or saved) opens its secrets. */
      keyOpens: z.boolean().nullable(),
    }),
  }),
  'book.useOffice': defineCall({
    permission: 'manage_users',
    summary:
      'Work on the office book from now on: the office key must open it (an empty database starts a new office book, with a new key). Saves the settings, the password and key in the secret store, and restarts.',
    input: officeServerInput,
    output: z.object({ restarting: z.boolean() }),
  }),
  'book.moveToOffice': defineCall({
    permission: 'manage_users',
    summary:
      'Copy this computer’s book into the office server’s empty database, check it (every table’s count, every party’s balance), then work there. The file here is kept, untouched. Progress comes as book.moveProgress.',
    input: officeServerInput,
    output: z.object({ restarting: z.boolean(), rows: z.int(), balances: z.int() }),
  }),
  'book.keepHere': defineCall({
    permission: 'manage_users',
    summary:
      'At first start: this desktop keeps its book on this computer (it can still move to an office server later).',
    input: noInput,
    output: z.object({}),
  }),
  'book.useHere': defineCall({
    permission: 'manage_users',
    summary:
      'Work on the book file on this computer again (as it was when it moved, if it did: a read-only record). The office settings are kept; restarts. From the screen shown when the office book cannot be opened, a file whose users have passwords asks for one of them (name and password).',
    input: z.object({ name: z.string().max(100).optional(), password: z.string().max(256).optional() }).strict(),
    output: z.object({ restarting: z.boolean() }),
  }),
  'book.reopen': defineCall({
    permission: 'signed-in',
    summary:
      'Close the book and open it again where this desktop’s settings say (after the office server could not be reached at start).',
    input: noInput,
    output: z.object({ restarting: z.boolean() }),
  }),
  'book.updateOffice': defineCall({
    permission: 'signed-in',
    summary:
      'With the office database owner’s name and password (typed for this call, never saved): update the office book this desktop is set up for and give this desktop’s database user a desktop’s rights, then open it again.',
    input: bookOwner.required().strict(),
    output: z.object({ restarting: z.boolean() }),
  }),
  'book.officeKey': defineCall({
    permission: 'manage_users',
    summary: 'The office key, to set up another desktop of the office (shown only when asked).',
    input: noInput,
    output: z.object({ officeKey: z.string() }),
  }),
  'book.backups': defineCall({
    permission: 'manage_users',
    summary:
      'The backups of the book, newest first: one a day (the last 7 days and the last 4 weeks kept), before each update, and before each restore.',
    input: noInput,
    output: z.object({ backups: z.array(backupInfo) }),
  }),
  'book.restore': defineCall({
    permission: 'manage_users',
    summary:
      'Put a backup in the book’s place. It is checked first; the swap happens when Daftar starts again (the host restarts it at once where it can), and the book it replaces is kept as a backup.',
    input: z.object({ name: z.string().min(1).max(200) }).strict(),
    output: z.object({ restarting: z.boolean() }),
  }),
};

export const bookEvents = {
  'book.moveProgress': defineEvent({
    summary: 'Moving the book to the office server went on: rows of a table copied so far.',
    payload: z.object({ table: z.string(), done: z.int(), total: z.int() }),
  }),
};
