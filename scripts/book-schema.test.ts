import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderSqliteSchema } from './book-schema';

it('docs/schema.sql matches a freshly migrated book (run `npm run docs:schema` after adding a migration)', async () => {
  const current = readFileSync(new URL('../docs/schema.sql', import.meta.url), 'utf8');
  const fresh = await renderSqliteSchema();
  expect(current).toBe(fresh);
  // The search's triggers are what the file is read for: they must be in it.
  for (const trigger of ['outbox_search_facts_insert', 'outbox_search_values_update', 'outbox_search_texts_insert'])
    expect(fresh).toContain(`CREATE TRIGGER ${trigger}`);
});
