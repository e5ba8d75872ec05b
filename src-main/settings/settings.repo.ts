import type { Kysely } from 'kysely';
import type { Database } from '../book/schema';

export async function readSettings(db: Kysely<Database>): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export async function writeSettings(db: Kysely<Database>, values: Record<string, unknown>): Promise<void> {
  const rows = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => ({ key, value: JSON.stringify(v) }));
  if (rows.length === 0) return;
  await db
    .insertInto('settings')
    .values(rows)
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}
