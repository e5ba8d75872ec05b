import { z } from 'zod';
import { defineCall } from './define';
import { noInput } from './fields';

export const appApi = {
  'app.info': defineCall({
    permission: 'anyone',
    summary: 'Version of Daftar and where its book lives (shown in the status bar).',
    input: noInput,
    output: z.object({
      version: z.string(),
      dataFolder: z.string(),
      bookFile: z.string(),
      host: z.enum(['electron', 'node']),
      /** An update of the book that a crash interrupted before this start (it was left as it was, then updated again). */
      interruptedUpdate: z.string().nullable(),
      /** The backup put in the book's place at this start (*Restore a backup*), if any. */
      restoredFrom: z.string().nullable(),
      /** Set only when the book could not be opened because it is damaged: the window offers the backups. */
      damaged: z.object({ problems: z.array(z.string()) }).nullable(),
      /** Where the book open now is: a file on this computer, or the office server (office mode). */
      bookOpen: z.enum(['here', 'office']),
      /**
       * This desktop's first start: a new, empty book here and no choice made yet of where the book is.
       * The window asks: this computer, or the office's book on its server.
       */
      firstStart: z.boolean(),
      /**
       * Set only when this desktop is set up for the office book and could not open it at this start:
       * where it tried, and why (office_unreachable, office_login_refused…). The window offers to try again.
       */
      officeProblem: z
        .object({
          where: z.string(),
          /** The book file on this computer has users with passwords: working on it asks for one of them first. */
          hereSignIn: z.boolean(),
          error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
        })
        .nullable(),
      /**
       * Set when the book open is the file of a book that moved to the office server: a read-only record
       * (nothing is saved, sent or spent from it). When it moved, and where to (host:port/database).
       */
      movedRecord: z.object({ at: z.string(), to: z.string() }).nullable(),
      /** Set when no PDF can be made here (the Node host without Chromium): the command that installs it, where known. */
      printerMissing: z.object({ install: z.string().nullable() }).nullable(),
    }),
  }),
};
