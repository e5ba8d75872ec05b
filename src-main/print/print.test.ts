import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src-shared/api/fields';
import type { PrintTarget } from '../../src-shared/api/print.api';
import type { Voucher, VoucherSaveInput } from '../../src-shared/api/vouchers.api';
import { formatId } from '../../src-shared/i18n/locale';
import { formatDate, formatMinor } from '../../src-shared/money/money';
import { ChromiumPrinter } from '../host/chromium-printer';
import { addParty, invoiceInput, paymentInput } from '../../test-support/fixtures';
import { pdfToFiles } from '../../test-support/pdf-files';
import { testCore, type TestCore, RESOURCES_DIR } from '../../test-support/test-core';

// PDFs through the Node host's printer (real Chromium), read back with poppler.
const printer = new ChromiumPrinter(RESOURCES_DIR);
let t: TestCore;
const vouchers: Partial<Record<VoucherSaveInput['type'], Voucher>> = {};
let customerId = '';
let employeeId = '';

beforeAll(async () => {
  t = await testCore({ printer, onDisk: true });
  await t.ok('company.save', {
    nameAr: 'شركة دفتر للتجارة',
    nameEn: 'Daftar Trading Co.',
    address: 'نابلس',
    phone: '09-2345678',
    taxNumber: '563412789',
    logo: null,
    defaultCurrency: 'ILS',
  });
  const customer = await addParty(t, 'customer', 'شركة النور للتجارة', { taxNumber: '562233', phone: '0599123456' });
  const supplier = await addParty(t, 'supplier', 'مؤسسة الورق الحديث');
  const employee = await addParty(t, 'employee', 'سامي يوسف');
  customerId = customer.id;
  employeeId = employee.id;
  vouchers.sales_invoice = await t.ok(
    'vouchers.save',
    invoiceInput(customer.id, { number: 1042, notes: 'التسليم خلال أسبوع' }),
  );
  vouchers.sales_return = await t.ok(
    'vouchers.save',
    invoiceInput(customer.id, { type: 'sales_return', date: '2026-03-20' }),
  );
  vouchers.purchase_invoice = await t.ok('vouchers.save', invoiceInput(supplier.id, { type: 'purchase_invoice' }));
  vouchers.purchase_return = await t.ok('vouchers.save', invoiceInput(supplier.id, { type: 'purchase_return' }));
  vouchers.receipt = await t.ok(
    'vouchers.save',
    paymentInput('receipt', customer.id, 30_000, '2026-03-25', {
      payment: {
        amountMinor: 30_000,
        method: 'cheque',
        chequeNumber: '88123',
        chequeDueDate: '2026-04-30',
        transferReference: '',
        description: 'دفعة على الحساب',
      },
    }),
  );
  vouchers.payment = await t.ok('vouchers.save', paymentInput('payment', supplier.id, 12_345, '2026-03-26'));
  vouchers.payslip = await t.ok('vouchers.save', {
    type: 'payslip',
    date: '2026-03-31',
    partyId: employee.id,
    currency: 'ILS',
    language: 'ar',
    notes: '',
    payslip: { periodFrom: '2026-03-01', periodTo: '2026-03-31', grossMinor: 500_000, deductionsMinor: 35_000 },
  });
}, 60_000);
afterAll(async () => {
  await t.close();
  await printer.close();
});

async function printToFiles(target: PrintTarget, name: string) {
  const answer = await t.ok('print.pdf', { target });
  const pdf = Buffer.from(answer.pdfBase64, 'base64');
  return { answer, ...pdfToFiles(pdf, name), pdf };
}

const LANGUAGES: Language[] = ['ar', 'en'];

describe.each(LANGUAGES)('every voucher type prints to a readable PDF (%s)', (language) => {
  it.each(
    Object.keys({
      sales_invoice: 1,
      sales_return: 1,
      purchase_invoice: 1,
      purchase_return: 1,
      receipt: 1,
      payment: 1,
      payslip: 1,
    }),
  )(
    '%s',
    async (type) => {
      const v = vouchers[type as VoucherSaveInput['type']]!;
      const { text, file, answer } = await printToFiles({ kind: 'voucher', id: v.id, language }, `${type}-${language}`);
      expect(text).toContain(v.partyName);
      expect(text).toContain(formatId(language, v.number));
      expect(text).toContain(formatDate(v.date, language));
      expect(text).toContain(formatMinor(v.totalMinor, v.currency, language));
      expect(text).toContain(language === 'ar' ? 'شركة دفتر للتجارة' : 'Daftar Trading Co.');
      expect(answer.fileName).toMatch(/\.pdf$/);
      // Every font is embedded in the file, and is one of Daftar's own (loaded by URL), never a system fallback.
      const fonts = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const row of fonts) {
        expect(row).toMatch(/ yes +(yes|no) +(yes|no) /);
        expect(row).toMatch(/^[A-Z]{6}\+(NotoNaskhArabic|NotoSans)-(Regular|Bold) /);
      }
    },
    30_000,
  );
});

