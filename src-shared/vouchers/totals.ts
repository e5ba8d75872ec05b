/**
 * Invoice arithmetic, one rule for the form and the book alike:
 *
 *   gross    = quantity × unit price             (rounded half away from zero, per line)
 *   discount = gross × discount rate             (rounded half away from zero, per line)
 *   tax      = (gross − discount) × tax rate     (rounded half away from zero, per line)
 *   line     = gross − discount + tax
 *   totals   = the sums of the rounded line values
 *
 * Amounts are integer minor units; quantities are thousandths; rates are basis points
 * (1600 = 16 %). BigInt inside, so no intermediate product loses precision.
 */

export interface LineInput {
  quantityMilli: number;
  unitPriceMinor: number;
  discountBp: number;
  taxBp: number;
}

export interface LineTotals {
  grossMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export interface VoucherTotals {
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  lines: LineTotals[];
}

/** numerator / denominator rounded half away from zero (denominator > 0). */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (n * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

export function lineTotals(line: LineInput): LineTotals {
  const gross = roundHalfAwayFromZero(BigInt(line.quantityMilli) * BigInt(line.unitPriceMinor), 1000n);
  const discount = roundHalfAwayFromZero(gross * BigInt(line.discountBp), 10_000n);
  const tax = roundHalfAwayFromZero((gross - discount) * BigInt(line.taxBp), 10_000n);
  return {
    grossMinor: Number(gross),
    discountMinor: Number(discount),
    taxMinor: Number(tax),
    totalMinor: Number(gross - discount + tax),
  };
}

export function voucherTotals(lines: readonly LineInput[]): VoucherTotals {
  const computed = lines.map(lineTotals);
  const sum = (key: keyof LineTotals) => computed.reduce((acc, l) => acc + l[key], 0);
  return {
    subtotalMinor: sum('grossMinor'),
    discountMinor: sum('discountMinor'),
    taxMinor: sum('taxMinor'),
    totalMinor: sum('totalMinor'),
    lines: computed,
  };
}
