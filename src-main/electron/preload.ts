import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

// The whole bridge: one call function and one event subscription. No logic here —
// adding a call to the contract never touches this file.
contextBridge.exposeInMainWorld('daftar', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, name, input),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const forward = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
});
