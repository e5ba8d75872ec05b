import { TEMPLATE_FIELDS, type TemplateField } from '../../src-shared/email/template-fields';
import { escapeHtml } from '../../src-shared/text/escape';
import type { Language } from '../../src-shared/api/fields';
import type { MailTemplates, TemplateKind } from '../../src-shared/api/mail.api';
import type { VoucherType } from '../../src-shared/vouchers/types';

const INVOICE_TEMPLATE: MailTemplates['invoice'] = {
  ar: {
    subject: '{document} رقم {number} من {company}',
    body: 'السادة {party} المحترمين،\n\nتجدون مرفقًا {document} رقم {number} بتاريخ {date} بقيمة {amount}.\n\nمع التحية،\n{company}',
  },
  en: {
    subject: '{document} {number} from {company}',
    body: 'Dear {party},\n\nPlease find attached {document} {number} dated {date}, for {amount}.\n\nKind regards,\n{company}',
  },
};

export const DEFAULT_TEMPLATES: MailTemplates = {
  invoice: INVOICE_TEMPLATE,
  // Returns read like invoices: "please find attached … for {amount}".
  return: INVOICE_TEMPLATE,
  receipt: {
    ar: {
      subject: '{document} رقم {number} من {company}',
      body: 'السادة {party} المحترمين،\n\nنشكركم على دفعتكم. تجدون مرفقًا {document} رقم {number} بتاريخ {date} بمبلغ {amount}.\n\nمع التحية،\n{company}',
    },
    en: {
      subject: '{document} {number} from {company}',
      body: 'Dear {party},\n\nThank you for your payment. Please find attached {document} {number} dated {date}, for {amount}.\n\nKind regards,\n{company}',
    },
  },
  payment: {
    ar: {
      subject: '{document} رقم {number} من {company}',
      body: 'السادة {party} المحترمين،\n\nتجدون مرفقًا {document} رقم {number} بتاريخ {date} بمبلغ {amount}.\n\nمع التحية،\n{company}',
    },
    en: {
      subject: '{document} {number} from {company}',
      body: 'Dear {party},\n\nPlease find attached {document} {number} dated {date}, for {amount}.\n\nKind regards,\n{company}',
    },
  },
  payslip: {
    ar: {
      subject: '{document} رقم {number} — {company}',
      body: 'عزيزي/عزيزتي {party}،\n\nتجد مرفقًا {document} رقم {number} بتاريخ {date}، صافي الراتب {amount}.\n\nمع التحية،\n{company}',
    },
    en: {
      subject: '{document} {number} — {company}',
      body: 'Dear {party},\n\nPlease find attached your {document} {number} dated {date}; net salary {amount}.\n\nKind regards,\n{company}',
    },
  },
  statement: {
    ar: {
      subject: '{document} — {party} — {company}',
      body: 'السادة {party} المحترمين،\n\nتجدون مرفقًا {document} للفترة {number}، والرصيد الختامي {amount}.\n\nمع التحية،\n{company}',
    },
    en: {
      subject: '{document} — {party} — {company}',
      body: 'Dear {party},\n\nPlease find attached your {document} for {number}; closing balance {amount}.\n\nKind regards,\n{company}',
    },
  },
};

export function templateKindOf(type: VoucherType | 'statement'): TemplateKind {
  if (type === 'sales_invoice' || type === 'purchase_invoice') return 'invoice';
  if (type === 'sales_return' || type === 'purchase_return') return 'return';
  if (type === 'receipt' || type === 'payment' || type === 'payslip' || type === 'statement') return type;
  return 'invoice';
}

export type TemplateValues = Record<TemplateField, string>;
const FIELD = new RegExp(`\\{(${TEMPLATE_FIELDS.join('|')})\\}`, 'g');

// Line and paragraph separators, other control characters: never in a header.
const HEADER_UNSAFE = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;
/** One line for a header (subject, display name): breaks and control characters become a space. */
export const headerSafe = (text: string) => text.replace(HEADER_UNSAFE, ' ').replace(/\s+/g, ' ').trim();

export const fill = (template: string, values: TemplateValues) =>
  template.replace(FIELD, (_, key: TemplateField) => values[key]);

/** Plain text and HTML bodies: the user's note on top (as text, never markup), then the template's body. */
export function composeBody(note: string, body: string, language: Language): { text: string; html: string } {
  const cleanNote = note.replace(/\r\n?/g, '\n').trim();
  const text = cleanNote ? `${cleanNote}\n\n${body}` : body;
  const paragraphs = (s: string) =>
    s
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('');
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  const noteBlock = cleanNote
    ? `<div style="border-inline-start:3px solid #0f6e5a;padding:4px 12px;margin-bottom:16px;background:#f3f7f6">${paragraphs(cleanNote)}</div>`
    : '';
  const html = `<!doctype html><html lang="${language}" dir="${dir}"><body dir="${dir}" style="font-family:Tahoma,Arial,sans-serif;font-size:14px;line-height:1.6;text-align:${dir === 'rtl' ? 'right' : 'left'}">${noteBlock}${paragraphs(body)}</body></html>`;
  return { text, html };
}

/** An attachment name safe on every mail client and file system, in the document's language. */
export function safeFileName(name: string): string {
  const base = name
    .replace(/\.pdf$/i, '')
    .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ')
    .replace(/[\\/:*?"<>|]/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 120)
    .trim();
  return `${base || 'document'}.pdf`;
}
