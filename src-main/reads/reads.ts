import type { Kysely } from 'kysely';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../src-shared/errors';
import type { Database } from '../book/schema';
import type { Logger } from '../log';
import { runRead, type ReadInput, type ReadName, type ReadOutput, type ReadReply } from './read-queries';

/** Where the heavy reads run. */
export interface Reads {
  run<K extends ReadName>(name: K, input: ReadInput<K>): Promise<ReadOutput<K>>;
  close(): Promise<void>;
}

/** On the main connection: for a book in memory, which no other connection can open (tests). */
export class InProcessReads implements Reads {
  constructor(private readonly db: Kysely<Database>) {}
  run<K extends ReadName>(name: K, input: ReadInput<K>): Promise<ReadOutput<K>> {
    return runRead(this.db, name, input);
  }
  async close(): Promise<void> {}
}

interface Waiting {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * A worker thread with its own read-only connection to the book. It starts on the first read;
 * if it dies (a crash, or ended by force), every read it held answers `read_interrupted` and the
 * next read starts a new one. Reads queue in the worker and run one at a time.
 */
export class ReadWorker implements Reads {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;

  constructor(
    /** The worker's bundled script (read-worker.cjs beside the host's). */
    private readonly entry: string,
    private readonly bookFile: string,
    private readonly log: Logger,
  ) {}

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry, { workerData: { bookFile: this.bookFile } });
    worker.on('message', (reply: ReadReply) => {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else if (reply.appError)
        waiting.reject(
          Object.assign(new AppError(reply.appError.code, reply.message), { details: reply.appError.details }),
        );
      else waiting.reject(new Error(`a read failed: ${reply.message}`));
    });
    worker.on('error', (error) => this.log.error('the read worker failed', error));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.waiting.size) this.log.error('the read worker stopped; its reads are answered with an error', { code });
      this.failAll();
    });
    this.worker = worker;
    return worker;
  }

  private failAll(): void {
    for (const waiting of this.waiting.values())
      waiting.reject(AppError.because('read_interrupted', 'The read stopped before it finished; try again'));
    this.waiting.clear();
  }

  run<K extends ReadName>(name: K, input: ReadInput<K>): Promise<ReadOutput<K>> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.started().postMessage({ id, name, input });
    });
  }

  /** Ends the worker at once, as a crash would (a test's fault; close() for a clean stop). */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll();
    await worker?.terminate();
  }
}
