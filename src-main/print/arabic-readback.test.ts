import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentTarget } from '../../src-shared/api/print.api';
import type { VoucherSaveInput } from '../../src-shared/api/vouchers.api';
import { ChromiumPrinter } from '../host/chromium-printer';
import { ARABIC_CORPUS_STRINGS, isArabicRun, runsOf } from '../../test-support/arabic-corpus';
import { addParty, invoiceInput, paymentInput } from '../../test-support/fixtures';
import { pdfToFiles } from '../../test-support/pdf-files';
import { pageRasters, pdfjsItems, popplerText } from '../../test-support/pdf-readers';
import { testCore, type TestCore, RESOURCES_DIR } from '../../test-support/test-core';

// Every corpus string on a voucher (one line each) and on a statement (one receipt each), printed by
// real Chromium with Daftar's fonts, read back by poppler and by pdf.js, and drawn exactly as the
// untouched Noto Naskh Arabic from Debian draws it, ligatures and all.

const STOCK_NASKH = '/usr/share/fonts/truetype/noto';
const printer = new ChromiumPrinter(RESOURCES_DIR);
/** The same shell and file names, but Debian's stock Noto Naskh Arabic: the reference drawing. */
const stockPrinter = new ChromiumPrinter(stockResources(), 1);
let t: TestCore;
const targets: Record<string, DocumentTarget> = {};
const pdfs = new Map<string, Uint8Array>();

function stockResources(): string {
  const dir = mkdtempSync(join(tmpdir(), 'daftar-stock-fonts-'));
  mkdirSync(join(dir, 'fonts'));
  copyFileSync(join(RESOURCES_DIR, 'print-shell.html'), join(dir, 'print-shell.html'));
  for (const file of readdirSync(join(RESOURCES_DIR, 'fonts'))) {
    const stock = join(STOCK_NASKH, file);
    const isNaskh = file.startsWith('NotoNaskhArabic');
    if (isNaskh && !existsSync(stock)) throw new Error(`${stock} is missing: install Debian's fonts-noto-core`);
    copyFileSync(isNaskh ? stock : join(RESOURCES_DIR, 'fonts', file), join(dir, 'fonts', file));
  }
  return dir;
}

/** A receipt or payment of `amountMinor` with `description`. */
const payment = (type: 'receipt' | 'payment', partyId: string, amountMinor: number, description: string) =>
  paymentInput(type, partyId, amountMinor, '2026-04-01', {
    payment: { amountMinor, method: 'cash', chequeNumber: '', chequeDueDate: '', transferReference: '', description },
  });

beforeAll(async () => {
  t = await testCore({ printer, onDisk: true });
  const customer = await addParty(t, 'customer', 'عبد الله للتجارة');
  const supplier = await addParty(t, 'supplier', 'مؤسسة نصر الله');
  const employee = await addParty(t, 'employee', 'عبد الرحمن فتح الله');
  const lines = ARABIC_CORPUS_STRINGS.map((description) => ({
    description,
    quantityMilli: 1_000,
    unitPriceMinor: 1_000,
    discountBp: 0,
    taxBp: 0,
  }));
  // The corpus in the body of the two richest layouts: one invoice line and one statement row each.
  const invoice = await t.ok('vouchers.save', invoiceInput(customer.id, { lines }));
  targets.invoice = { kind: 'voucher', id: invoice.id };
  for (const [i, description] of ARABIC_CORPUS_STRINGS.entries()) {
    await t.ok('vouchers.save', payment('receipt', customer.id, 100 + i, description));
    await t.ok('vouchers.save', payment('payment', employee.id, 100 + i, description));
  }
  targets.statement = {
    kind: 'accountStatement',
    language: 'ar',
    input: { partyId: customer.id, from: '2026-01-01', to: '2026-12-31' },
  };
  targets['employee statement'] = {
    kind: 'employeeStatement',
    language: 'ar',
    input: { partyId: employee.id, from: '2026-01-01', to: '2026-12-31' },
  };
  // And in the notes of every other kind of voucher, one string per line.
  const notes = ARABIC_CORPUS_STRINGS.join('\n');
  const others: [string, VoucherSaveInput][] = [
    ['sales return', invoiceInput(customer.id, { type: 'sales_return', notes })],
    ['purchase invoice', invoiceInput(supplier.id, { type: 'purchase_invoice', notes })],
    ['purchase return', invoiceInput(supplier.id, { type: 'purchase_return', notes })],
    ['receipt', { ...payment('receipt', customer.id, 5_000, 'دفعة'), notes }],
    ['payment', { ...payment('payment', supplier.id, 5_000, 'دفعة'), notes }],
    [
      'payslip',
      {
        type: 'payslip',
        date: '2026-03-31',
        partyId: employee.id,
        currency: 'ILS',
        language: 'ar',
        notes,
        payslip: { periodFrom: '2026-03-01', periodTo: '2026-03-31', grossMinor: 500_000, deductionsMinor: 35_000 },
      },
    ],
  ];
  for (const [name, input] of others) targets[name] = { kind: 'voucher', id: (await t.ok('vouchers.save', input)).id };
}, 180_000);
afterAll(async () => {
  await t.close();
  await Promise.all([printer.close(), stockPrinter.close()]);
});

