import { z } from 'zod';
import { defineCall } from './define';
import { id, isoTime, noInput } from './fields';
import { outboxRow } from './mail.api';
import { mailReportFilters } from './mail-report-filters';
import { isoDate } from './vouchers.api';

export { mailReportFilters, type MailReportFilters } from './mail-report-filters';

export const mailReportApi = {
  'mailReport.query': defineCall({
    permission: 'view_mail_report',
    summary:
      'The mail report: totals, messages per day (sent vs failed) and the messages, by date range, user, party, document type, status, bulk and text.',
    input: z
      .object({
        filters: mailReportFilters,
        limit: z.int().min(1).max(500).default(100),
        offset: z.int().min(0).default(0),
      })
      .strict(),
    output: z.object({
      /** sent: delivered without a bounce; bounced: sent, and a recipient bounced. */
      totals: z.object({
        messages: z.int(),
        recipients: z.int(),
        credits: z.int(),
        sent: z.int(),
        bounced: z.int(),
        failed: z.int(),
      }),
      perDay: z.array(z.object({ day: isoDate, sent: z.int(), bounced: z.int(), failed: z.int() })),
      items: z.array(outboxRow.extend({ userName: z.string() })),
      total: z.int(),
    }),
  }),
  'mailReport.detail': defineCall({
    permission: 'view_mail_report',
    summary:
      'One message: recipients, subject, note, document, each attempt with the server reply, Message-ID, credits, user.',
    input: z.object({ id }).strict(),
    output: outboxRow.extend({
      userName: z.string(),
      attempts: z.array(z.object({ attempt: z.int(), at: isoTime, outcome: z.string(), reply: z.string().nullable() })),
    }),
  }),
  'mailReport.resend': defineCall({
    permission: ['send_email', 'view_mail_report'],
    summary: 'Send a message again (a new outbox row, charged again).',
    input: z.object({ id }).strict(),
    output: z.object({ id }),
  }),
  'mailReport.choices': defineCall({
    permission: 'view_mail_report',
    summary: "What the report's user and bulk filters offer: the book's users and its latest bulk vouchers.",
    input: noInput,
    output: z.object({
      users: z.array(z.object({ id: z.string(), name: z.string() })),
      bulks: z.array(z.object({ id, number: z.int(), createdAt: isoTime })),
    }),
  }),
  'mailReport.attachment': defineCall({
    permission: 'view_mail_report',
    summary:
      'The PDF a message carried, exactly as sent (base64, checked against its sha256). not_found with reason attachment_missing when the file is gone.',
    input: z.object({ id }).strict(),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), sha256: z.string() }),
  }),
  'mailReport.csv': defineCall({
    permission: 'view_mail_report',
    summary:
      'The filtered list as a CSV file (UTF-8 with BOM, so Excel shows Arabic), written row by row in the data folder. handled=true: the host has offered it to the user (Electron: a save dialog). handled=false: the window downloads it from exports/<exportId> (the Node host).',
    input: z.object({ filters: mailReportFilters }).strict(),
    output: z.object({ fileName: z.string(), rows: z.int(), exportId: z.string(), handled: z.boolean() }),
  }),
};
