import { z } from 'zod';
import { defineCall } from './define';
import { noInput } from './fields';

export const backupInfo = z.object({
  name: z.string(),
  kind: z.enum(['daily', 'before-update', 'before-restore']),
  /** When it was taken: a local day (daily) or an ISO time. */
  date: z.string(),
  bytes: z.int(),
});

export const bookApi = {
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
