import type { PartyKind } from '../api/parties.api';

export const VOUCHER_TYPES = [
  'sales_invoice',
  'sales_return',
  'purchase_invoice',
  'purchase_return',
  'receipt',
  'payment',
  'payslip',
] as const;
export type VoucherType = (typeof VOUCHER_TYPES)[number];

/** What a voucher of each type is made of. */
export const VOUCHER_SHAPE: Record<VoucherType, 'lines' | 'payment' | 'payslip'> = {
  sales_invoice: 'lines',
  sales_return: 'lines',
  purchase_invoice: 'lines',
  purchase_return: 'lines',
  receipt: 'payment',
  payment: 'payment',
  payslip: 'payslip',
};

/** Which cards a voucher of each type may name. */
export const VOUCHER_PARTY_KINDS: Record<VoucherType, readonly PartyKind[]> = {
  sales_invoice: ['customer'],
  sales_return: ['customer'],
  purchase_invoice: ['supplier'],
  purchase_return: ['supplier'],
  receipt: ['customer', 'supplier'],
  payment: ['supplier', 'customer', 'employee'],
  payslip: ['employee'],
};

/**
 * How a voucher posts to its party's account: +1 debits it (the party owes us more, or
 * we owe it less), −1 credits it. Balance = debits − credits.
 *
 * Sales invoice: debit the customer. Sales return: credit. Purchase invoice: credit the
 * supplier. Purchase return: debit. Receipt (money in from the party): credit. Payment
 * (money out to the party): debit. Payslip: credit the employee (salary owed).
 */
export const POSTING_SIGN: Record<VoucherType, 1 | -1> = {
  sales_invoice: 1,
  sales_return: -1,
  purchase_invoice: -1,
  purchase_return: 1,
  receipt: -1,
  payment: 1,
  payslip: -1,
};
