import type { appApi } from '../../src-shared/api/app.api';
import { isFirstStart } from '../office/book-location';
import { movedOf } from '../office/moved-record';
import { bookWhere } from '../book/book';
import type { DomainHandlers, Services } from '../registry';

export const appHandlers = ({ config, book, ports }: Services) =>
  ({
    'app.info': async () => ({
      version: config.version,
      dataFolder: config.dataFolder,
      bookFile: bookWhere(book),
      host: config.host,
      interruptedUpdate: book.interruptedMigration,
      restoredFrom: book.restoredFrom,
      damaged: null,
      bookOpen: book.kind,
      firstStart: await isFirstStart(config.dataFolder, book),
      officeProblem: null,
      movedRecord: movedOf(book),
      printerMissing: ports.printer.missing?.() ?? null,
    }),
  }) satisfies DomainHandlers<typeof appApi>;
