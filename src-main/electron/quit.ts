import type { App, Event } from 'electron';

/** The part of Electron's app that quitting uses. */
export interface Quitter {
  on(event: 'before-quit', listener: (event: Event) => void): unknown;
  quit(): void;
}

/**
 * Quitting waits for the core to close (the outbox and sync stopped, the book written and
 * closed): the first quit is held, the core closed, then the quit goes on. Quits asked for
 * meanwhile wait with it.
 */
export function closeBeforeQuit(app: Quitter | App, close: () => Promise<void>, onError: (e: unknown) => void): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event: Event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void close()
      .catch(onError)
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
