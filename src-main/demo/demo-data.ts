import { ulid } from 'ulid';
import { searchKey } from '../../src-shared/text/search-key';
import { voucherTotals } from '../../src-shared/vouchers/totals';
import { VOUCHER_TYPES, type VoucherType } from '../../src-shared/vouchers/types';
import { localBook, type Book } from '../book/book';

/** A small seeded generator, so the same options always give the same book. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const FIRST = [
  'محمد',
  'أحمد',
  'سامي',
  'ليلى',
  'رنا',
  'خالد',
  'يوسف',
  'هبة',
  'عمر',
  'نور',
  'Omar',
  'Lina',
  'Sami',
  'Rana',
];
const LAST = ['الخطيب', 'النجار', 'عودة', 'حمدان', 'شاهين', 'البرغوثي', 'Haddad', 'Nasser', 'Khoury', 'Saleh'];
const COMPANY = ['شركة', 'مؤسسة', 'مكتب', 'معرض', 'Trading', 'Group', 'Supplies'];
const TRADE = ['النور', 'الأمل', 'القدس', 'الكرمل', 'الزيتون', 'الريادة', 'Bright', 'Cedar', 'Olive', 'Jericho'];
const ITEMS = [
  'ورق طباعة A4',
  'حبر طابعة',
  'أجهزة حاسوب',
  'خدمات صيانة',
  'أثاث مكتبي',
  'Office chairs',
  'Printer toner',
  'Consulting hours',
  'قرطاسية',
  'كهرباء',
];
const DOMAINS = ['example.ps', 'mail.ps', 'company.com', 'مثال.فلسطين'];
const JOBS = ['محاسب', 'مندوب مبيعات', 'سكرتيرة', 'Warehouse keeper', 'مدير'];

export interface DemoOptions {
  vouchers: number;
  customers?: number;
  suppliers?: number;
  employees?: number;
  seed?: number;
  /** Vouchers are dated over the two years before this day. */
  until?: Date;
  onProgress?(done: number, total: number): void;
}

/**
 * Fill a book with realistic sample data: cards in Arabic and English (customers with one
 * to three addresses, some with none), and every voucher type spread over two years.
 * Writes in large transactions with the same rounding rule the app uses.
 */
