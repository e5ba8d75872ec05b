import { z } from 'zod';
import { VOUCHER_TYPES } from '../vouchers/types';
import { defineCall, defineEvent } from './define';
import { id, isoTime, language, line, multiline } from './fields';
import { partyKind } from './parties.api';

export const voucherType = z.enum(VOUCHER_TYPES);
export const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
export const currencyCode = z.string().regex(/^[A-Z]{3}$/);
// Amounts, quantities and rates are checked by their meaning (src-shared/vouchers/limits.ts),
// so a refusal names the limit in the units the user typed, not in thousandths or basis points.
const minor = z.int();

export const voucherLineInput = z.object({
  description: line(300).min(1),
  /** Thousandths: 2.5 units = 2500. */
  quantityMilli: z.int().positive(),
  unitPriceMinor: minor,
  /** Basis points: 10 % = 1000; 0–100 %. */
  discountBp: z.int(),
  taxBp: z.int(),
});

export const paymentMethod = z.enum(['cash', 'cheque', 'transfer']);
export const paymentInput = z.object({
  amountMinor: minor,
  method: paymentMethod,
  chequeNumber: line(40),
  chequeDueDate: isoDate.or(z.literal('')),
  transferReference: line(80),
  description: line(300),
});

export const payslipInput = z.object({
  periodFrom: isoDate,
  periodTo: isoDate,
  grossMinor: minor,
  deductionsMinor: minor,
});

export const voucherSaveInput = z
  .object({
    /** Absent to create, present to edit (the revision then goes up by one). */
    id: id.optional(),
    /** The revision the user opened; a save over a newer one is refused (someone else edited it). */
    expectedRevision: z.int().min(1).optional(),
    type: voucherType,
    /** Absent: the next number of this type is taken when saving. */
    number: z.int().min(1).max(1e12).optional(),
    date: isoDate,
    partyId: id,
    currency: currencyCode,
    /** The language the document prints in. */
    language,
    notes: multiline(2000),
    lines: z.array(voucherLineInput.strict()).max(500).optional(),
    payment: paymentInput.strict().optional(),
    payslip: payslipInput.strict().optional(),
  })
  .strict();
export type VoucherSaveInput = z.infer<typeof voucherSaveInput>;

export const voucherLine = voucherLineInput.extend({
  grossMinor: z.int(),
  discountMinor: z.int(),
  taxMinor: z.int(),
  totalMinor: z.int(),
});

export const voucherStatus = z.enum(['active', 'cancelled']);

export const voucher = z.object({
  id,
  type: voucherType,
  number: z.int(),
  date: isoDate,
  partyId: id,
  partyName: z.string(),
  partyKind,
  currency: currencyCode,
  language,
  notes: z.string(),
  status: voucherStatus,
  revision: z.int(),
  subtotalMinor: z.int(),
  discountMinor: z.int(),
  taxMinor: z.int(),
  /** Invoice grand total, payment amount or payslip net. */
  totalMinor: z.int(),
  lines: z.array(voucherLine),
  payment: paymentInput.nullable(),
  payslip: payslipInput.extend({ netMinor: z.int() }).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Voucher = z.infer<typeof voucher>;

export const voucherSummary = voucher.pick({
  id: true,
  type: true,
  number: true,
  date: true,
  partyId: true,
  partyName: true,
  currency: true,
  status: true,
  revision: true,
  totalMinor: true,
});
export type VoucherSummary = z.infer<typeof voucherSummary>;

export const vouchersApi = {
  'vouchers.suggestNumber': defineCall({
    permission: 'edit_vouchers',
    summary: 'The next number of a voucher type (each type has its own sequence).',
    input: z.object({ type: voucherType }).strict(),
    output: z.object({ number: z.int() }),
  }),
  'vouchers.save': defineCall({
    permission: 'edit_vouchers',
    summary:
      'Create or edit a voucher; totals are computed here with the shared rounding rule. Field-level errors on bad input.',
    input: voucherSaveInput,
    output: voucher,
  }),
  'vouchers.get': defineCall({
    permission: 'signed-in',
    summary: 'One voucher with its lines or payment/payslip details.',
    input: z.object({ id }).strict(),
    output: voucher,
  }),
  'vouchers.list': defineCall({
    permission: 'signed-in',
    summary: 'Vouchers newest first, filtered by type, number or party name, party and date range; paged.',
    input: z
      .object({
        type: voucherType.optional(),
        search: z.string().max(200).default(''),
        partyId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        includeCancelled: z.boolean().default(true),
        limit: z.int().min(1).max(500).default(100),
        offset: z.int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(voucherSummary), total: z.int() }),
  }),
  'vouchers.cancel': defineCall({
    permission: 'edit_vouchers',
    summary: 'Cancel a voucher: kept and printable, marked cancelled, out of every balance.',
    input: z.object({ id }).strict(),
    output: voucher,
  }),
};

export const vouchersEvents = {
  'vouchers.changed': defineEvent({
    summary: 'A voucher was saved or cancelled.',
    payload: z.object({ id, type: voucherType, revision: z.int() }),
  }),
};
