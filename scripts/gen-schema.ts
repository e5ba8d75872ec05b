import { writeFileSync } from 'node:fs';
import { renderSqliteSchema } from './book-schema';

writeFileSync(new URL('../docs/schema.sql', import.meta.url), await renderSqliteSchema());
console.log('docs/schema.sql written');
