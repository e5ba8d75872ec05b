import { z } from 'zod';
import { defineCall, type InputPermission } from './define';
import { id, language } from './fields';
import { mailReportFilters } from './mail-report-filters';
import { statementInput } from './statements.api';

const voucherTarget = z.object({ kind: z.literal('voucher'), id, language: language.optional() }).strict();
const accountStatementTarget = z
  .object({ kind: z.literal('accountStatement'), input: statementInput, language })
  .strict();
const employeeStatementTarget = z
  .object({ kind: z.literal('employeeStatement'), input: statementInput, language })
  .strict();

/** A document sent to a party: a voucher (its current revision) or a statement. These can also be emailed. */
export const documentTarget = z.discriminatedUnion('kind', [
  voucherTarget,
  accountStatementTarget,
  employeeStatementTarget,
]);
export type DocumentTarget = z.infer<typeof documentTarget>;

/** What to print: a party's document, or the mail report (which needs the report's permission). */
export const printTarget = z.discriminatedUnion('kind', [
  voucherTarget,
  accountStatementTarget,
  employeeStatementTarget,
  z.object({ kind: z.literal('mailReport'), filters: mailReportFilters, language }).strict(),
]);
export type PrintTarget = z.infer<typeof printTarget>;

/** Printing the mail report shows what the report shows: it needs the report's permission. */
const mailReportPrint: InputPermission<{ target: PrintTarget }> = {
  permission: 'view_mail_report',
  when: 'the target is the mail report',
  applies: (input) => input.target.kind === 'mailReport',
};

export const printApi = {
  'print.pdf': defineCall({
    permission: 'signed-in',
    inputPermission: mailReportPrint,
    summary:
      'The PDF of a document — the same file Print sends and email attaches — as base64, with its sha256 and a file name.',
    input: z.object({ target: printTarget }).strict(),
    output: z.object({
      fileName: z.string(),
      pdfBase64: z.string(),
      sha256: z.string(),
      bytes: z.int(),
      revision: z.int().nullable(),
    }),
  }),
  'print.send': defineCall({
    permission: 'signed-in',
    inputPermission: mailReportPrint,
    summary:
      'Print on paper through the host (Electron: the system print dialog). handled=false: the window must print the page itself (print.html).',
    input: z.object({ target: printTarget }).strict(),
    output: z.object({ handled: z.boolean() }),
  }),
  'print.html': defineCall({
    permission: 'signed-in',
    inputPermission: mailReportPrint,
    summary: 'The complete HTML page of a document, for sending to a printer (the PDF is printed from the same page).',
    input: z.object({ target: printTarget }).strict(),
    output: z.object({ html: z.string(), title: z.string() }),
  }),
};
