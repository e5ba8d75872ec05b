import type { Kysely } from 'kysely';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// Editing cards and vouchers became permissions of their own. Every user could do both
// before, so every existing user keeps them; new users get them only when given.
const ADDED = ['edit_cards', 'edit_vouchers'];

export async function up(db: Kysely<any>): Promise<void> {
  const users = (await db.selectFrom('users').select(['id', 'permissions_json']).execute()) as {
    id: string;
    permissions_json: string;
  }[];
  for (const user of users) {
    const held = JSON.parse(user.permissions_json) as string[];
    const kept = [...ADDED.filter((p) => !held.includes(p)), ...held];
    await db
      .updateTable('users')
      .set({ permissions_json: JSON.stringify(kept) })
      .where('id', '=', user.id)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const users = (await db.selectFrom('users').select(['id', 'permissions_json']).execute()) as {
    id: string;
    permissions_json: string;
  }[];
  for (const user of users) {
    const held = (JSON.parse(user.permissions_json) as string[]).filter((p) => !ADDED.includes(p));
    await db
      .updateTable('users')
      .set({ permissions_json: JSON.stringify(held) })
      .where('id', '=', user.id)
      .execute();
  }
}
