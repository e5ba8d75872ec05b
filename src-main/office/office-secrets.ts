import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { refusedByBook } from '../book/refused-by-book';
import { AppError } from '../../src-shared/errors';
import type { SecretStore } from '../ports';
import { BOOK_SECRETS } from '../secrets/secret-names';
import type { Database } from '../book/schema';

/** A sealed value that proves a desktop holds the office's key: opened at every start. */
const KEY_CHECK = 'office.key-check';
const KEY_CHECK_TEXT = 'daftar office key';
const KEY_BYTES = 32;

/** A new office key: 32 random bytes, as text a person can copy to another desktop. */
export const newOfficeKey = (): string => randomBytes(KEY_BYTES).toString('base64url');

/** The office key as typed or pasted; null when it is not one (its length or letters are wrong). */
export function parseOfficeKey(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9_-]{43}$/.test(compact)) return null;
  const key = Buffer.from(compact, 'base64url');
  return key.length === KEY_BYTES ? key : null;
}

// AES-256-GCM; the secret's name is authenticated with it, so a sealed value cannot be moved to another name.
function seal(key: Buffer, name: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(name));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The value, or null when this key did not seal it (or the text was changed). */
function unseal(key: Buffer, name: string, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(name))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Whether `officeKey` is the one an office book's key check (the sealed row) was made with. */
export function officeKeyOpens(keyCheck: string, officeKey: string): boolean {
  const key = parseOfficeKey(officeKey);
  return key !== null && unseal(key, KEY_CHECK, keyCheck) === KEY_CHECK_TEXT;
}

export { KEY_CHECK as OFFICE_KEY_CHECK };

/**
 * The secret store of a desktop on an office book. The book's secrets (its mailbox's password, its
 * place at the licensing server) are every desktop's: they live in the book, sealed with the office
 * key, so the database alone never gives them away. The desktop's own (its install id) stay in its
 * secret store.
 */
export class OfficeSecretStore implements SecretStore {
  /** The session token of the user signed in at this desktop: the book's functions ask for it (migration 0025). */
  private acting: () => string | null = () => null;

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly key: Buffer,
    private readonly desktop: SecretStore,
    private readonly now: () => Date,
  ) {}

  /**
   * Opens the office's secrets with `officeKey`. The first desktop's key becomes the office's; a
   * desktop with another key is refused (office_key_wrong), before it writes anything with it.
   */
  static async open(
    db: Kysely<Database>,
    officeKey: string,
    desktop: SecretStore,
    now: () => Date,
  ): Promise<OfficeSecretStore> {
    const key = parseOfficeKey(officeKey);
    if (!key) throw AppError.invalidField('officeKey', 'invalid');
    // Set once, by whichever desktop comes first; never replaced.
    await sql`select daftar_set_secret(${null}, ${KEY_CHECK}, ${seal(key, KEY_CHECK, KEY_CHECK_TEXT)}, ${now().toISOString()})`.execute(
      db,
    );
    const check = await db
      .selectFrom('office_secrets')
      .select('sealed')
      .where('name', '=', KEY_CHECK)
      .executeTakeFirstOrThrow();
    if (unseal(key, KEY_CHECK, check.sealed) !== KEY_CHECK_TEXT)
      throw AppError.because(
        'office_key_wrong',
        'This office key is not the office book’s: copy it from Settings → Book on a desktop of the office',
      );
    return new OfficeSecretStore(db, key, desktop, now);
  }

  /** Whose session the book's functions see when this desktop changes a secret. */
  actAs(token: () => string | null): void {
    this.acting = token;
  }

  /**
   * The rows an office book's secrets are kept as, sealed with `officeKey`: written by the owner when
   * a book moves in (the desktops' role sets them only through the book's function).
   */
  static sealedRows(officeKey: string, values: Record<string, string>, now: Date) {
    const key = parseOfficeKey(officeKey);
    if (!key) throw AppError.invalidField('officeKey', 'invalid');
    return Object.entries({ [KEY_CHECK]: KEY_CHECK_TEXT, ...values }).map(([name, value]) => ({
      name,
      sealed: seal(key, name, value),
      updated_at: now.toISOString(),
    }));
  }

  async get(name: string): Promise<string | null> {
    if (!BOOK_SECRETS.includes(name)) return this.desktop.get(name);
    const row = await this.db.selectFrom('office_secrets').select('sealed').where('name', '=', name).executeTakeFirst();
    if (!row) return null;
    const value = unseal(this.key, name, row.sealed);
    // The key was checked at start: a value it cannot open was changed in the database by hand.
    if (value === null) throw new Error(`The office book's secret ${name} does not open with the office key`);
    return value;
  }

  async set(name: string, value: string): Promise<void> {
    if (!BOOK_SECRETS.includes(name)) return this.desktop.set(name, value);
    await this.change(
      sql`select daftar_set_secret(${this.acting()}, ${name}, ${seal(this.key, name, value)}, ${this.now().toISOString()})`,
    );
  }

  async delete(name: string): Promise<void> {
    if (!BOOK_SECRETS.includes(name)) return this.desktop.delete(name);
    await this.change(sql`select daftar_delete_secret(${this.acting()}, ${name})`);
  }

  /** Through the book's function, which checks that the user signed in here may change this secret. */
  private async change(statement: RawBuilder<unknown>): Promise<void> {
    try {
      await statement.execute(this.db);
    } catch (error) {
      throw refusedByBook(error);
    }
  }
}
