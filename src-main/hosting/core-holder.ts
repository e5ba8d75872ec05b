import type { Envelope } from '../../src-shared/errors';

/** What a host needs of a core to serve the window. */
export interface ServedCore {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(listener: (event: { name: string; payload: unknown }) => void): () => void;
  close(): Promise<void>;
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
