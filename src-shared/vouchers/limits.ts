import type { FieldProblem } from '../errors';
import { minorDigits } from '../money/money';
import { voucherTotals, type LineInput, type VoucherTotals } from './totals';

/**
 * The largest amount the book keeps, in minor units, for a price, a line and a voucher alike
 * (1,000,000,000,000.00 with two decimals). It keeps every sum exact in a double and in SQLite.
 */
export const AMOUNT_LIMIT_MINOR = 1e14;
/** The largest quantity of a line, in units (stored in thousandths). */
export const QUANTITY_LIMIT = 1_000_000;

/**
 * What is wrong with an invoice's numbers, named by field, in the units the user typed (a
 * quantity of 0 is "more than 0", not "at least 1 thousandth"). The window checks this before
 * saving and the core again on save, so both say the same.
 */
export function linesProblems(
  lines: readonly LineInput[],
  currency: string,
): {
  problems: FieldProblem[];
  /** Null when a line or the voucher goes past the limit. */
  totals: VoucherTotals | null;
} {
  const problems: FieldProblem[] = [];
  const tooLarge = (path: string) => problems.push(amountTooLarge(path, currency));
  lines.forEach((line, i) => {
    const at = (key: string) => `lines.${i}.${key}`;
    if (line.quantityMilli <= 0) problems.push({ path: at('quantityMilli'), reason: 'not_positive' });
    else if (line.quantityMilli > QUANTITY_LIMIT * 1000)
      problems.push({ path: at('quantityMilli'), reason: 'too_big', params: { max: QUANTITY_LIMIT } });
    if (Math.abs(line.unitPriceMinor) > AMOUNT_LIMIT_MINOR) tooLarge(at('unitPriceMinor'));
    for (const rate of ['discountBp', 'taxBp'] as const) {
      if (line[rate] < 0) problems.push({ path: at(rate), reason: 'too_small', params: { min: 0 } });
      else if (line[rate] > 10_000) problems.push({ path: at(rate), reason: 'too_big', params: { max: 100 } });
    }
  });
  // BigInt inside, so the sums are right even past the limit; only then are they withheld.
  const totals = voucherTotals(lines);
  let overflow = false;
  totals.lines.forEach((line, i) => {
    if (Math.abs(line.grossMinor) > AMOUNT_LIMIT_MINOR || Math.abs(line.totalMinor) > AMOUNT_LIMIT_MINOR) {
      tooLarge(`lines.${i}.totalMinor`);
      overflow = true;
    }
  });
  if (!overflow && Math.max(Math.abs(totals.subtotalMinor), Math.abs(totals.totalMinor)) > AMOUNT_LIMIT_MINOR) {
    tooLarge('totalMinor');
    overflow = true;
  }
  return { problems, totals: overflow ? null : totals };
}

/** A single amount (a payment, a salary): more than 0 where it must be, and within the limit. */
export function amountProblems(
  path: string,
  minor: number,
  currency: string,
  { positive }: { positive: boolean },
): FieldProblem[] {
  if (positive && minor <= 0) return [{ path, reason: 'not_positive' }];
  if (minor < 0) return [{ path, reason: 'too_small', params: { min: 0 } }];
  if (minor > AMOUNT_LIMIT_MINOR) return [amountTooLarge(path, currency)];
  return [];
}

/** The limit named in the currency's own units (1,000,000,000,000 shekels, 100,000,000,000 dinars). */
const amountTooLarge = (path: string, currency: string): FieldProblem => ({
  path,
  reason: 'amount_too_large',
  params: { max: AMOUNT_LIMIT_MINOR / 10 ** minorDigits(currency) },
});