export function fillDemoBook(book: Book, options: DemoOptions): { parties: number; vouchers: number } {
  const r = random(options.seed ?? 42);
  // Written straight to the SQLite file, fast; an office book is refused.
  const db = localBook(book).sqlite;
  const now = new Date().toISOString();
  const until = options.until ?? new Date();
  const dayMs = 86_400_000;
  const dateOf = (n: number) => new Date(until.getTime() - n * dayMs).toISOString().slice(0, 10);

  db.prepare(
    `update company set name_ar = 'شركة دفتر التجريبية', name_en = 'Daftar Demo Co.', address = 'رام الله، شارع الإرسال', phone = '02-2950000', tax_number = '562001234', updated_at = ? where id = 1 and name_ar = ''`,
  ).run(now);

  const insertParty = db.prepare(
    `insert into parties (id, kind, code, name, phone, address, tax_number, job_title, notes, emails, search_key, archived_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, null, ?, ?)`,
  );
  const nextCode = (kind: string) =>
    Number(
      (
        db.prepare(`select max(cast(code as integer)) as m from parties where kind = ?`).get(kind) as {
          m: number | null;
        }
      ).m ?? 0,
    ) + 1;
  const ids: Record<'customer' | 'supplier' | 'employee', string[]> = { customer: [], supplier: [], employee: [] };
  const counts = {
    customer: options.customers ?? 200,
    supplier: options.suppliers ?? 60,
    employee: options.employees ?? 15,
  };

  db.transaction(() => {
    for (const kind of ['customer', 'supplier', 'employee'] as const) {
      let code = nextCode(kind);
      for (let i = 0; i < counts[kind]; i++) {
        const person = `${r.pick(FIRST)} ${r.pick(LAST)}`;
        const name = kind === 'employee' ? person : `${r.pick(COMPANY)} ${r.pick(TRADE)} ${i + 1}`;
        const addresses = kind === 'customer' ? r.int(0, 3) : r.int(0, 1);
        const emails = Array.from(
          { length: addresses },
          (_, n) => `${['info', 'accounts', 'sales'][n]}${i}@${r.pick(DOMAINS)}`,
        ).join(',');
        const phone = `059${r.int(1000000, 9999999)}`;
        const id = ulid();
        insertParty.run(
          id,
          kind,
          String(code),
          name,
          phone,
          r.pick(['رام الله', 'نابلس', 'الخليل', 'بيت لحم', 'جنين']),
          kind === 'employee' ? '' : String(r.int(500000000, 599999999)),
          kind === 'employee' ? r.pick(JOBS) : '',
          emails,
          searchKey(`${code} ${name} ${phone} ${emails}`),
          now,
          now,
        );
        ids[kind].push(id);
        code++;
      }
    }
  })();

  const insertVoucher = db.prepare(
    `insert into vouchers (id, type, number, date, party_id, currency, language, notes, status, revision, subtotal_minor, discount_minor, tax_minor, total_minor, body, created_at, updated_at, cancelled_at)
     values (?, ?, ?, ?, ?, ?, ?, '', ?, 1, ?, ?, ?, ?, ?, ?, ?, null)`,
  );
  const insertLine = db.prepare(
    `insert into voucher_lines (voucher_id, position, description, quantity_milli, unit_price_minor, discount_bp, tax_bp, gross_minor, discount_minor, tax_minor, total_minor)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const numbers = Object.fromEntries(
    VOUCHER_TYPES.map((type) => [
      type,
      Number(
        (db.prepare(`select max(number) as m from vouchers where type = ?`).get(type) as { m: number | null }).m ?? 0,
      ),
    ]),
  ) as Record<VoucherType, number>;
  // Mostly sales, as in a real office.
  const mix: VoucherType[] = [
    'sales_invoice',
    'sales_invoice',
    'sales_invoice',
    'receipt',
    'receipt',
    'purchase_invoice',
    'payment',
    'sales_return',
    'purchase_return',
    'payslip',
  ];
  const partyFor = (type: VoucherType) =>
    type === 'payslip'
      ? r.pick(ids.employee)
      : type.startsWith('purchase')
        ? r.pick(ids.supplier)
        : type === 'payment'
          ? r.pick(r.next() < 0.8 ? ids.supplier : ids.employee)
          : r.pick(ids.customer);

  const batch = 20_000;
  for (let start = 0; start < options.vouchers; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(options.vouchers, start + batch); i++) {
        const type = r.pick(mix);
        const id = ulid();
        const date = dateOf(Math.floor(((options.vouchers - i) / options.vouchers) * 730));
        const currency = r.next() < 0.85 ? 'ILS' : r.pick(['USD', 'JOD']);
        const status = r.next() < 0.02 ? 'cancelled' : 'active';
        let totals: { subtotalMinor: number; discountMinor: number; taxMinor: number; totalMinor: number };
        let body: string | null = null;
        let lines: {
          description: string;
          quantityMilli: number;
          unitPriceMinor: number;
          discountBp: number;
          taxBp: number;
        }[] = [];
        if (type === 'receipt' || type === 'payment') {
          const amount = r.int(50, 20_000) * 100;
          totals = { subtotalMinor: amount, discountMinor: 0, taxMinor: 0, totalMinor: amount };
          const method = r.pick(['cash', 'cash', 'cheque', 'transfer'] as const);
          body = JSON.stringify({
            amountMinor: amount,
            method,
            chequeNumber: method === 'cheque' ? String(r.int(10000, 99999)) : '',
            chequeDueDate: method === 'cheque' ? date : '',
            transferReference: method === 'transfer' ? `TR${r.int(100000, 999999)}` : '',
            description: '',
          });
        } else if (type === 'payslip') {
          const gross = r.int(3000, 9000) * 100;
          const deductions = Math.round(gross * 0.07);
          totals = { subtotalMinor: gross, discountMinor: deductions, taxMinor: 0, totalMinor: gross - deductions };
          body = JSON.stringify({
            periodFrom: `${date.slice(0, 7)}-01`,
            periodTo: date,
            grossMinor: gross,
            deductionsMinor: deductions,
          });
        } else {
          lines = Array.from({ length: r.int(1, 3) }, () => ({
            description: r.pick(ITEMS),
            quantityMilli: r.int(1, 40) * 250,
            unitPriceMinor: r.int(100, 50_000),
            discountBp: r.pick([0, 0, 0, 500, 1000]),
            taxBp: 1600,
          }));
          totals = voucherTotals(lines);
        }
        insertVoucher.run(
          id,
          type,
          ++numbers[type],
          date,
          partyFor(type),
          currency,
          r.next() < 0.8 ? 'ar' : 'en',
          status,
          totals.subtotalMinor,
          totals.discountMinor,
          totals.taxMinor,
          totals.totalMinor,
          body,
          now,
          now,
        );
        const computed = voucherTotals(lines).lines;
        lines.forEach((l, position) => {
          const c = computed[position]!;
          insertLine.run(
            id,
            position,
            l.description,
            l.quantityMilli,
            l.unitPriceMinor,
            l.discountBp,
            l.taxBp,
            c.grossMinor,
            c.discountMinor,
            c.taxMinor,
            c.totalMinor,
          );
        });
      }
    })();
    options.onProgress?.(Math.min(options.vouchers, start + batch), options.vouchers);
  }
  return { parties: counts.customer + counts.supplier + counts.employee, vouchers: options.vouchers };
}
