import type { CompanyInfo } from '../api/company.api';
import type { Language } from '../api/fields';
import type { OutboxStatus } from '../api/mail-report-filters';
import type { Party } from '../api/parties.api';
import type { Statement } from '../api/statements.api';
import type { Voucher } from '../api/vouchers.api';

/** The page's full TTF fonts, by URL (relative: the printer and the window each resolve it against their own base). */
export interface PrintFonts {
  arabicRegular: string;
  arabicBold: string;
  latinRegular: string;
  latinBold: string;
}

export type PrintParty = Pick<Party, 'name' | 'code' | 'kind' | 'phone' | 'address' | 'taxNumber'>;

export type PrintModel =
  | { kind: 'voucher'; language: Language; company: CompanyInfo; party: PrintParty; voucher: Voucher }
  | {
      kind: 'accountStatement' | 'employeeStatement';
      language: Language;
      company: CompanyInfo;
      party: PrintParty;
      statement: Statement;
    }
  | { kind: 'mailReport'; language: Language; company: CompanyInfo; report: MailReportPrint };

/** A document about one party (voucher or statement): what email sends. */
export type PartyDocumentModel = Exclude<PrintModel, { kind: 'mailReport' }>;

/** The mail report as printed: the filters in words, totals, per day, and the first messages. */
export interface MailReportPrint {
  from: string;
  to: string;
  /** Filters other than the date range, already in words: [label, value]. */
  filters: [label: string, value: string][];
  totals: { messages: number; recipients: number; credits: number; sent: number; bounced: number; failed: number };
  perDay: { day: string; sent: number; bounced: number; failed: number }[];
  items: {
    createdAt: string;
    sourceTitle: string;
    recipients: string[];
    status: OutboxStatus;
    credits: number;
    userName: string;
  }[];
  /** All messages the filters select; items holds at most MAIL_REPORT_PRINT_LIMIT of them. */
  total: number;
  /** The zone the times are printed in (the desktop's own). */
  timeZone: string;
}

/** A printed report lists this many messages at most; the CSV has them all. */
export const MAIL_REPORT_PRINT_LIMIT = 2000;
