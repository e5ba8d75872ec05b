import type { CompanyInfo } from '../src-shared/api/company.api';
import type { MailboxInput } from '../src-shared/api/mailbox.api';
import type { PartyKind, PartySaveInput } from '../src-shared/api/parties.api';
import type { VoucherSaveInput } from '../src-shared/api/vouchers.api';
import type { BulkOptions } from '../src-shared/api/bulk.api';
import type { TestCore } from './test-core';

/** A card of the given kind, saved through the core. */
export async function addParty(t: TestCore, kind: PartyKind, name: string, over: Partial<PartySaveInput> = {}) {
  const { code } = await t.ok('parties.suggestCode', { kind });
  return t.ok('parties.save', {
    kind,
    code,
    name,
    phone: '',
    address: '',
    taxNumber: '',
    jobTitle: '',
    notes: '',
    emails: '',
    ...over,
  });
}

export const invoiceInput = (partyId: string, over: Partial<VoucherSaveInput> = {}): VoucherSaveInput => ({
  type: 'sales_invoice',
  date: '2026-03-15',
  partyId,
  currency: 'ILS',
  language: 'ar',
  notes: '',
  lines: [
    { description: 'ورق طباعة A4', quantityMilli: 10_000, unitPriceMinor: 2_500, discountBp: 0, taxBp: 1_600 },
    { description: 'حبر طابعة', quantityMilli: 2_000, unitPriceMinor: 12_000, discountBp: 1_000, taxBp: 1_600 },
  ],
  ...over,
});

export const paymentInput = (
  type: 'receipt' | 'payment',
  partyId: string,
  amountMinor: number,
  date: string,
  over: Partial<VoucherSaveInput> = {},
): VoucherSaveInput => ({
  type,
  date,
  partyId,
  currency: 'ILS',
  language: 'ar',
  notes: '',
  payment: { amountMinor, method: 'cash', chequeNumber: '', chequeDueDate: '', transferReference: '', description: '' },
  ...over,
});

/** Company info with only the Arabic name, as a new office types it first. */
export const companyInput = (over: Partial<CompanyInfo> = {}): CompanyInfo => ({
  nameAr: 'شركة دفتر',
  nameEn: '',
  address: '',
  phone: '',
  taxNumber: '',
  logo: null,
  defaultCurrency: 'ILS',
  defaultTaxBp: 0,
  ...over,
});

/** A sender mailbox on a loopback test SMTP server, plain and with a password. */
export const loopbackMailbox = (port: number, over: Partial<MailboxInput> = {}): MailboxInput => ({
  displayName: 'دفتر',
  address: 'office@daftar.ps',
  replyTo: '',
  host: '127.0.0.1',
  port,
  security: 'none',
  username: 'daftar',
  password: 'correct horse',
  ...over,
});

/** The sender mailbox on the private Postfix (submission) and Dovecot (IMAP) test servers, reading on. */
export const postfixMailbox = (
  servers: { domain: string; host: string; submissionPort: number; imapsPort: number; password: string },
  over: Partial<MailboxInput> = {},
): MailboxInput => ({
  displayName: 'شركة دفتر',
  address: `office@${servers.domain}`,
  replyTo: '',
  host: servers.host,
  port: servers.submissionPort,
  security: 'starttls',
  username: `office@${servers.domain}`,
  password: servers.password,
  imap: {
    enabled: true,
    host: servers.host,
    port: servers.imapsPort,
    security: 'tls',
    username: '',
    sentCopy: true,
    sentFolder: '',
  },
  ...over,
});

/** A bulk's options: sales invoices numbered 1–100 to every card, in each document's language. */
export const bulkInput = (over: Partial<BulkOptions> = {}): BulkOptions => ({
  type: 'sales_invoice',
  range: { by: 'number', from: 1, to: 100 },
  party: { mode: 'all' },
  includeCancelled: false,
  skipAlreadySent: true,
  language: 'document',
  cc: [],
  note: '',
  ...over,
});
