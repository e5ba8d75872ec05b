import { BrowserWindow, dialog, app } from 'electron';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileSaver } from '../ports';

/** The system's save dialog, then a copy of the file where the user chose (never read into memory). */
export const electronFileSaver: FileSaver = {
  async save(file, suggestedName) {
    const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
    const { canceled, filePath } = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (canceled || !filePath) return false;
    await copyFile(file, filePath);
    return true;
  },
};
