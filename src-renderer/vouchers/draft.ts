import type { Language } from '../../src-shared/api/fields';
import type { Voucher, VoucherSaveInput } from '../../src-shared/api/vouchers.api';
import { nativeDigits } from '../../src-shared/i18n/locale';
import type { FieldProblem } from '../../src-shared/errors';
import { minorDigits, parseScaled, scaledToString } from '../../src-shared/money/money';
import { amountProblems, linesProblems } from '../../src-shared/vouchers/limits';
import type { LineInput } from '../../src-shared/vouchers/totals';
import type { VoucherType } from '../../src-shared/vouchers/types';

/** A voucher as typed in the form: every number still text, so nothing is lost while typing. */
export interface LineDraft {
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  tax: string;
}

export interface VoucherDraft {
  number: string;
  date: string;
  party: { id: string; label: string };
  currency: string;
  language: 'ar' | 'en';
  notes: string;
  lines: LineDraft[];
  payment: {
    amount: string;
    method: 'cash' | 'cheque' | 'transfer';
    chequeNumber: string;
    chequeDueDate: string;
    transferReference: string;
    description: string;
  };
  payslip: { periodFrom: string; periodTo: string; gross: string; deductions: string };
}

/** A new line: a quantity of 1 and the company's tax rate, in the interface's digits. */
export const emptyLine = (digits: Language, taxBp = 0): LineDraft => ({
  description: '',
  quantity: nativeDigits('1', digits),
  unitPrice: '',
  discount: '',
  tax: taxBp ? nativeDigits(scaledToString(taxBp, 2).replace(/\.?0+$/, ''), digits) : '',
});

/** A line added at the end and left as it came (Enter on the last line adds one) is not a line, whatever its tax. */
const untouched = (l: LineDraft) =>
  !l.description.trim() && !l.unitPrice.trim() && !l.discount.trim() && parseScaled(l.quantity, 3) === 1000;

/**
 * A new voucher. `language` is the document's; `digits` the interface's, in which the numbers the
 * form fills in are written.
 */
export function newDraft(
  currency: string,
  language: Language,
  today: string,
  digits: Language,
  taxBp = 0,
): VoucherDraft {
  return {
    number: '',
    date: today,
    party: { id: '', label: '' },
    currency,
    language,
    notes: '',
    lines: [emptyLine(digits, taxBp)],
    payment: {
      amount: '',
      method: 'cash',
      chequeNumber: '',
      chequeDueDate: '',
      transferReference: '',
      description: '',
    },
    payslip: {
      periodFrom: `${today.slice(0, 7)}-01`,
      periodTo: today,
      gross: '',
      deductions: nativeDigits('0', digits),
    },
  };
}

/** A saved voucher as the form shows it, its numbers in the interface's digits. */
export function draftOf(v: Voucher, partyLabel: string, digits: Language): VoucherDraft {
  const places = minorDigits(v.currency);
  const shown = (text: string) => nativeDigits(text, digits);
  const money = (minor: number) => shown(scaledToString(minor, places));
  const rate = (bp: number) => (bp ? shown(scaledToString(bp, 2).replace(/\.?0+$/, '')) : '');
  return {
    number: shown(String(v.number)),
    date: v.date,
    party: { id: v.partyId, label: partyLabel },
    currency: v.currency,
    language: v.language,
    notes: v.notes,
    lines: v.lines.map((l) => ({
      description: l.description,
      quantity: shown(scaledToString(l.quantityMilli, 3).replace(/\.?0+$/, '')),
      unitPrice: money(l.unitPriceMinor),
      discount: rate(l.discountBp),
      tax: rate(l.taxBp),
    })),
    payment: v.payment
      ? { ...v.payment, amount: money(v.payment.amountMinor) }
      : { amount: '', method: 'cash', chequeNumber: '', chequeDueDate: '', transferReference: '', description: '' },
    payslip: v.payslip
      ? {
          periodFrom: v.payslip.periodFrom,
          periodTo: v.payslip.periodTo,
          gross: money(v.payslip.grossMinor),
          deductions: money(v.payslip.deductionsMinor),
        }
      : { periodFrom: v.date, periodTo: v.date, gross: '', deductions: '0' },
  };
}

