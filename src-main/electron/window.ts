import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isOpenableUrl } from '../ports';

/** The renderer's own page; the only frame allowed to call the core. */
export const rendererIndex = () => join(__dirname, '..', 'renderer', 'index.html');
export const isAppUrl = (url: string) => url.split('#')[0] === pathToFileURL(rendererIndex()).href;

export function createMainWindow(): BrowserWindow {
  // No permission (camera, notifications, …) is ever granted to page content.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'دفتر — Daftar',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });

  // Links leave the app only as http(s)/mailto, and only to the system browser or mail program.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isOpenableUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex());
  return window;
}
