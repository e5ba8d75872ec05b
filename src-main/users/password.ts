import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from node:crypto: slow and salted, no dependency. N = 2^17 (128 MiB, a few hundred ms)
// as OWASP advises; hashes made with less are made again at the next right sign-in.
const PARAMS = { N: 2 ** 17, r: 8, p: 1 };
/**
 * The most a stored hash may ask for: a book edited by hand must not make a sign-in eat the machine.
 * Memory (128·N·r bytes) at most 256 MiB, twice today's; work (N·r·p) at most four times today's;
 * p at most 4. (The old ceiling, N = 2^20 with r = 16, let a row make every guess take 2 GiB.)
 */
const MAX = { memory: 256 * 1024 * 1024, work: 4 * PARAMS.N * PARAMS.r * PARAMS.p, p: 4 };
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, o: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...o, maxmem: 128 * o.N! * o.r! * 2 }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );

/** "scrypt$N$r$p$salt$hash", all that is kept of a password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const costOf = (stored: string) => {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const bounded =
    Number.isInteger(cost.N) &&
    cost.N >= 2 &&
    (cost.N & (cost.N - 1)) === 0 &&
    Number.isInteger(cost.r) &&
    cost.r >= 1 &&
    128 * cost.N * cost.r <= MAX.memory &&
    Number.isInteger(cost.p) &&
    cost.p >= 1 &&
    cost.p <= MAX.p &&
    cost.N * cost.r * cost.p <= MAX.work;
  return scheme === 'scrypt' && salt && hash && bounded ? { cost, salt, hash } : null;
};

/** Made with weaker settings than today's. */
export const needsRehash = (stored: string) => {
  const parsed = costOf(stored);
  return !parsed || parsed.cost.N < PARAMS.N || parsed.cost.r < PARAMS.r;
};

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = costOf(stored);
  if (!parsed) return false;
  const expected = Buffer.from(parsed.hash, 'base64');
  const key = await derive(password, Buffer.from(parsed.salt, 'base64'), parsed.cost);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * The key a password derives with a stored hash's settings and salt ("scrypt$N$r$p$salt", as an office
 * book gives them out, never the hash): the office book compares it with the hash itself. Null when
 * the settings are not ones Daftar makes (or beyond the ceiling).
 */
export async function keyFor(password: string, settings: string): Promise<string | null> {
  const parsed = costOf(`${settings}$-`);
  if (!parsed) return null;
  return (await derive(password, Buffer.from(parsed.salt, 'base64'), parsed.cost)).toString('base64');
}

/** Whether settings given out by an office book are weaker than today's. */
export const settingsNeedRehash = (settings: string) => needsRehash(`${settings}$-`);
