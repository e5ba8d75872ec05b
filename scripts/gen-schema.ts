import { writeFileSync } from 'node:fs';
import { startPrivatePostgres } from '../test-support/licensing/private-postgres';
import { renderPostgresSchema } from './book-schema-postgres';
import { renderSqliteSchema } from './book-schema';

writeFileSync(new URL('../docs/schema.sql', import.meta.url), await renderSqliteSchema());
console.log('docs/schema.sql written');
// An office book's, on a PostgreSQL cluster of this run's own (as the tests start one).
const postgres = await startPrivatePostgres();
try {
  writeFileSync(new URL('../docs/schema.postgres.sql', import.meta.url), await renderPostgresSchema(postgres.url));
  console.log('docs/schema.postgres.sql written');
} finally {
  await postgres.stop();
}
