import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CoreHolder, type ServedCore } from '../hosting/core-holder';
import type { Core } from '../core';
import { openHostCore, type HostSetup } from '../hosting/host-core';
import { consoleLogger } from '../log';
import { JsonFileSecretStore } from '../secrets/json-file-secret-store';
import { APP_VERSION } from '../version';
import { ChromiumPrinter } from './chromium-printer';
import { resolveDataFolder } from './data-folder';
import { startHttpHost } from './http-host';
import { systemOpener } from './system-opener';
import { bookWhere } from '../book/book';

const USAGE = `Usage: npm run serve -- [--data DIR] [--port N] [--smtp-ca FILE.pem] [--licensing-url URL] [--licensing-key FILE.pem] [--dns-server HOST:PORT]
  --data            data folder (default: $DAFTAR_DATA, else the per-user app data folder)
  --port            port on 127.0.0.1 (default: a free one, printed)
  --smtp-ca         extra CA certificate(s) to trust for the SMTP server (repeatable)
  --licensing-url   the licensing server (default: $DAFTAR_LICENSING_URL; none: credits not configured)
  --licensing-key   its grant-signing public key (default: $DAFTAR_LICENSING_KEY, else resources/licensing/public.pem)
  --dns-server      DNS server for the sender-domain check (repeatable; default: the system's)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      'smtp-ca': { type: 'string', multiple: true },
      'licensing-url': { type: 'string' },
      'licensing-key': { type: 'string' },
      'dns-server': { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const dataFolder = resolveDataFolder(values.data);
  const resourcesDir = join(__dirname, '..', '..', 'resources');
  const printer = new ChromiumPrinter(resourcesDir);
  const printerMissing = printer.missing();
  if (printerMissing)
    console.log(
      `PDFs cannot be made until Chromium is installed: documents cannot be previewed, printed, saved or emailed. ${
        printerMissing.install
          ? `Install it with: ${printerMissing.install}`
          : 'Install Chromium, or set DAFTAR_CHROMIUM to its path.'
      }`,
    );
  const licensingUrl = values['licensing-url'] ?? process.env.DAFTAR_LICENSING_URL ?? null;
  const licensingKey =
    values['licensing-key'] ?? process.env.DAFTAR_LICENSING_KEY ?? join(resourcesDir, 'licensing', 'public.pem');
  // Everything Daftar writes (the book, backups, PDFs, secrets) is its user's alone.
  process.umask(0o077);
  const secrets = new JsonFileSecretStore(join(dataFolder, 'secrets.json'));
  const setup: HostSetup = {
    host: 'node',
    dataFolder,
    resourcesDir,
    bundleDir: __dirname,
    secrets,
    printer,
    opener: systemOpener,
    licensing: { url: licensingUrl, publicKeyPem: readFileSync(licensingKey, 'utf8') },
    smtpCa: (values['smtp-ca'] ?? []).map((file) => readFileSync(file, 'utf8')),
    dnsServers: values['dns-server'] ?? [],
    restart: () => restart(),
    onRescued: (error) => console.error(`The book could not be opened: ${error.message}`),
  };
  const openCore = async (): Promise<ServedCore> => {
    const core = await openHostCore(setup);
    if ('book' in core) console.log(`Daftar ${APP_VERSION} — book: ${bookWhere((core as Core).book)}`);
    return core;
  };
  // Restoring a backup: close the core, open it again (which swaps the backup in), keep serving.
  const restart = () =>
    void holder.swap(openCore).catch((error: unknown) => consoleLogger.error('restart failed', error));
  const holder = new CoreHolder(await openCore());
  const host = await startHttpHost({
    core: holder,
    rendererDir: join(__dirname, '..', 'renderer'),
    fontsDir: join(resourcesDir, 'fonts'),
    dataFolder,
    token: randomBytes(24).toString('base64url'),
    port,
  });
  console.log(`Open Daftar at: ${host.url}`);

  const stop = async () => {
    // Never hang on the way out: whatever is still open after 5 s is cut.
    setTimeout(() => process.exit(0), 5000).unref();
    await host.close();
    await holder.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  consoleLogger.error('the Node host could not start', error);
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
