import type { bookApi } from '../../src-shared/api/book.api';
import type { DomainHandlers, Services } from '../registry';
import { listBackups, stageRestore } from './backups';
import { refuseOnRecord } from '../office/moved-record';
import { localBook } from './book';
import { locationHandlers, type LocationHooks } from '../office/location.handlers';

export const bookHandlers = (services: Services, hooks: LocationHooks) =>
  ({
    ...locationHandlers(services, hooks),
    'book.backups': async () => ({ backups: listBackups(localBook(services.book).file) }),
    'book.restore': async ({ name }) => {
      // A backup from before the move put in the record's place would be a live clone of the office's book.
      refuseOnRecord(services.book);
      stageRestore(localBook(services.book).file, name);
      services.log.info('a backup was chosen to restore; it replaces the book at the next start', { name });
      // After this answer has gone out: the host closes the core and opens it again.
      if (hooks.restart) setTimeout(hooks.restart, 50).unref?.();
      return { restarting: Boolean(hooks.restart) };
    },
  }) satisfies DomainHandlers<typeof bookApi>;
