import type { Language } from '../api/fields';
import type { OutboxStatus } from '../api/mail-report-filters';
import type { PartyKind } from '../api/parties.api';
import type { VoucherType } from '../vouchers/types';

/** Words printed on documents, in the document's language (independent of the interface language). */
export interface PrintLabels {
  voucherTitle: Record<VoucherType, string>;
  partyLabel: Record<PartyKind, string>;
  number: string;
  /** Between a document's name and its number in running text: "فاتورة مبيعات رقم ١". */
  numbered: string;
  date: string;
  code: string;
  phone: string;
  taxNumber: string;
  address: string;
  lineNo: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  tax: string;
  lineTotal: string;
  subtotal: string;
  totalDiscount: string;
  totalTax: string;
  grandTotal: string;
  amount: string;
  amountInWords: string;
  currency: string;
  notes: string;
  method: string;
  methods: Record<'cash' | 'cheque' | 'transfer', string>;
  chequeNumber: string;
  chequeDueDate: string;
  transferReference: string;
  period: string;
  /** Words around a date range: "من … إلى …" / "… to …". */
  rangeFrom: string;
  rangeTo: string;
  gross: string;
  deductions: string;
  net: string;
  cancelled: string;
  revision: string;
  accountStatement: string;
  employeeStatement: string;
  openingBalance: string;
  closingBalance: string;
  debit: string;
  credit: string;
  balance: string;
  type: string;
  totals: string;
  noMovements: string;
  receivedBy: string;
  accountant: string;
  mailReport: MailReportLabels;
}

/** Words of the printed mail report. */
export interface MailReportLabels {
  title: string;
  messages: string;
  recipients: string;
  credits: string;
  sent: string;
  failed: string;
  bounced: string;
  perDay: string;
  day: string;
  time: string;
  document: string;
  to: string;
  status: string;
  user: string;
  statuses: Record<OutboxStatus, string>;
  filters: { user: string; party: string; docType: string; status: string; bulk: string; search: string };
  statement: string;
  none: string;
  /** "the first {shown} of {total} messages; the CSV export has them all" */
  truncated(shown: string, total: string): string;
}

const ar: PrintLabels = {
  voucherTitle: {
    sales_invoice: 'فاتورة مبيعات',
    sales_return: 'مردود مبيعات',
    purchase_invoice: 'فاتورة مشتريات',
    purchase_return: 'مردود مشتريات',
    receipt: 'سند قبض',
    payment: 'سند صرف',
    payslip: 'قسيمة راتب',
  },
  partyLabel: { customer: 'الزبون', supplier: 'المورد', employee: 'الموظف' },
  number: 'الرقم',
  numbered: 'رقم',
  date: 'التاريخ',
  code: 'الرمز',
  phone: 'الهاتف',
  taxNumber: 'الرقم الضريبي',
  address: 'العنوان',
  lineNo: '#',
  description: 'البيان',
  quantity: 'الكمية',
  unitPrice: 'سعر الوحدة',
  discount: 'الخصم',
  tax: 'الضريبة',
  lineTotal: 'المجموع',
  subtotal: 'المجموع قبل الخصم',
  totalDiscount: 'إجمالي الخصم',
  totalTax: 'إجمالي الضريبة',
  grandTotal: 'الإجمالي',
  amount: 'المبلغ',
  amountInWords: 'المبلغ كتابة',
  currency: 'العملة',
  notes: 'ملاحظات',
  method: 'طريقة الدفع',
  methods: { cash: 'نقدا', cheque: 'شيك', transfer: 'حوالة بنكية' },
  chequeNumber: 'رقم الشيك',
  chequeDueDate: 'تاريخ الاستحقاق',
  transferReference: 'مرجع الحوالة',
  period: 'الفترة',
  rangeFrom: 'من',
  rangeTo: 'إلى',
  gross: 'الراتب الإجمالي',
  deductions: 'الاقتطاعات',
  net: 'صافي الراتب',
  cancelled: 'مبطل',
  revision: 'نسخة',
  accountStatement: 'كشف حساب',
  employeeStatement: 'كشف حساب موظف',
  openingBalance: 'الرصيد الافتتاحي',
  closingBalance: 'الرصيد الختامي',
  debit: 'مدين',
  credit: 'دائن',
  balance: 'الرصيد',
  type: 'المستند',
  totals: 'المجاميع',
  noMovements: 'لا توجد حركات في هذه الفترة.',
  receivedBy: 'المستلم',
  accountant: 'المحاسب',
  mailReport: {
    title: 'تقرير البريد',
    messages: 'الرسائل',
    recipients: 'المستلمون',
    credits: 'الرصيد المستهلك',
    sent: 'أرسلت',
    failed: 'فشلت',
    bounced: 'ارتدّت',
    perDay: 'الرسائل في كل يوم',
    day: 'اليوم',
    time: 'الوقت',
    document: 'المستند',
    to: 'إلى',
    status: 'الحالة',
    user: 'المستخدم',
    statuses: {
      queued: 'في الانتظار',
      sending: 'جارٍ الإرسال',
      sent: 'أُرسل',
      bounced: 'ارتدّ',
      failed: 'فشل',
      held: 'معلّق',
      cancelled: 'ملغى',
    },
    filters: {
      user: 'المستخدم',
      party: 'البطاقة',
      docType: 'نوع المستند',
      status: 'الحالة',
      bulk: 'سند الإرسال الجماعي',
      search: 'البحث',
    },
    statement: 'كشف حساب',
    none: 'لا توجد رسائل بهذه الشروط.',
    truncated: (shown, total) => `أول ${shown} رسالة من ${total}؛ ملف CSV يحوي جميعها.`,
  },
};

