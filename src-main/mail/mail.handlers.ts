import { mailApi } from '../../src-shared/api/mail.api';
import { AppError } from '../../src-shared/errors';
import type { LicensingSync } from '../credits/sync';
import { reserveIn } from '../credits/ledger';
import type { DomainHandlers, Services } from '../registry';
import { cancelWaitingIn, type MailQueue } from './mail-queue';
import { prepareSend } from './mail.service';
import * as repo from './outbox.repo';
import { loadTemplates, saveTemplates } from './templates';
import type { OutboxWorker } from './worker';

export const mailHandlers = (services: Services, queue: MailQueue, worker: OutboxWorker, licensing: LicensingSync) => {
  const { book, ports } = services;
  const mustGet = async (id: string) => {
    const row = await repo.getOutbox(book.db, id);
    if (!row) throw new AppError('not_found', `No message ${id} in the outbox`, { id });
    return row;
  };

  return {
    'mail.prepare': async ({ target }) => prepareSend(services, target, (await licensing.status()).balance),

    'mail.send': async (input, ctx) => {
      const { row, cost } = await queue.enqueue(input, ctx.userId ?? '');
      return { id: row.id, status: row.status, cost, balance: (await licensing.status()).balance ?? 0 };
    },

    'mail.outbox': async ({ statuses, limit, offset }) => {
      const { rows, total } = await repo.listOutbox(book.db, statuses, limit, offset);
      const bounces = await repo.bouncesByMessage(
        book.db,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) => repo.toOutboxRow(r, bounces.get(r.id))),
        total,
        queue: await worker.queueState(),
      };
    },

    'mail.retry': async ({ id }) => {
      const row = await mustGet(id);
      if (row.status !== 'queued' && row.status !== 'held' && row.status !== 'failed')
        throw AppError.because('not_retryable', `A ${row.status} message cannot be retried`, { status: row.status });
      const now = ports.clock.now();
      await book.db.transaction().execute(async (trx) => {
        // Only from the state it was seen in: a second retry, or the worker, that came first wins.
        const moved = await repo.updateOutboxIf(trx, id, [row.status], {
          status: 'queued',
          next_attempt_at: null,
          updated_at: now.toISOString(),
        });
        if (!moved) {
          const status = (await repo.getOutbox(trx, id))?.status ?? row.status;
          throw AppError.because('not_retryable', `The message is ${status} now`, { status });
        }
        // A failed message gave its credits back: it takes them again to go out again, once.
        if (row.status === 'failed')
          await repo.updateOutbox(trx, id, {
            spend_id: await reserveIn(services.book, trx, services.grants, row.credits, row.id, now),
          });
      });
      const updated = await mustGet(id);
      await queue.announce(updated);
      worker.kick();
      return repo.toOutboxRow(updated);
    },

    'mail.cancel': async ({ id }) => {
      const row = await mustGet(id);
      if (row.status !== 'queued' && row.status !== 'held')
        throw AppError.because('not_cancellable', `A ${row.status} message cannot be cancelled`, {
          status: row.status,
        });
      await book.db.transaction().execute((trx) => cancelWaitingIn(book, trx, row, ports.clock.now()));
      const updated = await mustGet(id);
      await queue.announce(updated);
      return repo.toOutboxRow(updated);
    },

    'mail.resume': () => worker.resume(),
    'mail.templates': () => loadTemplates(book),
    'mail.saveTemplates': (templates) => saveTemplates(book, templates),
  } satisfies DomainHandlers<typeof mailApi>;
};