describe('the printed text', () => {
  it('keeps Arabic shaped and in order, with amounts in words and notes', async () => {
    const { text, answer } = await printToFiles({ kind: 'voucher', id: vouchers.sales_invoice!.id }, 'invoice-words');
    expect(answer.fileName).toBe('فاتورة مبيعات 1042.pdf');
    expect(text).toContain('فاتورة مبيعات');
    expect(text).toContain('ورق طباعة A4');
    expect(text).toContain('التسليم خلال أسبوع');
    expect(text).toContain('فقط خمسمائة وأربعون شيكلا وست وخمسون أغورة لا غير');
  });

  it('writes English documents left to right with English words', async () => {
    const { text, answer } = await printToFiles(
      { kind: 'voucher', id: vouchers.receipt!.id, language: 'en' },
      'receipt-english',
    );
    expect(answer.fileName).toBe('Receipt voucher 1.pdf');
    expect(text).toContain('Three hundred shekels only');
    expect(text).toContain('Cheque no.');
    expect(text).toContain('88123');
  });

  it('marks a cancelled voucher', async () => {
    const cancelled = await t.ok('vouchers.cancel', { id: vouchers.purchase_return!.id });
    const { text } = await printToFiles({ kind: 'voucher', id: cancelled.id }, 'cancelled');
    // Without the damma: a diacritic does not read back in place from the PDF (issue 15).
    expect(text).toContain('مبطل');
  });
});

describe('one PDF per voucher revision', () => {
  it('gives the same file and sha256 for the same revision, and a new one after an edit', async () => {
    const v = vouchers.sales_invoice!;
    const first = await t.ok('print.pdf', { target: { kind: 'voucher', id: v.id } });
    const again = await t.ok('print.pdf', { target: { kind: 'voucher', id: v.id } });
    expect(again.sha256).toBe(first.sha256);
    expect(again.pdfBase64).toBe(first.pdfBase64);
    expect(first.revision).toBe(v.revision);
    const edited = await t.ok('vouchers.save', {
      ...invoiceInput(customerId, { number: 1042, notes: 'تعديل' }),
      id: v.id,
    });
    const next = await t.ok('print.pdf', { target: { kind: 'voucher', id: v.id } });
    expect(next.revision).toBe(edited.revision);
    expect(next.sha256).not.toBe(first.sha256);
    const recorded = await t.core.book.db
      .selectFrom('voucher_prints')
      .select(['revision', 'pdf_sha256'])
      .where('voucher_id', '=', v.id)
      .orderBy('revision')
      .execute();
    expect(recorded).toEqual(
      expect.arrayContaining([
        { revision: v.revision, pdf_sha256: first.sha256 },
        { revision: edited.revision, pdf_sha256: next.sha256 },
      ]),
    );
  });

  it('leaves paper printing to the window where the printer port cannot print (Node host)', async () => {
    expect(await t.ok('print.send', { target: { kind: 'voucher', id: vouchers.payslip!.id } })).toEqual({
      handled: false,
    });
  });

  it('hands the same page to a host printer that can print (Electron)', async () => {
    const printed: string[] = [];
    const withPrinter = await testCore({
      printer: {
        pdf: (html) => printer.pdf(html),
        print: async (html) => void printed.push(html),
        close: async () => {},
      },
    });
    const party = await addParty(withPrinter, 'customer', 'زبون الطباعة');
    const v = await withPrinter.ok('vouchers.save', invoiceInput(party.id));
    expect(await withPrinter.ok('print.send', { target: { kind: 'voucher', id: v.id } })).toEqual({ handled: true });
    const { html } = await withPrinter.ok('print.html', { target: { kind: 'voucher', id: v.id } });
    expect(printed).toEqual([html]);
    await withPrinter.close();
  });

  it('serves print.html as the same page the PDF is made from', async () => {
    const { html, title } = await t.ok('print.html', { target: { kind: 'voucher', id: vouchers.payslip!.id } });
    expect(title).toBe('قسيمة راتب 1');
    expect(html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(html).toContain('@font-face');
  });
});

describe('statements print', () => {
  it.each(LANGUAGES)('account statement (%s)', async (language) => {
    const { text } = await printToFiles(
      { kind: 'accountStatement', language, input: { partyId: customerId, from: '2026-01-01', to: '2026-12-31' } },
      `statement-${language}`,
    );
    expect(text).toContain('شركة النور للتجارة');
    expect(text).toContain(language === 'ar' ? 'كشف حساب' : 'Account statement');
    const s = await t.ok('statements.accountStatement', { partyId: customerId, from: '2026-01-01', to: '2026-12-31' });
    expect(text).toContain(formatMinor(s.sections[0]!.closingMinor, 'ILS', language));
  });

  it('employee statement', async () => {
    const { text } = await printToFiles(
      {
        kind: 'employeeStatement',
        language: 'ar',
        input: { partyId: employeeId, from: '2026-01-01', to: '2026-12-31' },
      },
      'employee-statement',
    );
    expect(text).toContain('كشف حساب موظف');
    expect(text).toContain('سامي يوسف');
  });
});
