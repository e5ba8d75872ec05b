import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { writeLocation } from '../office/book-location';
import type { Core } from '../core';
import { fakePorts, RESOURCES_DIR } from '../../test-support/test-core';
import { hostCoreOptions, openHostCore, type HostSetup } from './host-core';

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

function setup(over: Partial<HostSetup> = {}): HostSetup {
  const dataFolder = mkdtempSync(join(tmpdir(), 'daftar-host-'));
  folders.push(dataFolder);
  const ports = fakePorts();
  return {
    host: 'node',
    dataFolder,
    resourcesDir: RESOURCES_DIR,
    bundleDir: '/opt/daftar/dist/host',
    secrets: ports.secrets,
    printer: ports.printer,
    opener: ports.opener,
    licensing: { url: null, publicKeyPem: '' },
    restart: () => {},
    ...over,
  };
}

it('gives both hosts one set-up: the workers beside the bundle, the book the data folder names, the host’s own ports', async () => {
  const node = await hostCoreOptions(setup({ smtpCa: ['PEM'], dnsServers: ['127.0.0.1:53'] }));
  expect(node).toMatchObject({
    host: 'node',
    readWorker: '/opt/daftar/dist/host/read-worker.cjs',
    imap: { auto: true, parserWorker: '/opt/daftar/dist/host/mail-parser.cjs' },
    mail: { auto: true },
    backups: { auto: true },
    licensing: { url: null, auto: true },
    smtpCa: ['PEM'],
    dnsServers: ['127.0.0.1:53'],
  });
  expect(node.office).toBeUndefined();
  expect(node.ports.saver).toBeUndefined();
  const saver = { save: async () => ({ saved: false }) } as unknown as NonNullable<HostSetup['saver']>;
  const electron = await hostCoreOptions(setup({ host: 'electron', saver }));
  expect(electron.ports.saver).toBe(saver);
  expect(electron).toMatchObject({ smtpCa: [], dnsServers: [] });
});

it('serves a rescue core that says why when the office book this desktop is set up for cannot be opened', async () => {
  const s = setup();
  // Set up for an office book, but its office key is not in this desktop's store.
  writeLocation(s.dataFolder, {
    open: 'office',
    office: { host: '127.0.0.1', port: 1, database: 'daftar', user: 'daftar', tls: 'off', ca: '', clientCert: '' },
  });
  let rescued: Error | null = null;
  const core = await openHostCore({ ...s, onRescued: (error) => (rescued = error) });
  expect(rescued).toMatchObject({ details: { reason: 'office_key_wrong' } });
  expect('book' in core).toBe(false);
  expect(await core.call('app.info', {})).toMatchObject({
    ok: true,
    value: { bookOpen: 'office', officeProblem: { error: { details: { reason: 'office_key_wrong' } } } },
  });
  await core.close();

  // Set up for the file here: the book's own core.
  writeLocation(s.dataFolder, { open: 'here', office: null });
  const book = (await openHostCore(s)) as Core;
  expect(book.book.kind).toBe('here');
  await book.close();
});
