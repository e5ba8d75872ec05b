import { bulkApi } from '../../src-shared/api/bulk.api';
import { AppError } from '../../src-shared/errors';
import type { LicensingSync } from '../credits/sync';
import { queueSend } from '../mail/mail.service';
import type { OutboxWorker } from '../mail/worker';
import type { DomainHandlers, Services } from '../registry';
import * as repo from './bulk.repo';
import { previewBulk, type BulkRunner } from './bulk.service';

export const bulkHandlers = (services: Services, runner: BulkRunner, worker: OutboxWorker, licensing: LicensingSync) =>
  ({
    'bulk.preview': async ({ options }) => previewBulk(services, options, (await licensing.status()).balance),
    'bulk.start': ({ options, limitToBalance }, ctx) => runner.create(options, limitToBalance, ctx.userId ?? ''),
    'bulk.testSend': async ({ options, to }, ctx) => {
      const [first] = await repo.firstDocuments(services.book.db, { ...options }, 1);
      if (!first) throw new AppError('not_found', 'No document matches these options', { reason: 'empty' });
      const target = {
        kind: 'voucher' as const,
        id: first.id,
        ...(options.language === 'document' ? {} : { language: options.language }),
      };
      const queued = await queueSend(
        services,
        { target, to: [to], cc: [], subject: null, note: options.note, confirmResend: true },
        ctx.userId ?? '',
      );
      worker.kick();
      return { outboxId: queued.id };
    },
    'bulk.get': ({ id }) => runner.view(id),
    'bulk.list': async () => ({
      items: await Promise.all((await repo.listBulks(services.book.db)).map((b) => runner.view(b.id))),
    }),
    'bulk.pause': ({ id }) => runner.pause(id),
    'bulk.resume': ({ id }) => runner.resume(id),
    'bulk.cancel': ({ id }) => runner.cancel(id),
  }) satisfies DomainHandlers<typeof bulkApi>;