async function pdfOf(name: string): Promise<Uint8Array> {
  let pdf = pdfs.get(name);
  if (!pdf) {
    const answer = await t.ok('print.pdf', { target: targets[name]! });
    pdfs.set(name, (pdf = Buffer.from(answer.pdfBase64, 'base64')));
    pdfToFiles(pdf, `arabic-corpus-${name}`); // for a person to look at
  }
  return pdf;
}

const count = (text: string, part: string) => text.split(part).length - 1;
const noSpace = (text: string) => text.replace(/\s+/g, '');
/** Strings that contain `s` (itself included): each must be found once per containing string. */
const expected = (s: string) => ARABIC_CORPUS_STRINGS.filter((other) => other.includes(s)).length;

/**
 * Whether pdf.js's items hold `s`: one item exactly, or adjacent items of a right-to-left line
 * (pdf.js cuts a line where the font changes, at a Latin word or a hyphen, and lists the pieces left
 * to right) that, taken right to left, spell it.
 */
function pdfjsHolds(items: string[], s: string): boolean {
  if (items.includes(s)) return true;
  if (isArabicRun(s)) return false;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < Math.min(items.length, i + 8); j++) {
      if (
        noSpace(
          items
            .slice(i, j + 1)
            .reverse()
            .join(''),
        ) === noSpace(s)
      )
        return true;
    }
  }
  return false;
}

/** Per page, the share of pixels that differ by more than a light anti-aliasing step. */
function pixelDifference(a: Uint8Array, b: Uint8Array): number[] {
  const [pagesA, pagesB] = [pageRasters(a), pageRasters(b)];
  expect(pagesA.length).toBe(pagesB.length);
  return pagesA.map((page, n) => {
    const other = pagesB[n]!;
    expect([other.width, other.height]).toEqual([page.width, page.height]);
    let differing = 0;
    for (let i = 0; i < page.pixels.length; i++) if (Math.abs(page.pixels[i]! - other.pixels[i]!) > 96) differing++;
    return differing / page.pixels.length;
  });
}

it('has the strings the issue names, at least 60 of them', () => {
  expect(ARABIC_CORPUS_STRINGS.length).toBeGreaterThanOrEqual(60);
  for (const s of [
    'عبد الله',
    'عبد الرحمن',
    'عبد الإله',
    'نصر الله',
    'فتح الله',
    'رام الله',
    'الخليل',
    'نابلس',
    'إربد',
  ])
    expect(ARABIC_CORPUS_STRINGS).toContain(s);
});

const EVERY_KIND = [
  'invoice',
  'statement',
  'employee statement',
  'sales return',
  'purchase invoice',
  'purchase return',
  'receipt',
  'payment',
  'payslip',
];

describe.each(EVERY_KIND)('the corpus on a %s', (name) => {
  it('reads back exactly with pdftotext', async () => {
    const text = popplerText(await pdfOf(name));
    // Arabic strings exactly; in mixed ones each run exactly (poppler orders mixed runs its own way).
    const wrong = ARABIC_CORPUS_STRINGS.filter((s) =>
      isArabicRun(s) ? count(text, s) < expected(s) : runsOf(s).some((run) => !text.includes(run)),
    );
    expect(wrong).toEqual([]);
  }, 60_000);

  it('reads back exactly with pdf.js (the preview)', async () => {
    const items = await pdfjsItems(await pdfOf(name));
    expect(ARABIC_CORPUS_STRINGS.filter((s) => !pdfjsHolds(items, s))).toEqual([]);
  }, 60_000);
});

// The drawing, on the two documents that carry the corpus in their body text.
describe.each(['invoice', 'statement'])('the corpus on a %s', (name) => {
  it('is drawn as the stock font draws it: the Allah and lam-alef ligatures stay', async () => {
    const ours = await pdfOf(name);
    const { html } = await t.ok('print.html', { target: targets[name]! });
    const stock = await stockPrinter.pdf(html);
    // The reference itself shows the fault this font fixes.
    expect(popplerText(stock)).not.toContain('عبد الله');
    // Not one pixel differs by more than anti-aliasing.
    expect(pixelDifference(ours, stock).every((share) => share === 0)).toBe(true);
    // And the comparison can see a lost ligature: the same page with ligatures turned off.
    const unligated = await printer.pdf(
      html.replace('</head>', '<style>*{font-feature-settings:"liga" 0}</style></head>'),
    );
    expect(pixelDifference(unligated, stock).some((share) => share > 0)).toBe(true);
  }, 120_000);
});
