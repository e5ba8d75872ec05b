import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Party } from '../../src-shared/api/parties.api';
import { addParty, invoiceInput, paymentInput } from '../../test-support/fixtures';
import { testCore, type TestCore } from '../../test-support/test-core';

let t: TestCore;
let customer: Party;
let supplier: Party;
let employee: Party;
beforeEach(async () => {
  t = await testCore();
  customer = await addParty(t, 'customer', 'شركة الأمل');
  supplier = await addParty(t, 'supplier', 'مؤسسة الورق');
  employee = await addParty(t, 'employee', 'سامي يوسف');
});
afterEach(() => t.close());

describe('vouchers.save', () => {
  it('saves an invoice with totals computed by the shared rule and the next number', async () => {
    const v = await t.ok('vouchers.save', invoiceInput(customer.id));
    expect(v).toMatchObject({
      type: 'sales_invoice',
      number: 1,
      revision: 1,
      status: 'active',
      partyName: 'شركة الأمل',
      partyKind: 'customer',
    });
    // 10 × 25.00 = 250.00 + 16 % = 290.00; 2 × 120.00 = 240.00 − 10 % = 216.00 + 16 % = 250.56
    expect(v).toMatchObject({ subtotalMinor: 49_000, discountMinor: 2_400, taxMinor: 7_456, totalMinor: 54_056 });
    expect(v.lines.map((l) => l.totalMinor)).toEqual([29_000, 25_056]);
    expect(t.events.at(-1)).toEqual({
      name: 'vouchers.changed',
      payload: { id: v.id, type: 'sales_invoice', revision: 1 },
    });
  });

  it('numbers each type on its own sequence and suggests the next number', async () => {
    await t.ok('vouchers.save', invoiceInput(customer.id));
    await t.ok('vouchers.save', invoiceInput(customer.id));
    expect(await t.ok('vouchers.save', paymentInput('receipt', customer.id, 1000, '2026-03-16'))).toMatchObject({
      number: 1,
    });
    expect(await t.ok('vouchers.suggestNumber', { type: 'sales_invoice' })).toEqual({ number: 3 });
    expect(await t.ok('vouchers.suggestNumber', { type: 'payslip' })).toEqual({ number: 1 });
  });

  it('never gives two concurrent saves the same number', async () => {
    const saved = await Promise.all(
      Array.from({ length: 25 }, () => t.core.call('vouchers.save', invoiceInput(customer.id))),
    );
    const numbers = saved.map((a) => (a.ok ? a.value.number : -1)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('refuses a number already used by the same type, naming the field', async () => {
    await t.ok('vouchers.save', invoiceInput(customer.id, { number: 1042 }));
    const error = await t.fail('vouchers.save', invoiceInput(customer.id, { number: 1042 }));
    expect(error).toMatchObject({
      code: 'conflict',
      details: { fields: [{ path: 'number', reason: 'number_taken', params: { number: 1042 } }] },
    });
    expect(
      await t.ok('vouchers.save', invoiceInput(customer.id, { type: 'sales_return', number: 1042 })),
    ).toMatchObject({ number: 1042 });
  });

  it('answers field-level errors for bad lines and saves nothing', async () => {
    const error = await t.fail(
      'vouchers.save',
      invoiceInput(customer.id, {
        lines: [{ description: '', quantityMilli: 0, unitPriceMinor: 100, discountBp: 0, taxBp: 0 }],
      }),
    );
    expect(error.code).toBe('invalid_input');
    // A quantity of 0 is refused as "more than 0" (0.5 is a fine quantity), not "at least 1" thousandth.
    expect(error.details.fields).toEqual([
      { path: 'lines.0.description', reason: 'required' },
      { path: 'lines.0.quantityMilli', reason: 'not_positive' },
    ]);
    expect((await t.fail('vouchers.save', invoiceInput(customer.id, { lines: [] }))).details.fields).toEqual([
      { path: 'lines', reason: 'lines_required' },
    ]);
    expect((await t.fail('vouchers.save', invoiceInput(customer.id, { date: '2026-02-30x' }))).details.fields).toEqual([
      { path: 'date', reason: 'invalid_format' },
    ]);
    expect((await t.fail('vouchers.save', invoiceInput(customer.id, { currency: 'XYZ' }))).details.fields).toEqual([
      { path: 'currency', reason: 'unknown_currency', params: { currency: 'XYZ' } },
    ]);
    expect((await t.ok('vouchers.list', {})).total).toBe(0);
  });

  it('names every limit in the units typed: a quantity, a rate in percent, an amount in the currency', async () => {
    const line = { description: 'بند', quantityMilli: 1000, unitPriceMinor: 100, discountBp: 0, taxBp: 0 };
    const refused = async (lines: (typeof line)[], currency = 'ILS') =>
      (await t.fail('vouchers.save', invoiceInput(customer.id, { lines, currency }))).details.fields;
    expect(await refused([{ ...line, quantityMilli: 2_000_000_000, discountBp: 20_000, taxBp: -1 }])).toEqual([
      { path: 'lines.0.quantityMilli', reason: 'too_big', params: { max: 1_000_000 } },
      { path: 'lines.0.discountBp', reason: 'too_big', params: { max: 100 } },
      { path: 'lines.0.taxBp', reason: 'too_small', params: { min: 0 } },
    ]);
    // Each field within bounds, the product past what the book keeps: the line's total is named.
    expect(await refused([line, { ...line, quantityMilli: 1_000_000_000, unitPriceMinor: 1e12 }])).toEqual([
      { path: 'lines.1.totalMinor', reason: 'amount_too_large', params: { max: 1e12 } },
    ]);
    // Lines within the limit that add up past it: the voucher's total is named; in dinars the limit has 3 decimals.
    const big = { ...line, quantityMilli: 1000, unitPriceMinor: 6e13 };
    expect(await refused([big, big], 'JOD')).toEqual([
      { path: 'totalMinor', reason: 'amount_too_large', params: { max: 1e11 } },
    ]);
    const payment = await t.fail('vouchers.save', paymentInput('receipt', customer.id, 0, '2026-03-16'));
    expect(payment.details.fields).toEqual([{ path: 'payment.amountMinor', reason: 'not_positive' }]);
    expect((await t.ok('vouchers.list', {})).total).toBe(0);
    // At the limit exactly, it saves.
    expect(
      await t.ok('vouchers.save', invoiceInput(customer.id, { lines: [{ ...line, unitPriceMinor: 1e14 }] })),
    ).toMatchObject({ totalMinor: 1e14 });
  });

  it('refuses a party of the wrong kind, an archived party, and a body that does not fit the type', async () => {
    expect((await t.fail('vouchers.save', invoiceInput(supplier.id))).details.fields).toEqual([
      { path: 'partyId', reason: 'party_kind_not_allowed', params: { kind: 'supplier' } },
    ]);
    await t.ok('parties.setArchived', { id: customer.id, archived: true });
    expect((await t.fail('vouchers.save', invoiceInput(customer.id))).details.fields).toEqual([
      { path: 'partyId', reason: 'party_archived', params: { name: 'شركة الأمل' } },
    ]);
    const receipt = paymentInput('receipt', supplier.id, 100, '2026-01-01', { lines: invoiceInput(supplier.id).lines });
    expect((await t.fail('vouchers.save', receipt)).details.fields).toEqual([
      { path: 'lines', reason: 'not_for_type', params: { type: 'receipt' } },
    ]);
  });

  it('requires a cheque number and due date for cheques, a reference for transfers', async () => {
    const cheque = paymentInput('payment', supplier.id, 5000, '2026-01-01');
    cheque.payment!.method = 'cheque';
    expect((await t.fail('vouchers.save', cheque)).details.fields).toEqual([
      { path: 'payment.chequeNumber', reason: 'required' },
      { path: 'payment.chequeDueDate', reason: 'required' },
    ]);
    cheque.payment = {
      ...cheque.payment!,
      chequeNumber: '88123',
      chequeDueDate: '2026-02-01',
      transferReference: 'ignored',
    };
    expect((await t.ok('vouchers.save', cheque)).payment).toMatchObject({
      method: 'cheque',
      chequeNumber: '88123',
      transferReference: '',
    });
  });

  it('computes a payslip net and checks its period and deductions', async () => {
    const base = {
      type: 'payslip' as const,
      date: '2026-01-31',
      partyId: employee.id,
      currency: 'ILS',
      language: 'ar' as const,
      notes: '',
    };
    const v = await t.ok('vouchers.save', {
      ...base,
      payslip: { periodFrom: '2026-01-01', periodTo: '2026-01-31', grossMinor: 500_000, deductionsMinor: 35_000 },
    });
    expect(v).toMatchObject({ totalMinor: 465_000, payslip: { netMinor: 465_000 } });
    const bad = await t.fail('vouchers.save', {
      ...base,
      payslip: { periodFrom: '2026-02-01', periodTo: '2026-01-01', grossMinor: 100, deductionsMinor: 200 },
    });
    expect(bad.details.fields).toEqual([
      { path: 'payslip.periodTo', reason: 'period_order' },
      { path: 'payslip.deductionsMinor', reason: 'deductions_exceed_gross' },
    ]);
  });
});

describe('editing and cancelling', () => {
  it('edits a voucher in place, raising its revision and keeping its number', async () => {
    const v = await t.ok('vouchers.save', invoiceInput(customer.id));
    const edited = await t.ok('vouchers.save', {
      ...invoiceInput(customer.id, { notes: 'مصحح' }),
      id: v.id,
      expectedRevision: 1,
      lines: [{ description: 'خدمة', quantityMilli: 1000, unitPriceMinor: 10_000, discountBp: 0, taxBp: 0 }],
    });
    expect(edited).toMatchObject({ id: v.id, number: v.number, revision: 2, totalMinor: 10_000, notes: 'مصحح' });
    expect(edited.lines).toHaveLength(1);
  });

  it('refuses an edit over a newer revision', async () => {
    const v = await t.ok('vouchers.save', invoiceInput(customer.id));
    await t.ok('vouchers.save', { ...invoiceInput(customer.id), id: v.id, expectedRevision: 1 });
    expect(
      await t.fail('vouchers.save', { ...invoiceInput(customer.id), id: v.id, expectedRevision: 1 }),
    ).toMatchObject({ code: 'conflict', details: { reason: 'stale_revision', revision: 2 } });
  });

  it('cancels a voucher: kept, marked, not editable', async () => {
    const v = await t.ok('vouchers.save', invoiceInput(customer.id));
    const cancelled = await t.ok('vouchers.cancel', { id: v.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', revision: 2 });
    expect(await t.ok('vouchers.get', { id: v.id })).toMatchObject({ status: 'cancelled' });
    expect((await t.fail('vouchers.save', { ...invoiceInput(customer.id), id: v.id })).details).toMatchObject({
      reason: 'voucher_cancelled',
    });
    expect((await t.ok('vouchers.list', { includeCancelled: false })).total).toBe(0);
    expect((await t.fail('vouchers.cancel', { id: 'NOPE' })).code).toBe('not_found');
  });
});

describe('vouchers.list', () => {
  it('filters by type, number, party name and date range, newest first', async () => {
    const other = await addParty(t, 'customer', 'Bright Trading');
    await t.ok('vouchers.save', invoiceInput(customer.id, { date: '2026-01-10' }));
    await t.ok('vouchers.save', invoiceInput(other.id, { date: '2026-02-10' }));
    await t.ok('vouchers.save', paymentInput('receipt', customer.id, 500, '2026-03-01'));
    const numbers = async (input: object) =>
      (await t.ok('vouchers.list', input)).items.map((v) => `${v.type}:${v.number}`);
    expect(await numbers({})).toEqual(['receipt:1', 'sales_invoice:2', 'sales_invoice:1']);
    expect(await numbers({ type: 'sales_invoice' })).toEqual(['sales_invoice:2', 'sales_invoice:1']);
    expect(await numbers({ type: 'sales_invoice', search: '2' })).toEqual(['sales_invoice:2']);
    expect(await numbers({ search: 'الامل' })).toEqual(['receipt:1', 'sales_invoice:1']);
    expect(await numbers({ search: 'bright' })).toEqual(['sales_invoice:2']);
    expect(await numbers({ from: '2026-02-01', to: '2026-02-28' })).toEqual(['sales_invoice:2']);
    expect(await numbers({ partyId: customer.id, limit: 1, offset: 1 })).toEqual(['sales_invoice:1']);
  });
});
