import type { ServedCore } from './core-holder';
import { AppError } from '../../src-shared/errors';
import { BOOK_FILE_NAME } from '../book/book-file';
import { DEFAULT_PROPERTIES } from '../settings/properties';
import { listBackups, stageRestore } from '../book/backups';
import { readLocation, writeLocation } from '../office/book-location';
import { officeWhere } from '../book/book';
import { updateOfficeAsOwner } from '../office/office-update';
import type { SecretStore } from '../ports';
import { bookApi } from '../../src-shared/api/book.api';
import { fileUsers, RecordSignIn } from '../office/record-sign-in';
import { movedMarkOfFile, movedReadOnly } from '../office/moved-record';
import { join } from 'node:path';

/** What a rescue core stands in for: a damaged book file, or an office book that could not be opened. */
export const RESCUED_REASONS = new Set([
  'book_damaged',
  'office_unreachable',
  'office_login_refused',
  'office_no_database',
  'office_tls',
  'office_no_rights',
  'office_key_wrong',
  'office_needs_owner',
]);

/** Whether a host should serve a rescue core for this start failure rather than stop. */
export const isRescued = (error: unknown): error is AppError =>
  error instanceof AppError && RESCUED_REASONS.has(error.details.reason ?? '');

/**
 * Stands in for the core when the book cannot be opened: a damaged file (the window shows why
 * and offers the backups; restoring stages one and the host starts the real core, which swaps it
 * in), or an office book this desktop could not open (the window says why and offers to try
 * again, or to work on the book file here). Nothing else runs meanwhile.
 */
export function rescueCore(options: {
  dataFolder: string;
  version: string;
  host: 'electron' | 'node';
  damage: AppError;
  restart: () => void;
  /** This desktop's own secret store: its way into the office server, for an update by the owner. */
  secrets?: SecretStore;
  /** How long a wrong password waits (tests shorten it). */
  wrongPasswordDelayMs?: number;
}): ServedCore {
  const bookFile = join(options.dataFolder, BOOK_FILE_NAME);
  const details = options.damage.details as { problems?: string[] };
  const damaged = options.damage.details.reason === 'book_damaged';
  const office = readLocation(options.dataFolder).office;
  // The file here may be an old copy of the office's book: whoever opens it signs in as one of its users.
  const signIn = new RecordSignIn({ now: () => new Date(), wrongPasswordDelayMs: options.wrongPasswordDelayMs });
  const hereSignIn = async () => {
    const users = fileUsers(bookFile);
    return users !== null && (await users.anyPassword());
  };
  const restartSoon = () => {
    setTimeout(options.restart, 50).unref?.();
    return { restarting: true };
  };
  const answers: Record<string, (input: unknown) => unknown> = {
    'app.info': async () => ({
      version: options.version,
      dataFolder: options.dataFolder,
      bookFile,
      host: options.host,
      interruptedUpdate: null,
      restoredFrom: null,
      damaged: damaged ? { problems: details.problems ?? [options.damage.message] } : null,
      bookOpen: damaged ? 'here' : 'office',
      firstStart: false,
      officeProblem: damaged
        ? null
        : {
            where: office ? officeWhere(office) : '',
            hereSignIn: await hereSignIn(),
            error: options.damage.toBody(),
          },
      movedRecord: null,
      printerMissing: null,
    }),
    'settings.get': () => DEFAULT_PROPERTIES,
    'users.status': () => ({ user: null, loginRequired: false }),
    'book.backups': () => ({ backups: listBackups(bookFile) }),
    'book.reopen': restartSoon,
    // The office book needs its owner (an update, or this desktop's rights): the window asks for the owner's password.
    'book.updateOffice': async (input) => {
      if (!options.secrets) throw options.damage;
      await updateOfficeAsOwner(options.dataFolder, options.secrets, bookApi['book.updateOffice'].input.parse(input));
      return restartSoon();
    },
    // The book file here, as it was when this desktop went to the office book: the window asks first.
    'book.useHere': async (input) => {
      const users = fileUsers(bookFile);
      if (users && (await users.anyPassword())) {
        const { name, password } = (input ?? {}) as { name?: unknown; password?: unknown };
        if (typeof name !== 'string' || typeof password !== 'string')
          throw AppError.because('login_required', 'Sign in as a user of the book file first', {
            call: 'book.useHere',
          });
        await signIn.check(users, name, password);
      }
      writeLocation(options.dataFolder, { open: 'here', office });
      return restartSoon();
    },
    'book.restore': (input) => {
      const name = (input as { name?: unknown } | null)?.name;
      if (typeof name !== 'string') throw AppError.invalidField('name', 'required');
      // A backup from before the move over the record would make it a live copy again (as the core refuses too).
      const moved = movedMarkOfFile(bookFile);
      if (moved) throw movedReadOnly(moved);
      stageRestore(bookFile, name);
      return restartSoon();
    },
  };
  return {
    async call(name, input) {
      try {
        const answer = answers[name];
        if (!answer) throw options.damage;
        return { ok: true, value: await answer(input) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toBody() };
        return { ok: false, error: { code: 'internal', message: String(error), details: {} } };
      }
    },
    on: () => () => {},
    close: async () => {},
  };
}
