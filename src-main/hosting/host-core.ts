import { join } from 'node:path';
import { locatedBook } from '../office/book-location';
import type { ServedCore } from './core-holder';
import { isRescued, rescueCore } from './rescue-core';
import { oauthClientsFromEnv } from '../mailbox/oauth/providers';
import { createCore, type CoreOptions } from '../core';
import { systemClock, type Ports, type SecretStore } from '../ports';
import { APP_VERSION } from '../version';

/** What differs between the hosts (Electron, the Node host); everything else of a core's set-up is the same. */
export interface HostSetup {
  host: CoreOptions['host'];
  dataFolder: string;
  resourcesDir: string;
  /** Where the host's bundle is: the read worker and the mail parser are built beside it. */
  bundleDir: string;
  secrets: SecretStore;
  printer: Ports['printer'];
  opener: Ports['opener'];
  /** Electron's save dialog; the Node host downloads instead. */
  saver?: Ports['saver'];
  licensing: { url: string | null; publicKeyPem: string };
  /** Extra CAs to trust for the SMTP server (an office's own CA). */
  smtpCa?: string[];
  /** DNS servers for the sender-domain check (default: the system's). */
  dnsServers?: string[];
  /** Closes this core and opens the book now chosen (a restore, a move, the rescue screen). */
  restart: () => void;
  /** Told when the book could not be opened and the window is served a rescue core instead. */
  onRescued?: (error: Error) => void;
}

/** The core's options for a host: the one set-up both hosts use, so they never drift apart. */
export async function hostCoreOptions(setup: HostSetup): Promise<CoreOptions> {
  return {
    dataFolder: setup.dataFolder,
    // The book file here, or the office book this desktop was set up for (Settings → Book).
    ...(await locatedBook(setup.dataFolder, setup.secrets)),
    host: setup.host,
    version: APP_VERSION,
    resourcesDir: setup.resourcesDir,
    licensing: { ...setup.licensing, auto: true },
    oauthClients: oauthClientsFromEnv(process.env),
    mail: { auto: true },
    imap: { auto: true, parserWorker: join(setup.bundleDir, 'mail-parser.cjs') },
    backups: { auto: true },
    restart: setup.restart,
    // Electron 18+ starts worker threads from inside app.asar.
    readWorker: join(setup.bundleDir, 'read-worker.cjs'),
    smtpCa: setup.smtpCa ?? [],
    dnsServers: setup.dnsServers ?? [],
    ports: {
      printer: setup.printer,
      secrets: setup.secrets,
      opener: setup.opener,
      clock: systemClock,
      ...(setup.saver ? { saver: setup.saver } : {}),
    },
  };
}

/**
 * The core a host serves: the book's, or when the book cannot be opened (a damaged file, an office
 * book out of reach or needing its owner) a rescue core whose window explains and offers what can be
 * done, never a silent exit.
 */
export async function openHostCore(setup: HostSetup): Promise<ServedCore> {
  try {
    return await createCore(await hostCoreOptions(setup));
  } catch (error) {
    if (!isRescued(error)) throw error;
    setup.onRescued?.(error);
    return rescueCore({
      dataFolder: setup.dataFolder,
      version: APP_VERSION,
      host: setup.host,
      damage: error,
      restart: setup.restart,
      secrets: setup.secrets,
    });
  }
}
