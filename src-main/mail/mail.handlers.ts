import { mailApi, type OutboxRow } from '../../src-shared/api/mail.api';
import type { DocumentTarget } from '../../src-shared/api/print.api';
import { AppError } from '../../src-shared/errors';
import type { LicensingSync } from '../credits/sync';
import { reserveIn, returnIn } from '../credits/ledger';
import type { DomainHandlers, Services } from '../registry';
import { prepareSend, queueSend } from './mail.service';
import * as repo from './outbox.repo';
import { loadTemplates, saveTemplates } from './templates';
import type { OutboxWorker } from './worker';

export const toRow = (r: repo.OutboxRecord): OutboxRow => ({
  id: r.id,
  status: r.status,
  to: JSON.parse(r.to_json) as string[],
  cc: JSON.parse(r.cc_json) as string[],
  subject: r.subject,
  note: r.note,
  fileName: r.file_name,
  pdfSha256: r.pdf_sha256,
  messageId: r.message_id,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastReply: r.last_reply,
  lastError: r.last_error,
  credits: r.credits,
  source: JSON.parse(r.source_json) as DocumentTarget,
  sourceTitle: r.source_title,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export const mailHandlers = (services: Services, worker: OutboxWorker, licensing: LicensingSync) => {
  const { book, ports, events } = services;
  const mustGet = async (id: string) => {
    const row = await repo.getOutbox(book.db, id);
    if (!row) throw new AppError('not_found', `No message ${id} in the outbox`, { id });
    return row;
  };
  const changed = async (row: repo.OutboxRecord) =>
    events.emit('mail.changed', {
      id: row.id,
      status: row.status,
      lastError: row.last_error,
      sourceTitle: row.source_title,
      queue: await worker.queueState(),
    });

  return {
    'mail.prepare': async ({ target }) => prepareSend(services, target, (await licensing.status()).balance),

    'mail.send': async (input, ctx) => {
      const { id, cost } = await queueSend(services, input, ctx.userId ?? '');
      const row = await mustGet(id);
      await changed(row);
      worker.kick();
      return { id, status: row.status, cost, balance: (await licensing.status()).balance ?? 0 };
    },

    'mail.outbox': async ({ statuses, limit, offset }) => {
      const { rows, total } = await repo.listOutbox(book.db, statuses, limit, offset);
      return { items: rows.map(toRow), total, queue: await worker.queueState() };
    },

    'mail.retry': async ({ id }) => {
      const row = await mustGet(id);
      if (!['queued', 'held', 'failed'].includes(row.status))
        throw new AppError('conflict', `A ${row.status} message cannot be retried`, {
          reason: 'not_retryable',
          status: row.status,
        });
      const now = ports.clock.now();
      await book.db.transaction().execute(async (trx) => {
        // A failed message gave its credits back: it takes them again to go out again.
        const spendId = row.status === 'failed' ? await reserveIn(trx, row.credits, row.id, now) : row.spend_id;
        await repo.updateOutbox(trx, id, {
          status: 'queued',
          next_attempt_at: null,
          spend_id: spendId,
          updated_at: now.toISOString(),
        });
      });
      const updated = await mustGet(id);
      await changed(updated);
      worker.kick();
      return toRow(updated);
    },

    'mail.cancel': async ({ id }) => {
      const row = await mustGet(id);
      if (!['queued', 'held'].includes(row.status))
        throw new AppError('conflict', `A ${row.status} message cannot be cancelled`, {
          reason: 'not_cancellable',
          status: row.status,
        });
      const now = ports.clock.now();
      await book.db.transaction().execute(async (trx) => {
        await repo.updateOutbox(trx, id, { status: 'cancelled', next_attempt_at: null, updated_at: now.toISOString() });
        if (row.spend_id) await returnIn(trx, row.spend_id, now);
      });
      const updated = await mustGet(id);
      await changed(updated);
      return toRow(updated);
    },

    'mail.resume': () => worker.resume(),
    'mail.templates': () => loadTemplates(book),
    'mail.saveTemplates': (templates) => saveTemplates(book, templates),
  } satisfies DomainHandlers<typeof mailApi>;
};
