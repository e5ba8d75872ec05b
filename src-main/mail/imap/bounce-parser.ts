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
      const thread = new Worker(this.entry);
      thread.unref();
      const ready = new Promise<void>((resolve, reject) => {
        thread.once('message', () => resolve());
        thread.once('error', reject);
        thread.once('exit', () => reject(new UnreadableMail('the parser stopped')));
      });
      ready.catch(() => undefined);
      this.worker = { thread, ready };
    }
    return this.worker;
  }

  async parse(job: BounceJob): Promise<Bounce | null> {
    const { thread, ready } = this.started();
    await ready.catch((error: unknown) => {
      void this.end(thread);
      throw error instanceof UnreadableMail ? error : new UnreadableMail(`the parser did not start: ${String(error)}`);
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
