import { app, BrowserWindow, dialog, ipcMain, safeStorage, shell } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import type { ServedCore } from '../hosting/core-holder';
import { openHostCore } from '../hosting/host-core';
import { BUILT_LICENSING, licensingEndpoint } from '../credits/licensing-endpoint';
import { consoleLogger } from '../log';
import { isOpenableUrl } from '../ports';
import { JsonFileSecretStore } from '../secrets/json-file-secret-store';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';
import { ElectronPrinter } from './electron-printer';
import { closeBeforeQuit } from './quit';
import { electronFileSaver } from './file-saver';
import { safeStorageCodec } from './safe-storage-codec';
import { createMainWindow, isAppUrl } from './window';

let core: ServedCore | null = null;

/** Restoring a backup: start again, and the new start swaps it in (quitting first closes the core). */
const restart = () => {
  app.relaunch();
  app.quit();
};

async function start(): Promise<void> {
  const dataFolder = app.getPath('userData');
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  const licensing = licensingEndpoint({
    packaged: app.isPackaged,
    built: BUILT_LICENSING,
    env: process.env,
    readKey: (file) => readFileSync(file ?? join(resourcesDir, 'licensing', 'public.pem'), 'utf8'),
  });
  if (licensing.ignored.length)
    consoleLogger.info('licensing settings from the environment are ignored by a packaged app', {
      names: licensing.ignored,
    });
  // Everything Daftar writes (the book, backups, PDFs, secrets) is its user's alone.
  process.umask(0o077);
  const secrets = new JsonFileSecretStore(
    join(dataFolder, 'secrets.json'),
    safeStorageCodec(safeStorage, process.platform),
  );
  core = await openHostCore({
    host: 'electron',
    dataFolder,
    // Packaged: extraResources/resources; from the source tree: ./resources.
    resourcesDir,
    bundleDir: __dirname,
    secrets,
    printer: new ElectronPrinter(resourcesDir),
    opener: {
      async open(url) {
        if (!isOpenableUrl(url)) throw AppError.invalidField('url', 'scheme_not_allowed', { url });
        await shell.openExternal(url);
      },
    },
    saver: electronFileSaver,
    licensing: { url: licensing.url, publicKeyPem: licensing.publicKeyPem },
    restart,
    onRescued: (error) => consoleLogger.error('the book could not be opened', error),
  });

  // The one call channel: only our own page's top frame may use it.
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      consoleLogger.error('refused a call from an untrusted frame', { url: frame?.url });
      return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender', details: {} } };
    }
    return core!.call(String(name), input);
  });
  core.on((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, event);
  });

  createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // One process per book: a second start focuses the first window instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      consoleLogger.error('Daftar could not start', error);
      // Never a silent exit: the user sees why (a book from a newer Daftar, a failed update…).
      dialog.showErrorBox('Daftar', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  closeBeforeQuit(
    app,
    async () => core?.close(),
    (error) => consoleLogger.error('closing the book failed', error),
  );
}
