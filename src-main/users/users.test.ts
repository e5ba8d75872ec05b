// test tier: integration (real scrypt hashes at full cost and sign-in delays: tens of seconds, no server)
import { scryptSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, type CallName } from '../../src-shared/api/contract';
import { accessOf } from '../../src-shared/api/access';
import { PERMISSIONS } from '../../src-shared/users/permissions';
import { byHand } from '../../test-support/by-hand';
import { testCore, type TestCore } from '../../test-support/test-core';

/**
 * Every scrypt derivation the core asks for, by the memory it takes (128·N·r bytes). One that asks
 * for more than 256 MiB is refused here rather than run, so the test does not itself take gigabytes.
 */
const derivations: number[] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const scrypt = (...args: Parameters<typeof crypto.scrypt>) => {
    const options = (args.length === 5 ? args[3] : {}) as import('node:crypto').ScryptOptions;
    const done = args[args.length - 1] as (e: Error | null, key: Buffer) => void;
    const bytes = 128 * (options.N ?? options.cost ?? 16384) * (options.r ?? options.blockSize ?? 8);
    derivations.push(bytes);
    if (bytes > 256 * 1024 * 1024) return done(new Error(`scrypt asked for ${bytes} bytes`), Buffer.alloc(0));
    return (crypto.scrypt as (...a: unknown[]) => void)(...args);
  };
  return { ...crypto, default: { ...crypto, scrypt }, scrypt };
});

let t: TestCore;
beforeEach(async () => {
  t = await testCore({ onDisk: true, wrongPasswordDelayMs: 10 });
});
afterEach(() => t.close());

const ADMIN_PASSWORD = 'admin-pass-2026';
/** Users are added once the administrator has a password (or it could never sign in again). */
const setAdminPassword = () =>
  t.ok('users.save', { id: 'admin', name: 'admin', permissions: [], password: ADMIN_PASSWORD });

const reopen = async () => {
  await t.core.close();
  t = await testCore({ ...t.sameBook, bookFile: undefined, onDisk: true, wrongPasswordDelayMs: 10 });
};