const en: PrintLabels = {
  voucherTitle: {
    sales_invoice: 'Sales invoice',
    sales_return: 'Sales return',
    purchase_invoice: 'Purchase invoice',
    purchase_return: 'Purchase return',
    receipt: 'Receipt voucher',
    payment: 'Payment voucher',
    payslip: 'Payslip',
  },
  partyLabel: { customer: 'Customer', supplier: 'Supplier', employee: 'Employee' },
  number: 'No.',
  numbered: 'no.',
  date: 'Date',
  code: 'Code',
  phone: 'Phone',
  taxNumber: 'Tax number',
  address: 'Address',
  lineNo: '#',
  description: 'Description',
  quantity: 'Qty',
  unitPrice: 'Unit price',
  discount: 'Discount',
  tax: 'Tax',
  lineTotal: 'Total',
  subtotal: 'Subtotal',
  totalDiscount: 'Discount',
  totalTax: 'Tax',
  grandTotal: 'Total',
  amount: 'Amount',
  amountInWords: 'Amount in words',
  currency: 'Currency',
  notes: 'Notes',
  method: 'Method',
  methods: { cash: 'Cash', cheque: 'Cheque', transfer: 'Bank transfer' },
  chequeNumber: 'Cheque no.',
  chequeDueDate: 'Due date',
  transferReference: 'Transfer reference',
  period: 'Period',
  rangeFrom: '',
  rangeTo: 'to',
  gross: 'Gross salary',
  deductions: 'Deductions',
  net: 'Net salary',
  cancelled: 'VOID',
  revision: 'rev.',
  accountStatement: 'Account statement',
  employeeStatement: 'Employee statement',
  openingBalance: 'Opening balance',
  closingBalance: 'Closing balance',
  debit: 'Debit',
  credit: 'Credit',
  balance: 'Balance',
  type: 'Document',
  totals: 'Totals',
  noMovements: 'No movements in this period.',
  receivedBy: 'Received by',
  accountant: 'Accountant',
  mailReport: {
    title: 'Mail report',
    messages: 'Messages',
    recipients: 'Recipients',
    credits: 'Credits spent',
    sent: 'Sent',
    failed: 'Failed',
    bounced: 'Bounced',
    perDay: 'Messages per day',
    day: 'Day',
    time: 'Time',
    document: 'Document',
    to: 'To',
    status: 'Status',
    user: 'User',
    statuses: {
      queued: 'Queued',
      sending: 'Sending',
      sent: 'Sent',
      bounced: 'Bounced',
      failed: 'Failed',
      held: 'Held',
      cancelled: 'Cancelled',
    },
    filters: {
      user: 'User',
      party: 'Card',
      docType: 'Document type',
      status: 'Status',
      bulk: 'Bulk voucher',
      search: 'Search',
    },
    statement: 'Statement',
    none: 'No messages match these filters.',
    truncated: (shown, total) => `The first ${shown} of ${total} messages; the CSV export has them all.`,
  },
};

export const PRINT_LABELS: Record<Language, PrintLabels> = { ar, en };

/** The attachment's file name, in the document's language: "فاتورة مبيعات 1042.pdf". */
export function documentFileName(title: string, number?: number | string): string {
  const base = `${title}${number === undefined ? '' : ` ${number}`}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').trim();
  return `${base}.pdf`;
}
