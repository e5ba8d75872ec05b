import { renderToStaticMarkup } from 'react-dom/server';
import { formatDate } from '../money/money';
import { PRINT_LABELS, documentFileName } from './labels';
import { MailReportDocument } from './MailReportDocument';
import type { PrintFonts, PrintModel } from './model';
import { StatementDocument } from './StatementDocument';
import { printCss } from './styles';
import { VoucherDocument } from './VoucherDocument';

export interface RenderedDocument {
  html: string;
  title: string;
  fileName: string;
}

/**
 * The complete HTML page of a document. Preview, paper print and the emailed PDF all
 * come from this one page, so the attachment is the printed copy.
 */
export function renderDocument(model: PrintModel, fonts: PrintFonts): RenderedDocument {
  const l = PRINT_LABELS[model.language];
  const dir = model.language === 'ar' ? 'rtl' : 'ltr';
  // A period in a file name reads like the document: "من ٠١-١١-٢٠٢٦ إلى ٣٠-١١-٢٠٢٦" (no slashes in file names).
  const period = (from: string, to: string) =>
    [l.rangeFrom, formatDate(from, model.language), l.rangeTo, formatDate(to, model.language)]
      .filter(Boolean)
      .join(' ')
      .replace(/\//g, '-');
  let title: string;
  let fileName: string;
  let body: string;
  if (model.kind === 'voucher') {
    title = `${l.voucherTitle[model.voucher.type]} ${model.voucher.number}`;
    fileName = documentFileName(l.voucherTitle[model.voucher.type], model.voucher.number);
    body = renderToStaticMarkup(<VoucherDocument model={model} />);
  } else if (model.kind === 'mailReport') {
    title = l.mailReport.title;
    fileName = documentFileName(`${l.mailReport.title} ${period(model.report.from, model.report.to)}`);
    body = renderToStaticMarkup(<MailReportDocument model={model} />);
  } else {
    const name = model.kind === 'employeeStatement' ? l.employeeStatement : l.accountStatement;
    title = `${name} — ${model.party.name}`;
    fileName = documentFileName(`${name} ${model.party.name} ${period(model.statement.from, model.statement.to)}`);
    body = renderToStaticMarkup(<StatementDocument model={model} />);
  }
  const escapedTitle = renderToStaticMarkup(<title>{title}</title>);
  const html = `<!doctype html><html lang="${model.language}" dir="${dir}"><head><meta charset="utf-8">${escapedTitle}<style>${printCss(fonts, model.language === 'ar')}</style></head><body>${body}</body></html>`;
  return { html, title, fileName };
}
