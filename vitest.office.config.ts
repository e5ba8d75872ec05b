import { defineConfig } from 'vitest/config';
import { SERVERS_SETUP, sharedTest } from './vitest.shared';

/**
 * The core's tests again, each core on a fresh office book (PostgreSQL) instead of a SQLite file:
 * `npm run test:office`. A file joins this list once it passes on both; the ones not here yet,
 * and why, are in docs/DEVELOPING.md ("Office mode: how it is checked"). Tests that are about office books themselves
 * (office-book.test.ts, office-outbox.test.ts) open theirs on PostgreSQL in the ordinary run.
 */
export default defineConfig({
  test: {
    ...sharedTest,
    globalSetup: [SERVERS_SETUP],
    include: [
      'src-main/bulk/bulk.repo.test.ts',
      'src-main/bulk/bulk.test.ts',
      'src-main/company/company.test.ts',
      'src-main/mailbox/deliverability.test.ts',
      'src-main/mailbox/mailbox-oauth-restart.test.ts',
      'src-main/mailbox/mailbox-oauth.test.ts',
      'src-main/mailbox/mailbox-oauth-servers.test.ts',
      'src-main/mailbox/mailbox.test.ts',
      'src-main/mailbox/mailbox-passwords.test.ts',
      'src-main/core.test.ts',
      'src-main/credits/credits-ledger.test.ts',
      'src-main/credits/credits-sequences.test.ts',
      'src-main/credits/credits-sync-away.test.ts',
      'src-main/credits/hand-edited-ledger.test.ts',
      'src-main/host/http-host.test.ts',
      'src-main/mail/book-paths.test.ts',
      'src-main/mail/imap/hostile-mail.test.ts',
      'src-main/mail/imap/imap.test.ts',
      'src-main/mail/imap/sent-folder.test.ts',
      'src-main/mail/limits.test.ts',
      'src-main/mail/mail.test.ts',
      'src-main/mail/mail-worker.test.ts',
      'src-main/parties/parties.test.ts',
      'src-main/print/arabic-readback.test.ts',
      'src-main/print/print.test.ts',
      'src-main/mail-report/mail-report.test.ts',
      'src-main/statements/statements.test.ts',
      'src-main/users/users.test.ts',
      'src-main/vouchers/voucher-days.test.ts',
      'src-main/vouchers/vouchers.test.ts',
    ],
    env: { DAFTAR_TEST_BOOK: 'postgres' },
  },
});
