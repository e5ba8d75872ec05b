import type { DocumentTarget } from '../../src-shared/api/print.api';
import { mailReportApi } from '../../src-shared/api/report.api';
import { AppError } from '../../src-shared/errors';
import { toCsv } from '../../src-shared/text/csv';
import { toRow } from '../mail/mail.handlers';
import { queueSend } from '../mail/mail.service';
import * as outboxRepo from '../mail/outbox.repo';
import type { OutboxWorker } from '../mail/worker';
import type { DomainHandlers, Services } from '../registry';
import { getUser } from '../users/users.repo';
import * as repo from './mail-report.repo';

export const mailReportHandlers = (services: Services, worker: OutboxWorker) => {
  const { book: { db } } = services;
  return {
    'mailReport.query': async ({ filters, limit, offset }) => {
      const [totals, perDay, rows] = await Promise.all([repo.totals(db, filters), repo.perDay(db, filters), repo.page(db, filters, limit, offset)]);
      return {
        totals,
        perDay: perDay.map((d) => ({ day: d.day, sent: Number(d.sent), failed: Number(d.failed) })),
        items: rows.map((r) => ({ ...toRow(r), userName: r.user_name })),
        total: totals.messages,
      };
    },

    'mailReport.detail': async ({ id }) => {
      const row = await outboxRepo.getOutbox(db, id);
      if (!row) throw new AppError('not_found', `No message ${id}`, { id });
      const user = row.created_by ? await getUser(db, row.created_by) : undefined;
      return { ...toRow(row), userName: user?.name ?? '', attempts: (await repo.attempts(db, id)).map((a) => ({ attempt: a.attempt, at: a.at, outcome: a.outcome, reply: a.reply })) };
    },

    'mailReport.resend': async ({ id }, ctx) => {
      const row = await outboxRepo.getOutbox(db, id);
      if (!row) throw new AppError('not_found', `No message ${id}`, { id });
      const queued = await queueSend(
        services,
        { target: JSON.parse(row.source_json) as DocumentTarget, to: JSON.parse(row.to_json) as string[], cc: JSON.parse(row.cc_json) as string[], subject: row.subject, note: row.note, confirmResend: true },
        ctx.userId ?? '',
      );
      worker.kick();
      return { id: queued.id };
    },

    'mailReport.csv': async ({ filters }) => {
      const rows = await repo.page(db, filters, 1_000_000, 0);
      const header = ['created_at', 'sent_at', 'document', 'to', 'cc', 'subject', 'status', 'credits', 'user', 'message_id', 'last_reply'];
      const lines = rows.map((r) => [r.created_at, r.sent_at ?? '', r.source_title, (JSON.parse(r.to_json) as string[]).join(', '), (JSON.parse(r.cc_json) as string[]).join(', '), r.subject, r.status, r.credits, r.user_name, r.message_id, r.last_reply ?? '']);
      return { fileName: `mail-report ${filters.from} ${filters.to}.csv`, csv: toCsv([header, ...lines]) };
    },
  } satisfies DomainHandlers<typeof mailReportApi>;
};