describe('users and sign-in', () => {
  it('starts with the administrator signed in and no password; once one is set, the app asks', async () => {
    expect(await t.ok('users.status', {})).toMatchObject({
      user: { id: 'admin', isAdmin: true, hasPassword: false },
      loginRequired: false,
    });
    await t.ok('users.save', { id: 'admin', name: 'admin', permissions: [], password: 'سر المدير 2026' });
    await reopen();
    expect(await t.ok('users.status', {})).toEqual({ user: null, loginRequired: true });
    expect(await t.fail('parties.list', { kind: 'customer' })).toMatchObject({
      code: 'forbidden',
      details: { reason: 'login_required' },
    });
    expect(await t.ok('users.login', { name: 'admin', password: 'سر المدير 2026' })).toMatchObject({
      id: 'admin',
      permissions: [...PERMISSIONS],
    });
    expect(await t.ok('parties.list', { kind: 'customer' })).toMatchObject({ total: 0 });
  });

  it('keeps passwords as slow salted hashes only', async () => {
    await setAdminPassword();
    await t.ok('users.save', { name: 'سامي', permissions: ['send_email'], password: 'kalimat-sirr' });
    const stored = JSON.stringify(await byHand(t, (db) => db.selectFrom('users').selectAll().execute()));
    expect(stored).not.toContain('kalimat-sirr');
    expect(stored).toMatch(/scrypt\$131072\$8\$1\$/);
  });

  it('answers a wrong password after a delay, and locks the user after five', async () => {
    await setAdminPassword();
    await t.ok('users.save', { name: 'rana', permissions: [], password: 'right-one' });
    const started = Date.now();
    expect(await t.fail('users.login', { name: 'rana', password: 'wrong' })).toMatchObject({
      code: 'forbidden',
      details: { reason: 'wrong_password' },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < 4; i++) await t.fail('users.login', { name: 'rana', password: 'wrong' });
    expect(await t.fail('users.login', { name: 'rana', password: 'right-one' })).toMatchObject({
      details: { reason: 'locked' },
    });
    t.ports.clock.time = new Date(t.ports.clock.time.getTime() + 6 * 60_000);
    // An office book locks by its own clock, which no desktop sets: the five minutes pass there by hand.
    if (t.handUrl)
      await byHand(t, (db) =>
        db.updateTable('users').set({ locked_until: '2000-01-01T00:00:00.000Z' }).where('name', '=', 'rana').execute(),
      );
    expect(await t.ok('users.login', { name: 'rana', password: 'right-one' })).toMatchObject({ name: 'rana' });
  });

  it('counts parallel guesses one by one: ten wrong ones at once lock the user', async () => {
    await setAdminPassword();
    await t.ok('users.save', { name: 'rana', permissions: [], password: 'right-one' });
    await t.ok('users.logout', {});
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.core.call('users.login', { name: 'rana', password: 'wrong-guess' })),
    );
    const reasons = answers.map((a) => (a.ok ? 'ok' : a.error.details.reason));
    expect(reasons.filter((r) => r === 'wrong_password')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'locked')).toHaveLength(5);
    expect(await t.fail('users.login', { name: 'rana', password: 'right-one' })).toMatchObject({
      details: { reason: 'locked' },
    });
  });

  it('lets only the administrator change the administrator', async () => {
    await setAdminPassword();
    await t.ok('users.save', { name: 'مدير المستخدمين', permissions: ['manage_users'], password: 'manager-pass' });
    await t.ok('users.logout', {});
    await t.ok('users.login', { name: 'مدير المستخدمين', password: 'manager-pass' });
    expect(
      await t.fail('users.save', { id: 'admin', name: 'admin', permissions: [], password: 'taken-over-now' }),
    ).toMatchObject({ code: 'forbidden', details: { reason: 'admin_only' } });
    // Other users stay theirs to manage.
    await t.ok('users.save', { name: 'سامي', permissions: [], password: 'sami-password' });
    await t.ok('users.logout', {});
    expect(await t.ok('users.login', { name: 'admin', password: ADMIN_PASSWORD })).toMatchObject({ id: 'admin' });
  });

  it('asks for eight characters at least, and takes a stored cost only within bounds', async () => {
    await setAdminPassword();
    expect((await t.fail('users.save', { name: 'rana', permissions: [], password: 'short' })).details.fields).toEqual([
      { path: 'password', reason: 'too_short', params: { min: 8 } },
    ]);
    await t.ok('users.save', { name: 'rana', permissions: [], password: 'right-one' });
    const setHash = (hash: string) =>
      byHand(t, (db) => db.updateTable('users').where('name', '=', 'rana').set({ password_hash: hash }).execute());
    const hashOf = async () =>
      (
        await byHand(t, (db) =>
          db.selectFrom('users').select('password_hash').where('name', '=', 'rana').executeTakeFirstOrThrow(),
        )
      ).password_hash!;
    // A book edited by hand asks for 2^30 (a gigabyte a guess): refused without deriving anything.
    const [, , r, p, salt, hash] = (await hashOf()).split('$');
    await setHash(['scrypt', 2 ** 30, r, p, salt, hash].join('$'));
    expect(await t.fail('users.login', { name: 'rana', password: 'right-one' })).toMatchObject({
      details: { reason: 'wrong_password' },
    });
    // N = 2^20, r = 16 was within the old ceiling: 2 GiB for every guess at this name. Refused without deriving.
    derivations.length = 0;
    await setHash(['scrypt', 2 ** 20, 16, 1, salt, hash].join('$'));
    expect(await t.fail('users.login', { name: 'rana', password: 'right-one' })).toMatchObject({
      details: { reason: 'wrong_password' },
    });
    expect(derivations.filter((bytes) => bytes > 256 * 1024 * 1024)).toEqual([]);
    // Nor may p multiply the work past four times today's.
    derivations.length = 0;
    await setHash(['scrypt', 2 ** 17, 16, 4, salt, hash].join('$'));
    await t.fail('users.login', { name: 'rana', password: 'right-one' });
    expect(derivations).toEqual([]);
    // A hash from an older Daftar (2^15) still signs in, and is made again with today's cost.
    const older = scryptSync('right-one', Buffer.from('older-salt'), 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    await setHash(
      ['scrypt', 2 ** 15, 8, 1, Buffer.from('older-salt').toString('base64'), older.toString('base64')].join('$'),
    );
    expect(await t.ok('users.login', { name: 'rana', password: 'right-one' })).toMatchObject({ name: 'rana' });
    expect(await hashOf()).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('refuses a new user while the administrator has no password, which would lock the administrator out', async () => {
    expect(await t.fail('users.save', { name: 'early', permissions: [], password: 'early-pass' })).toMatchObject({
      code: 'conflict',
      details: { reason: 'admin_password_first' },
    });
    expect((await t.ok('users.list', {})).items.map((u) => u.name)).toEqual(['admin']);
    await setAdminPassword();
    await t.ok('users.save', { name: 'early', permissions: [], password: 'early-pass' });
    await t.ok('users.logout', {});
    expect(await t.ok('users.login', { name: 'admin', password: ADMIN_PASSWORD })).toMatchObject({ id: 'admin' });
  });

  it('refuses duplicate names and removing the administrator', async () => {
    await setAdminPassword();
    await t.ok('users.save', { name: 'lina', permissions: [], password: 'p1-secret' });
    expect(
      (await t.fail('users.save', { name: 'lina', permissions: [], password: 'x-password' })).details.fields,
    ).toEqual([{ path: 'name', reason: 'name_taken', params: { name: 'lina' } }]);
    expect(await t.fail('users.delete', { id: 'admin' })).toMatchObject({ code: 'conflict' });
    expect((await t.fail('users.save', { name: 'nopass', permissions: [] })).details.fields).toEqual([
      { path: 'password', reason: 'required' },
    ]);
  });
});

describe('the permission matrix, read from the contract', () => {
  const calls = Object.keys(contract) as CallName[];
  // Signing out in the middle of the sweep would test nothing after it.
  const swept = calls.filter((name) => name !== 'users.logout' && name !== 'users.login');

  it('answers only the sign-in screen before anyone signs in', async () => {
    expect(calls.filter((name) => contract[name].permission === 'anyone').sort()).toEqual([
      'app.info',
      'settings.get',
      'users.login',
      'users.status',
    ]);
    await setAdminPassword();
    await t.ok('users.logout', {});
    for (const name of swept.filter((n) => !accessOf(n).beforeSignIn)) {
      expect(await t.core.call(name, {}), name).toMatchObject({
        ok: false,
        error: { code: 'forbidden', details: { reason: 'login_required', call: name } },
      });
    }
  });

  it.each(PERMISSIONS)('a user without "%s" is refused every call that needs it, and no other', async (permission) => {
    const others = PERMISSIONS.filter((p) => p !== permission);
    await setAdminPassword();
    await t.ok('users.save', { name: 'limited', permissions: others, password: 'limited-pass' });
    await t.ok('users.logout', {});
    await t.ok('users.login', { name: 'limited', password: 'limited-pass' });
    let refused = 0;
    for (const name of swept) {
      const answer = await t.core.call(name, {});
      if (accessOf(name).permissions.includes(permission)) {
        refused++;
        expect(answer, name).toMatchObject({
          ok: false,
          error: { code: 'forbidden', details: { reason: 'permission', permission, call: name } },
        });
      } else if (!answer.ok) expect(answer.error.details.reason, name).not.toBe('permission');
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('gives editing cards and vouchers to new users only when asked', async () => {
    await setAdminPassword();
    await t.ok('users.save', { name: 'reader', permissions: [], password: 'reader-pass' });
    await t.ok('users.logout', {});
    await t.ok('users.login', { name: 'reader', password: 'reader-pass' });
    expect(await t.ok('parties.list', { kind: 'customer' })).toMatchObject({ total: 0 });
    const card = {
      kind: 'customer',
      code: '1',
      name: 'x',
      phone: '',
      address: '',
      taxNumber: '',
      jobTitle: '',
      notes: '',
      emails: '',
    };
    expect(await t.fail('parties.save', card)).toMatchObject({
      code: 'forbidden',
      details: { reason: 'permission', permission: 'edit_cards' },
    });
    expect(await t.fail('vouchers.cancel', { id: '01J00000000000000000000000' })).toMatchObject({
      code: 'forbidden',
      details: { reason: 'permission', permission: 'edit_vouchers' },
    });
  });
});
