import { join } from 'node:path';
import type { z } from 'zod';
import { BOOK_FILE_NAME } from '../book/book-file';
import type { bookApi, officeServerInput } from '../../src-shared/api/book.api';
import { AppError } from '../../src-shared/errors';
import type { DomainHandlers, Services } from '../registry';
import { BOOK_SECRETS, OFFICE_CLIENT_KEY_KEY, OFFICE_KEY_KEY, OFFICE_PASSWORD_KEY } from '../secrets/secret-names';
import { officeConnection, onThisComputer, readLocation, writeLocation, type OfficeServer } from './book-location';
import { openOfficeBook } from './office-book';
import { type OfficeConnection } from './office-connection';
import { giveDesktopRights } from './office-roles';
import { updateOfficeAsOwner } from './office-update';
import { inspectOffice } from './office-inspect';
import { officeProblem } from './office-problem';
import { newOfficeKey, officeKeyOpens, OfficeSecretStore } from './office-secrets';
import { holdWrites } from './hold-writes';
import { moveBookToOffice } from './move-to-office';
import { markMoved, refuseOnRecord } from './moved-record';
import { localBook, officeWhere } from '../book/book';

type OfficeInput = z.output<typeof officeServerInput>;

/** The server as saved: without TLS, no CA or client certificate (the form may still hold them). */
const serverOf = (input: OfficeInput): OfficeServer => ({
  host: input.host,
  port: input.port,
  database: input.database,
  user: input.user,
  tls: input.tls,
  ca: input.tls === 'off' ? '' : input.ca,
  clientCert: input.tls === 'off' ? '' : input.clientCert,
});

/** The database's owner, when the form gives one: for this call only (the book is made or updated), never saved. */
const withOwner = (connection: OfficeConnection, input: OfficeInput): OfficeConnection =>
  input.ownerUser
    ? { ...connection, owner: { user: input.ownerUser, password: input.ownerPassword ?? '' } }
    : connection;

/** The same server signed in to as the owner the form gives (a move writes every table), else as the form's user. */
const asOwner = (connection: OfficeConnection, input: OfficeInput): OfficeConnection =>
  input.ownerUser ? { ...connection, user: input.ownerUser, password: input.ownerPassword ?? '' } : connection;

/** The same server and user as the saved settings: only then may the saved office key be used with it. */
const sameServer = (a: OfficeServer | null, b: OfficeServer): a is OfficeServer =>
  a !== null &&
  a.host.trim().toLowerCase() === b.host.trim().toLowerCase() &&
  a.port === b.port &&
  a.database === b.database &&
  a.user === b.user;

/**
 * The same server, reached the same way: TLS on or off, the CA that vouches for it, the client
 * certificate. A saved password goes only there: with TLS off, or another CA, whoever poses as the
 * server would be handed it.
 */
const sameReach = (a: OfficeServer | null, b: OfficeServer) =>
  sameServer(a, b) &&
  a.tls === b.tls &&
  // Without TLS there is no CA or client certificate (an earlier Daftar saved the form's anyway).
  (a.tls === 'off' || (a.ca.trim() === b.ca.trim() && a.clientCert.trim() === b.clientCert.trim()));

/** What the host and the core lend the book's handlers. */
export interface LocationHooks {
  /** Closes the core and opens the book now chosen (hosts). */
  restart?: () => void;
  /** Stops sending (bulks, the outbox) until the returned release; what is on the wire finishes first. */
  holdSending?: () => Promise<() => void>;
}

