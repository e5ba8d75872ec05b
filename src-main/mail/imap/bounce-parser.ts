import { Worker } from 'node:worker_threads';
import { parseDeliveryStatus, readTextBounce, type Bounce } from './dsn';
import { messageIdsIn } from './received-text';

/** What is parsed of one received message: an RFC 3464 report's two parts, or a whole text bounce. */
export type BounceJob = { kind: 'report'; status: string; headers: string } | { kind: 'text'; raw: Uint8Array };

/** Reads a job as a bounce (null: not one of Daftar's bounces). */
export async function parseBounceJob(job: BounceJob): Promise<Bounce | null> {
  if (job.kind === 'text') return readTextBounce(Buffer.from(job.raw.buffer, job.raw.byteOffset, job.raw.byteLength));
  const recipients = parseDeliveryStatus(job.status);
  const messageIds = messageIdsIn(job.headers);
  return recipients.length && messageIds.length ? { messageIds, recipients } : null;
}

/** A received message that could not be read within the budget, or made the parser fail: it is skipped. */
export class UnreadableMail extends Error {}

/** The parser itself could not start: no message is to blame, so none is skipped. */
export class ParserUnavailable extends Error {}

/** Where received mail is parsed. */
export interface BounceParser {
  parse(job: BounceJob): Promise<Bounce | null>;
  close(): Promise<void>;
}

/** On the main thread: for tests and tools that have no worker script (the parsers are linear and bounded). */
export class InProcessBounceParser implements BounceParser {
  async parse(job: BounceJob): Promise<Bounce | null> {
    try {
      return await parseBounceJob(job);
    } catch (error) {
      throw new UnreadableMail(error instanceof Error ? error.message : String(error));
    }
  }
  async close(): Promise<void> {}
}

export interface ParserReply {
  id: number;
  ok: boolean;
  value?: Bounce | null;
  message?: string;
}

/**
 * A worker thread of its own parses each message, so that a stranger's mail never holds the window:
 * a message that takes longer than the budget ends the worker (the next message starts a new one)
 * and is answered with UnreadableMail. One message at a time, as the reader reads them.
 */
export class WorkerBounceParser implements BounceParser {
  private worker: { thread: Worker; ready: Promise<void> } | null = null;
  private nextId = 1;

  constructor(
    /** The parser's bundled script (mail-parser.cjs beside the host's). */
    private readonly entry: string,
    /** For one message's parse; the worker's own start (loading the parser) is not counted. */
    private readonly budgetMs = 10_000,
  ) {}

  private started(): { thread: Worker; ready: Promise<void> } {
    if (!this.worker) {
      // A stranger's mail may not take the memory of the desktop with it.
      const thread = new Worker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
      thread.unref();
      const worker = { thread, ready: Promise.resolve() };
      // A worker that ends (a crash, or ended for its budget) is forgotten: the next message starts a new one.
      thread.once('exit', () => {
        if (this.worker === worker) this.worker = null;
      });
      thread.on('error', () => undefined); // answered by whoever waits on it (below)
      worker.ready = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the mail parser did not start within 30 s')), 30_000);
        thread.once('message', () => (clearTimeout(timer), resolve()));
        thread.once('error', (error) => (clearTimeout(timer), reject(error)));
        thread.once('exit', () => (clearTimeout(timer), reject(new Error('the mail parser stopped as it started'))));
      });
      worker.ready.catch(() => undefined);
      this.worker = worker;
    }
    return this.worker;
  }

  async parse(job: BounceJob): Promise<Bounce | null> {
    const { thread, ready } = this.started();
    // A parser that cannot start is Daftar's fault, not the message's: the pass fails and the
    // message is read again next time, rather than skipped with every message after it.
    await ready.catch((error: unknown) => {
      void this.end(thread);
      throw new ParserUnavailable(
        `the mail parser could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const finish = (result: () => void) => {
        clearTimeout(timer);
        thread.off('message', onMessage).off('error', onError).off('exit', onExit);
        result();
      };
      const fail = (why: string) => finish(() => reject(new UnreadableMail(why)));
      const onMessage = (reply: ParserReply) => {
        if (reply.id !== id) return;
        finish(() => (reply.ok ? resolve(reply.value ?? null) : reject(new UnreadableMail(reply.message))));
      };
      const onError = (error: Error) => fail(`the parser failed: ${error.message}`);
      const onExit = () => fail('the parser stopped');
      const timer = setTimeout(() => {
        fail(`not read within ${this.budgetMs} ms`);
        void this.end(thread);
      }, this.budgetMs);
      thread.on('message', onMessage).on('error', onError).on('exit', onExit);
      // The bytes are copied once into the worker; the main thread keeps no work but waiting.
      thread.postMessage({ id, job });
    });
  }

  private async end(thread: Worker): Promise<void> {
    if (this.worker?.thread === thread) this.worker = null;
    await thread.terminate();
  }

  async close(): Promise<void> {
    if (this.worker) await this.end(this.worker.thread);
  }
}
