import type { PartyKind, PartySaveInput } from '../../src-shared/api/parties.api';
import type { VoucherSaveInput } from '../../src-shared/api/vouchers.api';
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
