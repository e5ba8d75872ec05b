import { AppError, type Envelope } from '../../src-shared/errors';
import { BOOK_FILE_NAME } from '../core';
import { DEFAULT_PROPERTIES } from '../settings/properties';
import { listBackups, stageRestore } from './backups';
import { join } from 'node:path';

/** What a host needs of a core to serve the window. */
export interface ServedCore {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(listener: (event: { name: string; payload: unknown }) => void): () => void;
  close(): Promise<void>;
}

/**
 * Stands in for the core when the book cannot be opened because it is damaged: the window
 * shows why and offers the backups, and nothing else runs on the damaged book. Restoring
 * stages the backup; the host then starts the real core, which swaps it in.
 */
export function rescueCore(options: {
  dataFolder: string;
  version: string;
  host: 'electron' | 'node';
  damage: AppError;
  restart: () => void;
}): ServedCore {
  const bookFile = join(options.dataFolder, BOOK_FILE_NAME);
  const details = options.damage.details as { problems?: string[] };
  const answers: Record<string, (input: unknown) => unknown> = {
    'app.info': () => ({
      version: options.version,
      dataFolder: options.dataFolder,
      bookFile,
      host: options.host,
      interruptedUpdate: null,
      restoredFrom: null,
      damaged: { problems: details.problems ?? [options.damage.message] },
      printerMissing: null,
    }),
    'settings.get': () => DEFAULT_PROPERTIES,
    'users.status': () => ({ user: null, loginRequired: false }),
    'book.backups': () => ({ backups: listBackups(bookFile) }),
    'book.restore': (input) => {
      const name = (input as { name?: unknown } | null)?.name;
      if (typeof name !== 'string') throw AppError.invalidField('name', 'required');
      stageRestore(bookFile, name);
      setTimeout(options.restart, 50).unref?.();
      return { restarting: true };
    },
  };
  return {
    async call(name, input) {
      try {
        const answer = answers[name];
        if (!answer) throw options.damage;
        return { ok: true, value: answer(input) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toBody() };
        return { ok: false, error: { code: 'internal', message: String(error), details: {} } };
      }
    },
    on: () => () => {},
    close: async () => {},
  };
}

/** The core a host serves, swapped for a new one when the book is restored, with listeners kept. */
export class CoreHolder implements ServedCore {
  private readonly listeners = new Set<(event: { name: string; payload: unknown }) => void>();
  private unsubscribe: () => void = () => {};

  constructor(private current: ServedCore) {
    this.subscribe();
  }

  private subscribe(): void {
    this.unsubscribe = this.current.on((event) => {
      for (const listener of this.listeners) listener(event);
    });
  }

  /** Close the one in use and serve the next; calls meanwhile wait for it. */
  async swap(next: () => Promise<ServedCore>): Promise<void> {
    const old = this.current;
    let ready!: (core: ServedCore) => void;
    const pending = new Promise<ServedCore>((r) => (ready = r));
    this.current = { call: async (n, i) => (await pending).call(n, i), on: () => () => {}, close: async () => {} };
    this.unsubscribe();
    await old.close();
    const core = await next();
    ready(core);
    this.current = core;
    this.subscribe();
  }

  call(name: string, input: unknown): Promise<Envelope<unknown>> {
    return this.current.call(name, input);
  }
  on(listener: (event: { name: string; payload: unknown }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  close(): Promise<void> {
    this.unsubscribe();
    return this.current.close();
  }
}
