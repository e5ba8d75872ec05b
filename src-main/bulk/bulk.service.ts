import { ulid } from 'ulid';
import type { BulkOptions, BulkSend } from '../../src-shared/api/bulk.api';
import { AppError } from '../../src-shared/errors';
import type { LicensingSync } from '../credits/sync';
import { cancelWaitingIn, type MailQueue } from '../mail/mail-queue';
import { printPdf } from '../print/print.service';
import type { Services } from '../registry';
import * as repo from './bulk.repo';
import { addressesOf, previewBulk } from './bulk-preview';

/** Documents printed ahead of the one being queued: enough that the printer always has the next. */
const PRINT_AHEAD = 3;

/**
 * Queues a bulk's documents a few at a time, yielding between each so the window and the
 * other calls stay responsive. Its state is in the book, so a restart picks it up again.
 */
export class BulkRunner {
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;
  /** Held for a while (the book moving to the office server): no bulk queues anything until released. */
  private held = false;
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly services: Services,
    private readonly queue: MailQueue,
    private readonly licensing: LicensingSync,
    /** An office book: how often to look for running bulks no desktop is running (one that stopped or died). */
    private readonly takeOverMs: number | null = null,
  ) {}

  async start(): Promise<void> {
    await this.resumeRunning();
    if (this.takeOverMs !== null && !this.stopped)
      this.sweep = setInterval(
        () =>
          void this.resumeRunning().catch((error: unknown) => this.services.log.error('bulk: looking for work', error)),
        this.takeOverMs,
      );
  }

  private async resumeRunning(): Promise<void> {
    for (const { id } of await repo.runningBulks(this.services.book.db)) this.run(id);
  }

  private get halted(): boolean {
    return this.stopped || this.held;
  }

  /** Queues nothing more until the returned release; a bulk under way stops between two batches (it stays running). */
  async hold(): Promise<() => void> {
    this.held = true;
    await Promise.all(this.running.values());
    return () => {
      this.held = false;
      void this.resumeRunning().catch((error: unknown) =>
        this.services.log.error('bulk: going on after a hold', error),
      );
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    await Promise.all(this.running.values());
  }

  async view(id: string): Promise<BulkSend> {
    const row = await repo.getBulk(this.services.book.db, id);
    if (!row) throw new AppError('not_found', `No bulk send ${id}`, { id });
    // The stored options also remember limitToBalance, which is how it was started, not an option.
    const { limitToBalance: _, ...options } = JSON.parse(row.options_json) as BulkOptions & {
      limitToBalance?: boolean;
    };
    return {
      id: row.id,
      number: row.number,
      status: row.status,
      options,
      tally: await repo.tally(this.services.book.db, id),
      createdAt: row.created_at,
    };
  }

  private async progress(id: string): Promise<void> {
    const bulk = await this.view(id);
    this.services.events.emit('bulk.progress', { id, status: bulk.status, tally: bulk.tally });
  }

  async create(o: BulkOptions, limitToBalance: boolean, createdBy = ''): Promise<BulkSend> {
    const { db } = this.services.book;
    const balance = (await this.licensing.status()).balance ?? 0;
    const preview = await previewBulk(this.services, o, balance);
    if (preview.cost > balance && !limitToBalance) {
      throw AppError.because('credits_short', `This bulk needs ${preview.cost} credits; ${balance} left`, {
        needed: preview.cost,
        balance,
      });
    }
    const id = ulid();
    const now = this.services.ports.clock.now().toISOString();
    await repo.insertBulk(db, { id, optionsJson: JSON.stringify({ ...o, limitToBalance }), createdBy, now });
    // The first documents are listed now; the runner lists the rest as it goes.
    await repo.prepareChunk(db, id, o);
    this.run(id);
    return this.view(id);
  }

  run(id: string): void {
    if (this.running.has(id) || this.halted) return;
    // One desktop of an office runs a bulk at a time; the others leave it be, and take over if it stops.
    const job = this.services.book.locks
      .runAlone(`daftar.bulk.${id}`, () => this.loop(id))
      .then(() => undefined)
      .catch((error: unknown) => this.services.log.error('bulk send stopped', error))
      .finally(() => this.running.delete(id));
    this.running.set(id, job);
  }

  private async setStatus(id: string, status: BulkSend['status']): Promise<void> {
    await repo.setBulkStatus(this.services.book.db, id, status, this.services.ports.clock.now().toISOString());
  }

  private async loop(id: string): Promise<void> {
    const { db } = this.services.book;
    while (!this.halted) {
      const bulk = await repo.getBulk(db, id);
      if (!bulk || bulk.status !== 'running') return;
      const o = JSON.parse(bulk.options_json) as BulkOptions & { limitToBalance?: boolean };
      if (!bulk.prepared) {
        // Go on listing its documents, a few hundred per turn; also after a restart.
        const more = await repo.prepareChunk(db, id, o);
        if (!more) await repo.markPrepared(db, id);
      }
      const batch = await repo.nextPending(db, id, 20);
      if (batch.length === 0) {
        if (!bulk.prepared) continue;
        await this.setStatus(id, 'done');
        await this.progress(id);
        return;
      }
      if (!(await this.queueBatch(bulk, o, batch))) return;
      await this.progress(id);
    }
  }

  /** Queues a batch of documents in order; false when the bulk stopped (paused, cancelled, out of credit). */
  private async queueBatch(
    bulk: NonNullable<Awaited<ReturnType<typeof repo.getBulk>>>,
    o: BulkOptions & { limitToBalance?: boolean },
    batch: Awaited<ReturnType<typeof repo.nextPending>>,
  ): Promise<boolean> {
    const { db } = this.services.book;
    const { id } = bulk;
    type Item = (typeof batch)[number];
    const skipOf = (item: Item) =>
      addressesOf(item.emails).skip ?? (o.skipAlreadySent && Number(item.sent) ? 'already_sent' : null);
    const targetOf = (item: Item) => ({
      kind: 'voucher' as const,
      id: item.voucherId,
      ...(o.language === 'document' ? {} : { language: o.language }),
    });
    // The printer never waits for the book: the next documents are printed ahead, and kept, while
    // this one is queued. Each is awaited before its own turn, so never printed twice.
    const printed = new Map<number, Promise<unknown>>();
    const printAhead = (from: number) => {
      for (const item of batch.slice(from, from + PRINT_AHEAD))
        if (!printed.has(item.position) && !skipOf(item))
          printed.set(
            item.position,
            printPdf(this.services, targetOf(item)).catch(() => undefined),
          );
    };
    try {
      for (const [index, item] of batch.entries()) {
        printAhead(index);
        await printed.get(item.position);
        if (this.halted || (await repo.getBulk(db, id))?.status !== 'running') return false;
        const reason = skipOf(item);
        if (reason) {
          await repo.setItem(db, id, item.position, { state: 'skipped', skip_reason: reason });
          continue;
        }
        try {
          const { row: queued } = await this.queue.enqueue(
            {
              target: targetOf(item),
              to: addressesOf(item.emails).to,
              cc: o.cc,
              subject: null,
              note: o.note,
              confirmResend: true,
            },
            bulk.created_by,
          );
          await repo.setItem(db, id, item.position, { state: 'queued', outbox_id: queued.id });
        } catch (error) {
          if (error instanceof AppError && error.code === 'no_credit') {
            // As many as the balance covers, in order: the rest are left out.
            if (o.limitToBalance) {
              await repo.closePending(db, id, { state: 'skipped', skip_reason: 'no_credit' });
              await this.setStatus(id, 'done');
            } else await this.setStatus(id, 'paused');
            await this.progress(id);
            return false;
          }
          if (error instanceof AppError)
            await repo.setItem(db, id, item.position, { state: 'skipped', skip_reason: error.code });
          else throw error;
        }
        // Let other work in: one document per turn of the event loop.
        await new Promise((r) => setImmediate(r));
      }
      return true;
    } finally {
      // Printing ahead ends with the batch: nothing is left writing to a book being closed.
      await Promise.all(printed.values());
    }
  }

  async pause(id: string): Promise<BulkSend> {
    const bulk = await this.view(id);
    if (bulk.status === 'running') await this.setStatus(id, 'paused');
    await this.progress(id);
    return this.view(id);
  }

  async resume(id: string): Promise<BulkSend> {
    const bulk = await this.view(id);
    if (bulk.status === 'paused') {
      await this.setStatus(id, 'running');
      this.run(id);
    }
    return this.view(id);
  }

  /** Stop it: documents not yet queued are dropped; queued messages not yet sent are cancelled, their credits returned. */
  async cancel(id: string): Promise<BulkSend> {
    const { db } = this.services.book;
    const bulk = await this.view(id);
    if (bulk.status === 'done' || bulk.status === 'cancelled') return bulk;
    await this.setStatus(id, 'cancelled');
    await this.running.get(id);
    // A message of this bulk on the wire right now finishes its attempt first (seconds at
    // most): then it is either sent, or back in the queue, where the next round cancels it.
    const deadline = Date.now() + 60_000;
    for (;;) {
      while (Date.now() < deadline && (await repo.inFlight(db, id)) > 0) await new Promise((r) => setTimeout(r, 100));
      const now = this.services.ports.clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.closePending(trx, id, { state: 'cancelled' });
        for (const message of await repo.waitingMessages(trx, id))
          await cancelWaitingIn(this.services.book, trx, message, now);
      });
      // The worker may have taken one more just before: go round until none is left.
      if ((await repo.inFlight(db, id)) === 0 || Date.now() >= deadline) break;
    }
    // Their credits came back: the outbox and the balance follow.
    await this.queue.announce(null);
    await this.progress(id);
    return this.view(id);
  }
}
