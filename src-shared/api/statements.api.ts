import { z } from 'zod';
import { defineCall } from './define';
import { id } from './fields';
import { partyKind } from './parties.api';
import { currencyCode, isoDate, voucherType } from './vouchers.api';

export const statementRow = z.object({
  voucherId: id,
  type: voucherType,
  number: z.int(),
  date: isoDate,
  description: z.string(),
  debitMinor: z.int(),
  creditMinor: z.int(),
  balanceMinor: z.int(),
});

/** One currency's part of a statement: opening balance, the movements, closing balance. */
export const statementSection = z.object({
  currency: currencyCode,
  openingMinor: z.int(),
  rows: z.array(statementRow),
  totalDebitMinor: z.int(),
  totalCreditMinor: z.int(),
  closingMinor: z.int(),
});

export const statementInput = z
  .object({
    partyId: id,
    from: isoDate,
    to: isoDate,
    /** Absent: every currency the party dealt in, one section each. */
    currency: currencyCode.optional(),
  })
  .strict();
export type StatementInput = z.infer<typeof statementInput>;

export const statement = z.object({
  partyId: id,
  partyName: z.string(),
  partyKind,
  partyCode: z.string(),
  from: isoDate,
  to: isoDate,
  sections: z.array(statementSection),
});
export type Statement = z.infer<typeof statement>;

export const statementsApi = {
  'statements.accountStatement': defineCall({
    permission: 'signed-in',
    summary:
      'Account statement of a customer or supplier: opening balance, every voucher in the range with running balance, closing balance; per currency.',
    input: statementInput,
    output: statement,
  }),
  'statements.employeeStatement': defineCall({
    permission: 'signed-in',
    summary: 'Employee statement: payslips and payments in a date range with running balance; per currency.',
    input: statementInput,
    output: statement,
  }),
};
