// Run by open-book.test.ts in its own process: opens the book with a pending migration
// that changes it, then kills itself before the migration finishes, as a power cut would.
import { sql, type Kysely } from 'kysely';
import { migrations } from '../src-main/book/migrations';
import { openBook } from '../src-main/book/open-book';

const file = process.argv[2]!;
await openBook({
  file,
  migrations: {
    ...migrations,
    '9002-crashes': {
      async up(db: Kysely<unknown>) {
        await sql`update parties set name = 'changed by a half-done migration'`.execute(db);
        await sql`create table half_done (x integer)`.execute(db);
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => {});
      },
    },
  },
});
