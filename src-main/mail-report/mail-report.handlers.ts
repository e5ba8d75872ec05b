import type { DocumentTarget } from '../../src-shared/api/print.api';
import { mailReportApi } from '../../src-shared/api/mail-report.api';
import { AppError } from '../../src-shared/errors';
import type { MailQueue } from '../mail/mail-queue';
import * as outboxRepo from '../mail/outbox.repo';
import type { DomainHandlers, Services } from '../registry';
import { getUser, listUsers } from '../users/users.repo';
import { listBulks } from '../bulk/bulk.repo';
import { newExport } from '../exports/exports';
import * as repo from './mail-report.repo';

export const mailReportHandlers = (services: Services, queue: MailQueue) => {
  const {
    book: { db },
  } = services;
  return {
    'mailReport.query': async ({ filters, limit, offset }) => {
      // Off the main thread: a year of a big outbox is a long read.
      const { totals, perDay, rows, bounces } = await services.reads.run('mailReport', { filters, limit, offset });
      return {
        totals,
        perDay,
        items: rows.map((r) => ({ ...outboxRepo.toOutboxRow(r, bounces.get(r.id)), userName: r.user_name })),
        total: totals.messages,
      };
    },

    'mailReport.detail': async ({ id }) => {
      const row = await outboxRepo.getOutbox(db, id);
      if (!row) throw new AppError('not_found', `No message ${id}`, { id });
      const user = row.created_by ? await getUser(db, row.created_by) : undefined;
      const bounces = await outboxRepo.bouncesByMessage(db, [id]);
      return {
        ...outboxRepo.toOutboxRow(row, bounces.get(id)),
        userName: user?.name ?? '',
        attempts: (await repo.attempts(db, id)).map((a) => ({
          attempt: a.attempt,
          at: a.at,
          outcome: a.outcome,
          reply: a.reply,
        })),
      };
    },

    'mailReport.resend': async ({ id }, ctx) => {
      const row = await outboxRepo.getOutbox(db, id);
      if (!row) throw new AppError('not_found', `No message ${id}`, { id });
      // Through the one queue: the outbox and the balance follow at once, even with the queue paused.
      const { row: queued } = await queue.enqueue(
        {
          target: JSON.parse(row.source_json) as DocumentTarget,
          to: JSON.parse(row.to_json) as string[],
          cc: JSON.parse(row.cc_json) as string[],
          subject: row.subject,
          note: row.note,
          confirmResend: true,
        },
        ctx.userId ?? '',
      );
      return { id: queued.id };
    },

    'mailReport.choices': async () => {
      const [users, bulks] = await Promise.all([listUsers(db), listBulks(db)]);
      return {
        users: users.map((u) => ({ id: u.id, name: u.name })),
        bulks: bulks.map((b) => ({ id: b.id, number: b.number, createdAt: b.created_at })),
      };
    },

    'mailReport.attachment': async ({ id }) => {
      const row = await outboxRepo.getOutbox(db, id);
      if (!row) throw new AppError('not_found', `No message ${id}`, { id });
      const kept = await services.book.files.readPdf(row);
      if ('why' in kept) services.log.info(`mail report: the PDF of message ${id} is not read: ${kept.why}`, { id });
      if ('problem' in kept)
        throw AppError.because('attachment_missing', `The PDF of message ${id} is gone or changed`, { id });
      return { fileName: row.file_name, pdfBase64: kept.pdf.toString('base64'), sha256: row.pdf_sha256 };
    },

    'mailReport.csv': async ({ filters }) => {
      const fileName = `mail-report ${filters.from} ${filters.to}.csv`;
      const { id, path } = newExport(services.config.dataFolder, fileName);
      const { rows } = await services.reads.run('mailReportCsv', { filters, path });
      const { saver } = services.ports;
      if (saver) await saver.save(path, fileName);
      return { fileName, rows, exportId: id, handled: !!saver };
    },
  } satisfies DomainHandlers<typeof mailReportApi>;
};
