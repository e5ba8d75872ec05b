import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { testCore } from '../../test-support/test-core';
import { closeBeforeQuit, type Quitter } from './quit';
import { localBook } from '../book/book';

/** Quits as Electron's app does: 'before-quit' first, and only if no listener held it, the end. */
class FakeApp extends EventEmitter implements Quitter {
  ended = 0;
  quit(): void {
    let held = false;
    this.emit('before-quit', { preventDefault: () => (held = true) });
    if (!held) this.ended++;
  }
}

it('quitting waits until the core has closed the book, and closes it once however often quit is asked', async () => {
  const t = await testCore({ onDisk: true });
  const app = new FakeApp();
  let closes = 0;
  let closedWhenEnded: boolean | null = null;
  const ended = new Promise<void>((resolve) => {
    const quit = app.quit.bind(app);
    app.quit = () => {
      const before = app.ended;
      quit();
      if (app.ended > before) {
        closedWhenEnded = !localBook(t.core.book).sqlite.open;
        resolve();
      }
    };
  });
  closeBeforeQuit(
    app,
    async () => {
      closes++;
      await t.core.close();
    },
    () => {},
  );
  app.quit();
  app.quit(); // a second window closing, a second Cmd-Q
  expect(app.ended).toBe(0);
  await ended;
  expect(closedWhenEnded).toBe(true);
  expect(closes).toBe(1);
  expect(app.ended).toBe(1);
  await t.close();
});
