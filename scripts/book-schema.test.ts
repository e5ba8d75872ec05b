import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderPostgresSchema } from './book-schema-postgres';
import { renderSqliteSchema } from './book-schema';

const docs = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8');

it('docs/schema.sql matches a freshly migrated book (run `npm run docs:schema` after adding a migration)', async () => {
  const fresh = await renderSqliteSchema();
  expect(docs('schema.sql')).toBe(fresh);
  // The search's triggers are what the file is read for: they must be in it.
  for (const trigger of ['outbox_search_facts_insert', 'outbox_search_values_update', 'outbox_search_texts_insert'])
    expect(fresh).toContain(`CREATE TRIGGER ${trigger}`);
});

it('docs/schema.postgres.sql matches a freshly migrated office book (`npm run docs:schema`)', async () => {
  const fresh = await renderPostgresSchema(process.env.DATABASE_URL!);
  expect(docs('schema.postgres.sql')).toBe(fresh);
  expect(fresh).toContain('CREATE INDEX outbox_search ON public.outbox USING gin');
});
