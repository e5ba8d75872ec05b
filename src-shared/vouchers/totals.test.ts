import { describe, expect, it } from 'vitest';
import { lineTotals, roundHalfAwayFromZero, voucherTotals, type LineInput } from './totals';

const line = (quantityMilli: number, unitPriceMinor: number, discountBp = 0, taxBp = 0): LineInput => ({
  quantityMilli,
  unitPriceMinor,
  discountBp,
  taxBp,
});

describe('roundHalfAwayFromZero', () => {
  it.each([
    [5n, 10n, 1n],
    [4n, 10n, 0n],
    [15n, 10n, 2n],
    [25n, 10n, 3n],
    [-5n, 10n, -1n],
    [-15n, 10n, -2n],
    [-14n, 10n, -1n],
    [0n, 7n, 0n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
  ])('%d / %d → %d', (n, d, q) => expect(roundHalfAwayFromZero(n, d)).toBe(q));
});

// [quantity (thousandths), unit price (minor), discount bp, tax bp] → [gross, discount, tax, total]
const LINES: [[number, number, number, number], [number, number, number, number]][] = [
  [
    [1000, 1000, 0, 0],
    [1000, 0, 0, 1000],
  ],
  [
    [2000, 1250, 0, 0],
    [2500, 0, 0, 2500],
  ],
  [
    [1500, 333, 0, 0],
    [500, 0, 0, 500],
  ], // 499.5 → 500
  [
    [2500, 1, 0, 0],
    [3, 0, 0, 3],
  ], // 2.5 → 3
  [
    [1, 1, 0, 0],
    [0, 0, 0, 0],
  ], // 0.001 → 0
  [
    [500, 1, 0, 0],
    [1, 0, 0, 1],
  ], // 0.5 → 1
  [
    [499, 1, 0, 0],
    [0, 0, 0, 0],
  ],
  [
    [3000, 999, 0, 1600],
    [2997, 0, 480, 3477],
  ], // tax 479.52 → 480
  [
    [1000, 10000, 1000, 1600],
    [10000, 1000, 1440, 10440],
  ],
  [
    [1000, 999, 500, 0],
    [999, 50, 0, 949],
  ], // discount 49.95 → 50
  [
    [1000, 1005, 5000, 0],
    [1005, 503, 0, 502],
  ], // discount 502.5 → 503
  [
    [1000, 1000, 10000, 1600],
    [1000, 1000, 0, 0],
  ], // full discount, no tax
  [
    [1000, 1234, 0, 1700],
    [1234, 0, 210, 1444],
  ], // 209.78 → 210
  [
    [12345, 6789, 250, 1600],
    [83810, 2095, 13074, 94789],
  ], // 83810.205; 2095.25; 13074.4
  [
    [1000, 1, 0, 5000],
    [1, 0, 1, 2],
  ], // tax 0.5 → 1
  [
    [999, 1000, 0, 0],
    [999, 0, 0, 999],
  ],
  [
    [1000000, 100, 0, 0],
    [100000, 0, 0, 100000],
  ],
  [
    [1000, 0, 0, 1600],
    [0, 0, 0, 0],
  ],
  [
    [750, 2000, 0, 1600],
    [1500, 0, 240, 1740],
  ],
  [
    [1000, 333, 3333, 0],
    [333, 111, 0, 222],
  ], // discount 110.99 → 111
  [
    [1000, 150, 1000, 1000],
    [150, 15, 14, 149],
  ], // tax 13.5 → 14
  [
    [1000, -1000, 0, 1600],
    [-1000, 0, -160, -1160],
  ], // a credit line rounds symmetrically
  [
    [1500, -333, 0, 0],
    [-500, 0, 0, -500],
  ],
  [
    [2000, 2499, 0, 1600],
    [4998, 0, 800, 5798],
  ], // 799.68 → 800
  [
    [1000, 5000000000, 0, 1600],
    [5000000000, 0, 800000000, 5800000000],
  ], // large amounts stay exact
];

describe('lineTotals', () => {
  it.each(LINES)('%j → %j', ([q, p, d, t], [gross, discount, tax, total]) => {
    expect(lineTotals(line(q, p, d, t))).toEqual({
      grossMinor: gross,
      discountMinor: discount,
      taxMinor: tax,
      totalMinor: total,
    });
  });
});

describe('voucherTotals', () => {
  it('sums the rounded lines (round per line, then sum)', () => {
    // Three lines of 0.5 each: per-line rounding gives 3, rounding the sum would give 2.
    const totals = voucherTotals([line(500, 1), line(500, 1), line(500, 1)]);
    expect(totals).toMatchObject({ subtotalMinor: 3, totalMinor: 3 });
  });

  it('adds subtotal, discount and tax across lines', () => {
    expect(voucherTotals([line(1000, 10000, 1000, 1600), line(2000, 1250, 0, 1600)])).toMatchObject({
      subtotalMinor: 12500,
      discountMinor: 1000,
      taxMinor: 1840,
      totalMinor: 13340,
    });
  });

  it('is zero for no lines', () => {
    expect(voucherTotals([])).toEqual({ subtotalMinor: 0, discountMinor: 0, taxMinor: 0, totalMinor: 0, lines: [] });
  });
});
