import type { VoucherType } from '../../../src-shared/vouchers/types';

export interface VouchersTable {
  id: string;
  type: VoucherType;
  number: number;
  /** YYYY-MM-DD */
  date: string;
  party_id: string;
  currency: string;
  language: 'ar' | 'en';
  notes: string;
  status: 'active' | 'cancelled';
  revision: number;
  subtotal_minor: number;
  discount_minor: number;
  tax_minor: number;
  /** Invoice grand total, payment amount or payslip net: what posts to the party's account. */
  total_minor: number;
  /** JSON: payment details (receipts/payments) or payslip details; null for invoices. */
  body: string | null;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

export interface VoucherLinesTable {
  voucher_id: string;
  position: number;
  description: string;
  quantity_milli: number;
  unit_price_minor: number;
  discount_bp: number;
  tax_bp: number;
  gross_minor: number;
  discount_minor: number;
  tax_minor: number;
  total_minor: number;
}

/** The PDF printed for a voucher revision: kept so preview, print and email are one file. */
export interface VoucherPrintsTable {
  voucher_id: string;
  revision: number;
  language: 'ar' | 'en';
  /** sha256 of the HTML page the PDF came from: a change of company header means a new PDF. */
  html_sha256: string;
  pdf_sha256: string;
  file: string;
  bytes: number;
  created_at: string;
}

/** The vouchers counted per type, status and day, kept by triggers (migration 0019): a long list's total and page seek. */
export interface VoucherDaysTable {
  type: string;
  status: string;
  date: string;
  /** May be 0 once a day's vouchers moved away or were deleted. */
  n: number;
}
