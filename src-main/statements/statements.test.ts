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

const line = (unitPriceMinor: number) => [
  { description: 'بند', quantityMilli: 1000, unitPriceMinor, discountBp: 0, taxBp: 0 },
];

describe('statements.accountStatement', () => {
  it('gives the opening balance, each voucher with a running balance, and the closing balance', async () => {
    // Before the range: invoice 1000.00, receipt 400.00 → opening 600.00
    await t.ok('vouchers.save', invoiceInput(customer.id, { date: '2026-01-05', lines: line(100_000) }));
    await t.ok('vouchers.save', paymentInput('receipt', customer.id, 40_000, '2026-01-20'));
    // In the range: invoice 250.00, return 50.00, receipt 300.00, refund payment 20.00
    await t.ok('vouchers.save', invoiceInput(customer.id, { date: '2026-02-01', lines: line(25_000) }));
    await t.ok(
      'vouchers.save',
      invoiceInput(customer.id, { type: 'sales_return', date: '2026-02-03', lines: line(5_000) }),
    );
    await t.ok('vouchers.save', paymentInput('receipt', customer.id, 30_000, '2026-02-10', { notes: 'دفعة' }));
    await t.ok('vouchers.save', paymentInput('payment', customer.id, 2_000, '2026-02-11'));
    // After the range: ignored
    await t.ok('vouchers.save', invoiceInput(customer.id, { date: '2026-03-01', lines: line(999_900) }));

    const s = await t.ok('statements.accountStatement', { partyId: customer.id, from: '2026-02-01', to: '2026-02-28' });
    expect(s).toMatchObject({ partyName: 'شركة الأمل', partyKind: 'customer', from: '2026-02-01', to: '2026-02-28' });
    expect(s.sections).toHaveLength(1);
    const [ils] = s.sections;
    expect(ils).toMatchObject({
      currency: 'ILS',
      openingMinor: 60_000,
      totalDebitMinor: 27_000,
      totalCreditMinor: 35_000,
      closingMinor: 52_000,
    });
    expect(ils!.rows.map((r) => [r.type, r.debitMinor, r.creditMinor, r.balanceMinor])).toEqual([
      ['sales_invoice', 25_000, 0, 85_000],
      ['sales_return', 0, 5_000, 80_000],
      ['receipt', 0, 30_000, 50_000],
      ['payment', 2_000, 0, 52_000],
    ]);
    expect(ils!.rows[2]!.description).toBe('دفعة');
  });

  it('leaves cancelled vouchers out of every balance', async () => {
    await t.ok('vouchers.save', invoiceInput(customer.id, { date: '2026-01-05', lines: line(100_000) }));
    const wrong = await t.ok('vouchers.save', invoiceInput(customer.id, { date: '2026-01-06', lines: line(7_000) }));
    await t.ok('vouchers.cancel', { id: wrong.id });
    const s = await t.ok('statements.accountStatement', { partyId: customer.id, from: '2026-01-01', to: '2026-12-31' });
    expect(s.sections[0]).toMatchObject({ openingMinor: 0, closingMinor: 100_000 });
    expect(s.sections[0]!.rows).toHaveLength(1);
  });

  it('posts purchases as credits on the supplier account, one section per currency', async () => {
    await t.ok(
      'vouchers.save',
      invoiceInput(supplier.id, { type: 'purchase_invoice', date: '2026-01-05', lines: line(80_000) }),
    );
    await t.ok(
      'vouchers.save',
      invoiceInput(supplier.id, { type: 'purchase_return', date: '2026-01-06', lines: line(10_000) }),
    );
    await t.ok('vouchers.save', paymentInput('payment', supplier.id, 50_000, '2026-01-07'));
    await t.ok(
      'vouchers.save',
      invoiceInput(supplier.id, { type: 'purchase_invoice', date: '2026-01-08', currency: 'USD', lines: line(30_000) }),
    );
    const s = await t.ok('statements.accountStatement', { partyId: supplier.id, from: '2026-01-01', to: '2026-01-31' });
    expect(s.sections.map((x) => [x.currency, x.closingMinor])).toEqual([
      ['ILS', -20_000],
      ['USD', -30_000],
    ]);
    const usdOnly = await t.ok('statements.accountStatement', {
      partyId: supplier.id,
      from: '2026-01-01',
      to: '2026-01-31',
      currency: 'USD',
    });
    expect(usdOnly.sections.map((x) => x.currency)).toEqual(['USD']);
  });

  it('refuses an employee, a reversed range, and an unknown party', async () => {
    expect(
      (await t.fail('statements.accountStatement', { partyId: employee.id, from: '2026-01-01', to: '2026-01-31' }))
        .details.fields,
    ).toEqual([{ path: 'partyId', reason: 'party_kind_not_allowed', params: { kind: 'employee' } }]);
    expect(
      (await t.fail('statements.accountStatement', { partyId: customer.id, from: '2026-02-01', to: '2026-01-31' }))
        .details.fields,
    ).toEqual([{ path: 'to', reason: 'period_order' }]);
    expect(
      (await t.fail('statements.accountStatement', { partyId: 'NOPE', from: '2026-01-01', to: '2026-01-31' })).code,
    ).toBe('not_found');
  });
});

describe('statements.employeeStatement', () => {
  it('credits payslips and debits payments to the employee, with running balance', async () => {
    const payslip = (date: string, gross: number, deductions: number) => ({
      type: 'payslip' as const,
      date,
      partyId: employee.id,
      currency: 'ILS',
      language: 'ar' as const,
      notes: '',
      payslip: { periodFrom: `${date.slice(0, 7)}-01`, periodTo: date, grossMinor: gross, deductionsMinor: deductions },
    });
    await t.ok('vouchers.save', payslip('2026-01-31', 500_000, 50_000));
    await t.ok('vouchers.save', paymentInput('payment', employee.id, 450_000, '2026-02-01'));
    await t.ok('vouchers.save', payslip('2026-02-28', 500_000, 50_000));
    await t.ok('vouchers.save', paymentInput('payment', employee.id, 200_000, '2026-03-01'));
    const s = await t.ok('statements.employeeStatement', {
      partyId: employee.id,
      from: '2026-02-01',
      to: '2026-03-31',
    });
    expect(s.sections[0]!.openingMinor).toBe(-450_000);
    expect(s.sections[0]!.rows.map((r) => r.balanceMinor)).toEqual([0, -450_000, -250_000]);
    expect(
      (await t.fail('statements.employeeStatement', { partyId: customer.id, from: '2026-01-01', to: '2026-01-31' }))
        .code,
    ).toBe('invalid_input');
  });
});
