import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterEach, expect, it } from 'vitest';
import type { CallInput } from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/errors';
import { startFakePostgres, type FakePostgres } from '../../test-support/fake-postgres';
import { testCore, type TestCore } from '../../test-support/test-core';
import { OFFICE_CLIENT_KEY_KEY, OFFICE_KEY_KEY, OFFICE_PASSWORD_KEY } from '../secrets/secret-names';
import { locatedBook, LOCATION_FILE, refuseOfficeInClear, writeLocation, type OfficeServer } from './book-location';
import { isRescued, rescueCore } from '../hosting/rescue-core';

/**
 * The office connection's password goes only where it was saved for, and never in clear to
 * another computer: someone on the office network posing as the server (a fake PostgreSQL that
 * asks for the password in clear and writes it down) gets nothing.
 */

const TLS_DIR = join(__dirname, '../../test-support/tls');
const fixture = (name: string) => readFileSync(join(TLS_DIR, name), 'utf8');
/** The CA the fake server's certificate is signed by: in these tests, the attacker's. */
const ATTACKER_CA = fixture('ca.pem');
/** Another CA: the office's own, that the attacker has no certificate from. */
const OFFICE_CA = rootCertificates[0]!;

/** An address of this machine that is not loopback: another computer, as far as Daftar can tell. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

const PASSWORD = 'the office database password';
const cores: TestCore[] = [];
const fakes: FakePostgres[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => {});
  for (const f of fakes.splice(0)) await f.close();
});

async function fake(host: string, tls = false) {
  const f = await startFakePostgres(
    host,
    tls ? { tls: { key: fixture('server.key'), cert: fixture('server.pem') } } : {},
  );
  fakes.push(f);
  return f;
}

async function desktop() {
  const t = await testCore({ onDisk: true, bookFile: undefined, restart: () => {} });
  cores.push(t);
  return t;
}

const form = (f: FakePostgres, over: Partial<CallInput<'book.officeTest'>> = {}): CallInput<'book.officeTest'> => ({
  host: f.host,
  port: f.port,
  database: 'daftar',
  user: 'daftar',
  tls: 'off',
  ...over,
});

const officeSecrets = (t: TestCore) => [...t.ports.secrets.values.keys()].filter((k) => k.startsWith('office.'));

it.skipIf(!lanAddress)(
  'refuses TLS “off” to another computer in every call of Settings → Book, naming the field, and sends nothing',
  async () => {
    const attacker = await fake(lanAddress!);
    const t = await desktop();
    for (const name of ['book.officeTest', 'book.useOffice', 'book.moveToOffice'] as const) {
      expect(await t.fail(name, form(attacker, { password: PASSWORD }))).toMatchObject({
        code: 'invalid_input',
        details: { fields: [{ path: 'tls', reason: 'secret_in_clear', params: { host: lanAddress } }] },
      });
    }
    // Nothing reached the network, nothing was kept.
    expect(attacker.passwords).toEqual([]);
    expect(attacker.connections()).toBe(0);
    expect(existsSync(join(t.dataFolder, LOCATION_FILE))).toBe(false);
    expect(officeSecrets(t)).toEqual([]);
  },
);

it.skipIf(!lanAddress)(
  'does not start on a saved office location with TLS “off” to another computer: the window says to switch TLS on',
  async () => {
    const attacker = await fake(lanAddress!);
    const t = await desktop();
    // What Settings → Book of an earlier Daftar saved for a server on the office network, without TLS.
    const server: OfficeServer = { ...form(attacker), ca: '', clientCert: '' };
    writeLocation(t.dataFolder, { open: 'office', office: server });
    await t.ports.secrets.set(OFFICE_PASSWORD_KEY, PASSWORD);
    await t.ports.secrets.set(OFFICE_KEY_KEY, Buffer.alloc(32, 7).toString('base64url'));
    const started = await locatedBook(t.dataFolder, t.ports.secrets).then(
      (located) => testCore({ dataFolder: t.dataFolder, ...located }).then((c) => (cores.push(c), null)),
      (error: unknown) => error,
    );
    expect(attacker.passwords).toEqual([]);
    expect(started).toBeInstanceOf(AppError);
    expect((started as AppError).details).toMatchObject({ reason: 'office_tls', why: 'in_clear', host: lanAddress });
    // The host serves the window that explains it (the rescue core), rather than stopping.
    expect(isRescued(started)).toBe(true);
    const rescue = rescueCore({
      dataFolder: t.dataFolder,
      version: 'test',
      host: 'node',
      damage: started as AppError,
      restart: () => {},
    });
    const info = await rescue.call('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: {
        officeProblem: {
          where: expect.stringContaining(lanAddress!),
          error: { details: { reason: 'office_tls', why: 'in_clear', host: lanAddress } },
        },
      },
    });
    await rescue.close();
  },
);

it('sends a saved password only with the TLS mode, CA and client certificate it was saved with; else it must be typed again', async () => {
  const server = await fake('127.0.0.1', true);
  const t = await desktop();
  const saved: OfficeServer = { ...form(server), tls: 'verify', ca: OFFICE_CA, clientCert: '' };
  writeLocation(t.dataFolder, { open: 'office', office: saved });
  await t.ports.secrets.set(OFFICE_PASSWORD_KEY, PASSWORD);
  await t.ports.secrets.set(OFFICE_CLIENT_KEY_KEY, fixture('server.key'));
  const retype = { code: 'invalid_input', details: { fields: [{ path: 'password', reason: 'tls_changed' }] } };

  // The attacker's CA in place of the office's: the server it certifies would be trusted.
  expect(await t.fail('book.officeTest', { ...saved, ca: ATTACKER_CA })).toMatchObject(retype);
  // TLS switched off (to this computer, where "off" is allowed).
  expect(await t.fail('book.officeTest', { ...saved, tls: 'off', ca: '' })).toMatchObject(retype);
  // Another client certificate.
  expect(await t.fail('book.useOffice', { ...saved, clientCert: fixture('server.pem') })).toMatchObject(retype);
  expect(server.passwords).toEqual([]);
  expect(server.connections()).toBe(0);

  // Typed again, it goes (and is refused here: this server is not the office's).
  expect(await t.fail('book.officeTest', { ...saved, ca: ATTACKER_CA, password: 'typed again' })).toMatchObject({
    details: { reason: 'office_login_refused' },
  });
  expect(server.passwords).toEqual(['typed again']);

  // With the settings it was saved with, the saved password goes.
  writeLocation(t.dataFolder, { open: 'office', office: { ...saved, ca: ATTACKER_CA } });
  expect(await t.fail('book.officeTest', { ...saved, ca: ATTACKER_CA })).toMatchObject({
    details: { reason: 'office_login_refused' },
  });
  expect(server.passwords).toEqual(['typed again', PASSWORD]);
});

it('takes TLS “off” only for a server on this computer: loopback addresses, localhost, a Unix socket', () => {
  for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', '::1', '[::1]', '/var/run/postgresql'])
    expect(() => refuseOfficeInClear({ host, tls: 'off' }), host).not.toThrow();
  for (const host of ['192.168.1.10', 'office-server', '127.0.0.1.example.com', '::ffff:192.168.1.10', '10.0.0.1'])
    expect(() => refuseOfficeInClear({ host, tls: 'off' }), host).toThrow(/without TLS/);
  expect(() => refuseOfficeInClear({ host: '192.168.1.10', tls: 'verify' })).not.toThrow();
});

it('keeps a saved password for a server on this computer without TLS, whatever CA an earlier Daftar saved beside it', async () => {
  const server = await fake('127.0.0.1');
  const t = await desktop();
  writeLocation(t.dataFolder, { open: 'office', office: { ...form(server), ca: OFFICE_CA, clientCert: '' } });
  await t.ports.secrets.set(OFFICE_PASSWORD_KEY, PASSWORD);
  expect(await t.fail('book.officeTest', { ...form(server), ca: ATTACKER_CA })).toMatchObject({
    details: { reason: 'office_login_refused' },
  });
  expect(server.passwords).toEqual([PASSWORD]);
});