/** Parse one line; the problems name the field as the core would (lines.0.unitPriceMinor). */
export function parseLine(
  line: LineDraft,
  currency: string,
  index: number,
  problems?: FieldProblem[],
): LineInput | null {
  const digits = minorDigits(currency);
  const fields: [keyof LineInput, string, number, string][] = [
    ['quantityMilli', line.quantity, 3, '1'],
    ['unitPriceMinor', line.unitPrice, digits, ''],
    ['discountBp', line.discount, 2, '0'],
    ['taxBp', line.tax, 2, '0'],
  ];
  const out: Partial<LineInput> = {};
  for (const [key, text, places, fallback] of fields) {
    const value = parseScaled(text.trim() || fallback, places);
    if (value === null)
      problems?.push({ path: `lines.${index}.${key}`, reason: 'not_a_number', params: { digits: places } });
    else out[key] = value;
  }
  return Object.keys(out).length === 4 ? (out as LineInput) : null;
}

/** The save call's input, or the fields that are not numbers. */
export function toSaveInput(
  draft: VoucherDraft,
  type: VoucherType,
  shape: 'lines' | 'payment' | 'payslip',
  existing: Voucher | null,
): { input: VoucherSaveInput | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const digits = minorDigits(draft.currency);
  const money = (path: string, text: string, positive: boolean) => {
    const value = parseScaled(text, digits);
    if (value === null) problems.push({ path, reason: 'not_a_number', params: { digits } });
    else problems.push(...amountProblems(path, value, draft.currency, { positive }));
    return value ?? 0;
  };
  const number = draft.number.trim() ? parseScaled(draft.number, 0) : undefined;
  if (number === null) problems.push({ path: 'number', reason: 'not_a_number', params: { digits: 0 } });
  if (!draft.party.id) problems.push({ path: 'partyId', reason: 'party_missing' });

  const input: VoucherSaveInput = {
    id: existing?.id,
    expectedRevision: existing?.revision,
    type,
    number: number ?? undefined,
    date: draft.date,
    partyId: draft.party.id || 'none',
    currency: draft.currency,
    language: draft.language,
    notes: draft.notes,
  };
  if (shape === 'lines') {
    let kept = draft.lines.length;
    while (kept > 1 && untouched(draft.lines[kept - 1]!)) kept--;
    input.lines = draft.lines.slice(0, kept).map((l, i) => ({
      description: l.description.trim(),
      ...(parseLine(l, draft.currency, i, problems) ?? {
        quantityMilli: 0,
        unitPriceMinor: 0,
        discountBp: 0,
        taxBp: 0,
      }),
    }));
    // Totals are checked too, only once every field reads as a number (else the sums mean nothing).
    if (!problems.length) problems.push(...linesProblems(input.lines, draft.currency).problems);
  } else if (shape === 'payment') {
    const p = draft.payment;
    input.payment = { ...p, amountMinor: money('payment.amountMinor', p.amount, true) };
    delete (input.payment as Partial<typeof p>).amount;
  } else {
    const s = draft.payslip;
    input.payslip = {
      periodFrom: s.periodFrom,
      periodTo: s.periodTo,
      grossMinor: money('payslip.grossMinor', s.gross, false),
      deductionsMinor: money('payslip.deductionsMinor', s.deductions || '0', false),
    };
  }
  return { input: problems.length ? null : input, problems };
}

/** The total a save input comes to, in minor units (an invoice's grand total, a payment, a net salary). */
export function totalOf(input: VoucherSaveInput): number {
  if (input.lines) return linesProblems(input.lines, input.currency).totals?.totalMinor ?? 0;
  if (input.payment) return input.payment.amountMinor;
  if (input.payslip) return input.payslip.grossMinor - input.payslip.deductionsMinor;
  return 0;
}