/** Settings → Book: where this desktop's book is, and moving it to the office server. */
export function locationHandlers(services: Services, hooks: LocationHooks) {
  const { book, ports, config, events, log } = services;
  // Always the desktop's own store: these are this desktop's way in, not the book's secrets.
  const secrets = ports.secrets;

  /**
   * The form's secrets, else the saved ones when the form names the saved server, reached as it
   * was saved (sameReach). Refused first: TLS off to another computer (nothing is sent or saved),
   * and a saved password the form would send another way than it was saved for (typed again).
   */
  async function secretsFor(input: OfficeInput) {
    if (input.tls === 'off' && !onThisComputer(input.host))
      throw AppError.invalidField('tls', 'secret_in_clear', { host: input.host.trim() });
    const location = readLocation(config.dataFolder).office;
    const server = serverOf(input);
    const keep = async (given: string | undefined, name: string, bound: boolean) =>
      given !== undefined ? given : bound ? await secrets.get(name) : null;
    const reachedAsSaved = sameReach(location, server);
    if (
      input.password === undefined &&
      sameServer(location, server) &&
      !reachedAsSaved &&
      (await secrets.get(OFFICE_PASSWORD_KEY)) !== null
    )
      throw AppError.invalidField(
        'password',
        'tls_changed',
        {},
        'The saved password goes only with the TLS, CA and client certificate it was saved with: type it again',
      );
    return {
      password: await keep(input.password, OFFICE_PASSWORD_KEY, reachedAsSaved),
      clientKey: await keep(input.clientKey, OFFICE_CLIENT_KEY_KEY, reachedAsSaved),
      officeKey: await keep(input.officeKey?.trim() || undefined, OFFICE_KEY_KEY, sameServer(location, server)),
    };
  }

  /** This desktop now opens the office book: its settings beside the book file, its secrets in the store. */
  async function remember(input: OfficeInput, given: Awaited<ReturnType<typeof secretsFor>>, officeKey: string) {
    const set = (name: string, value: string | null) => (value ? secrets.set(name, value) : secrets.delete(name));
    await set(OFFICE_PASSWORD_KEY, given.password);
    await set(OFFICE_CLIENT_KEY_KEY, given.clientKey);
    await set(OFFICE_KEY_KEY, officeKey);
    writeLocation(config.dataFolder, { open: 'office', office: serverOf(input) });
  }

  /**
   * The book is the office's now: the file here becomes its read-only record (never again a live
   * clone that sends, spends or signs in users the office deleted), and the book's secrets leave
   * this desktop's store (the office book holds them sealed since the move's commit). The move
   * itself succeeded: a failure here is logged, and the restart still opens the office book.
   */
  async function leaveBehind(here: ReturnType<typeof localBook>, to: string) {
    try {
      markMoved(here, { at: ports.clock.now().toISOString(), to });
      await here.flush();
    } catch (error) {
      log.error('the book moved, but the file here could not be marked as its read-only record', error);
    }
    for (const name of BOOK_SECRETS)
      await secrets.delete(name).catch((error: unknown) => log.error(`the book moved, but ${name} stayed here`, error));
  }

  const restartSoon = () => {
    // After this answer has gone out: the host closes the core and opens the book now chosen.
    if (hooks.restart) setTimeout(hooks.restart, 50).unref?.();
    return Boolean(hooks.restart);
  };

  /** Opens the office book (its migrations run), checks the key against it, and closes it again. */
  async function openAndCheck(input: OfficeInput, given: Awaited<ReturnType<typeof secretsFor>>, officeKey: string) {
    const connection = officeConnection(serverOf(input), given);
    const office = await openOfficeBook(withOwner(connection, input)).catch((error: unknown) => {
      throw officeProblem(error, connection) ?? error;
    });
    try {
      await OfficeSecretStore.open(office.db, officeKey, secrets, () => ports.clock.now());
    } finally {
      await office.close();
    }
  }

  return {
    'book.location': async () => {
      const location = readLocation(config.dataFolder);
      return {
        open: book.kind,
        file: book.kind === 'here' ? book.file : join(config.dataFolder, BOOK_FILE_NAME),
        office: location.office && {
          ...location.office,
          passwordSaved: (await secrets.get(OFFICE_PASSWORD_KEY)) !== null,
          clientKeySaved: (await secrets.get(OFFICE_CLIENT_KEY_KEY)) !== null,
          officeKeySaved: (await secrets.get(OFFICE_KEY_KEY)) !== null,
        },
      };
    },

    'book.officeTest': async (input) => {
      const given = await secretsFor(input);
      const held = await inspectOffice(asOwner(officeConnection(serverOf(input), given), input));
      return {
        holds: held.holds,
        parties: held.parties,
        vouchers: held.vouchers,
        keyOpens:
          held.holds === 'nothing' || held.keyCheck === null
            ? null
            : given.officeKey !== null && officeKeyOpens(held.keyCheck, given.officeKey),
      };
    },

    'book.useOffice': async (input) => {
      const given = await secretsFor(input);
      const held = await inspectOffice(asOwner(officeConnection(serverOf(input), given), input));
      // A book already there is opened with its office key; an empty database starts a new office book.
      if (held.holds === 'book' && !given.officeKey) throw AppError.invalidField('officeKey', 'required');
      const officeKey = held.holds === 'book' ? given.officeKey! : (given.officeKey ?? newOfficeKey());
      await openAndCheck(input, given, officeKey);
      await remember(input, given, officeKey);
      log.info('this desktop now works on the office book', { server: `${input.database} on ${input.host}` });
      return { restarting: restartSoon() };
    },

    'book.moveToOffice': async (input) => {
      const here = localBook(book);
      // A record is the book as it was: moved again, it would be a second live book (and its hold's release would unlock it).
      refuseOnRecord(here);
      const given = await secretsFor(input);
      const connection = officeConnection(serverOf(input), given);
      const held = await inspectOffice(connection);
      if (held.holds === 'book')
        throw AppError.because(
          'office_not_empty',
          `The office database ${input.database} already holds a book (${held.parties} cards, ${held.vouchers} vouchers, ${held.messages} messages)`,
          { parties: held.parties, vouchers: held.vouchers, messages: held.messages },
        );
      // The book is made and filled by its owner, typed for this move (an office set up with one role: its
      // only user), who then gives this desktop's database user a desktop's rights.
      const office = await openOfficeBook(asOwner(connection, input))
        .then(async (opened) => {
          if (input.ownerUser)
            await giveDesktopRights(opened.db, connection.user).catch(async (error: unknown) => {
              await opened.close();
              throw error;
            });
          return opened;
        })
        .catch((error: unknown) => {
          throw officeProblem(error, asOwner(connection, input)) ?? error;
        });
      const officeKey = newOfficeKey();
      // The file holds still while it is copied: nothing sent, nothing saved from another window.
      const releaseSending = (await hooks.holdSending?.()) ?? (() => {});
      const hold = holdWrites(here);
      let moved;
      try {
        moved = await moveBookToOffice(here, office, config.dataFolder, (p) => events.emit('book.moveProgress', p), {
          desktop: secrets,
          officeKey,
          now: () => ports.clock.now(),
        }).catch((error: unknown) => {
          throw officeProblem(error, connection) ?? error;
        });
        // Moved: the file stays held until the restart opens the office book; nothing more goes into it.
        await remember(input, given, officeKey);
      } catch (error) {
        // The move failed, or this desktop could not keep its way in (the keychain): it goes on with its file.
        hold.release();
        releaseSending();
        throw error;
      } finally {
        await office.close();
      }
      await leaveBehind(here, officeWhere(serverOf(input)));
      log.info('the book moved to the office server; the file here is kept as a read-only record', {
        server: `${input.database} on ${input.host}`,
        file: here.file,
      });
      return {
        restarting: restartSoon(),
        rows: Object.values(moved.rows).reduce((sum, n) => sum + n, 0),
        balances: moved.balances,
      };
    },

    'book.keepHere': async () => {
      localBook(book); // an office book's desktop has made its choice
      writeLocation(config.dataFolder, { open: 'here', office: readLocation(config.dataFolder).office });
      log.info('first start: this desktop keeps its book on this computer');
      return {};
    },

    'book.useHere': async () => {
      const location = readLocation(config.dataFolder);
      writeLocation(config.dataFolder, { open: 'here', office: location.office });
      log.info('this desktop works on the book file here again');
      return { restarting: restartSoon() };
    },

    'book.reopen': async () => ({ restarting: restartSoon() }),

    // Gives this desktop's database user its rights again (a new desktops' role); an update itself happens at start.
    'book.updateOffice': async (input) => {
      await updateOfficeAsOwner(config.dataFolder, secrets, input);
      log.info('the office book was updated by its owner', { user: input.ownerUser });
      return { restarting: false };
    },

    'book.officeKey': async () => {
      const key = book.kind === 'office' ? await secrets.get(OFFICE_KEY_KEY) : null;
      if (!key) throw AppError.because('not_office_book', 'This desktop works on a book on this computer');
      return { officeKey: key };
    },
  } satisfies Partial<DomainHandlers<typeof bookApi>>;
}
