import { bulkApi } from '../../src-shared/api/bulk.api';
import { AppError } from '../../src-shared/errors';
import type { LicensingSync } from '../credits/sync';
import { limitsOf, readMailbox } from '../company/company.repo';
import type { MailQueue } from '../mail/mail-queue';
import type { DomainHandlers, Services } from '../registry';
import * as repo from './bulk.repo';
import { previewBulk } from './bulk-preview';
import type { BulkRunner } from './bulk.service';

export const bulkHandlers = (services: Services, runner: BulkRunner, queue: MailQueue, licensing: LicensingSync) =>
  ({
    'bulk.preview': async ({ options }) => {
      const preview = await previewBulk(services, options, (await licensing.status()).balance);
      const { recipientsPerDay, messagesPerMinute } = limitsOf(await readMailbox(services.book.db));
      return { ...preview, pace: { recipientsPerDay, messagesPerMinute } };
    },
    'bulk.start': ({ options, limitToBalance }, ctx) => runner.create(options, limitToBalance, ctx.userId ?? ''),
    'bulk.testSend': async ({ options, to }, ctx) => {
      const [first] = await repo.firstDocuments(services.book.db, { ...options }, 1);
      if (!first) throw AppError.because('nothing_to_send', 'No document matches these options');
      const target = {
        kind: 'voucher' as const,
        id: first.id,
        ...(options.language === 'document' ? {} : { language: options.language }),
      };
      const { row: queued } = await queue.enqueue(
        { target, to: [to], cc: [], subject: null, note: options.note, confirmResend: true },
        ctx.userId ?? '',
      );
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
