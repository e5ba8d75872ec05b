import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileWhole } from '../disk-full';
import { join } from 'node:path';
import type { CompanyInfo } from '../../src-shared/api/company.api';
import type { DocumentTarget, PrintTarget } from '../../src-shared/api/print.api';
import { AppError } from '../../src-shared/errors';
import type { PartyDocumentModel, PrintModel, PrintParty } from '../../src-shared/print/model';
import { renderDocument, type RenderedDocument } from '../../src-shared/print/render';
import { readCompany, toCompanyInfo } from '../company/company.repo';
import { getParty } from '../parties/parties.repo';
import { movedOf } from '../office/moved-record';
import type { Services } from '../registry';
import { buildMailReportPrint } from '../mail-report/mail-report.print';
import { ACCOUNT_KINDS, EMPLOYEE_KINDS } from '../statements/statement';
import { getLines, getVoucher } from '../vouchers/vouchers.repo';
import { toVoucher } from '../vouchers/vouchers.repo';
import { keptPath } from '../kept-name';
import { loadPrintFonts } from './fonts';
import { findPrint, insertPrint } from './prints.repo';

export interface PrintedPdf<M extends PrintModel = PrintModel> {
  /** What was printed (company, party, document), for callers that also need it (email). */
  model: M;
  fileName: string;
  pdf: Uint8Array;
  sha256: string;
  /** The voucher revision printed; null for reports. */
  revision: number | null;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

async function companyInfo(services: Services): Promise<CompanyInfo> {
  return toCompanyInfo(await readCompany(services.book.db));
}

async function printParty(services: Services, id: string): Promise<PrintParty> {
  const row = await getParty(services.book.db, id);
  if (!row) throw new AppError('not_found', `No card with id ${id}`, { id });
  return {
    name: row.name,
    code: row.code,
    kind: row.kind,
    phone: row.phone,
    address: row.address,
    taxNumber: row.tax_number,
  };
}

/** Gather what a document shows: the company, the party, the voucher or statement. */
export async function buildModel(services: Services, target: PrintTarget): Promise<PrintModel> {
  const company = await companyInfo(services);
  if (target.kind === 'voucher') {
    const row = await getVoucher(services.book.db, target.id);
    if (!row) throw new AppError('not_found', `No voucher with id ${target.id}`, { id: target.id });
    const voucher = toVoucher(row, await getLines(services.book.db, row.id));
    return {
      kind: 'voucher',
      language: target.language ?? voucher.language,
      company,
      party: await printParty(services, voucher.partyId),
      voucher,
    };
  }
  if (target.kind === 'mailReport')
    return {
      kind: 'mailReport',
      language: target.language,
      company,
      report: await buildMailReportPrint(services, target.filters, target.language),
    };
  const kinds = target.kind === 'employeeStatement' ? EMPLOYEE_KINDS : ACCOUNT_KINDS;
  const statement = await services.reads.run('statement', { input: target.input, kinds });
  return {
    kind: target.kind,
    language: target.language,
    company,
    party: await printParty(services, statement.partyId),
    statement,
  };
}

export async function renderTarget(
  services: Services,
  target: PrintTarget,
): Promise<{ model: PrintModel; doc: RenderedDocument }> {
  const model = await buildModel(services, target);
  return { model, doc: renderDocument(model, loadPrintFonts(services.config.resourcesDir)) };
}

/**
 * The PDF of a document. A voucher revision's PDF is rendered once and kept in the data
 * folder (prints/), keyed by the page's own hash: preview, save, print and email then use
 * the very same file. Reports are rendered fresh each time.
 */
export async function printPdf(services: Services, target: DocumentTarget): Promise<PrintedPdf<PartyDocumentModel>>;
export async function printPdf(services: Services, target: PrintTarget): Promise<PrintedPdf>;
export async function printPdf(services: Services, target: PrintTarget): Promise<PrintedPdf> {
  const { model, doc } = await renderTarget(services, target);
  if (model.kind !== 'voucher') {
    const pdf = await services.ports.printer.pdf(doc.html);
    return { model, fileName: doc.fileName, pdf, sha256: sha256(pdf), revision: null };
  }

  const { voucher, language } = model;
  const htmlHash = sha256(doc.html);
  const db = services.book.db;
  const kept = await findPrint(db, voucher.id, voucher.revision, language, htmlHash);
  const folder = join(services.config.dataFolder, 'prints');
  // The kept file's name is read from the book: only a name Daftar writes, inside prints/ (kept-name.ts).
  const keptAt = kept ? keptPath(folder, 'voucherPrint', kept.file) : null;
  if (keptAt && 'refused' in keptAt)
    services.log.info(`print: the kept PDF of voucher ${voucher.id} is not read: its name is ${keptAt.refused}`, {
      id: voucher.id,
    });
  if (kept && keptAt && 'path' in keptAt && existsSync(keptAt.path)) {
    const pdf = readFileSync(keptAt.path);
    if (sha256(pdf) === kept.pdf_sha256)
      return { model, fileName: doc.fileName, pdf, sha256: kept.pdf_sha256, revision: voucher.revision };
  }

  const pdf = await services.ports.printer.pdf(doc.html);
  const pdfHash = sha256(pdf);
  // The record of a moved book is read and printed, never written: its PDF is made fresh each time.
  if (movedOf(services.book))
    return { model, fileName: doc.fileName, pdf, sha256: pdfHash, revision: voucher.revision };
  // The voucher's id is the book's too: one forged to climb out of prints/ gets its PDF, never kept.
  const file = `${voucher.id}-r${voucher.revision}-${language}-${htmlHash.slice(0, 12)}.pdf`;
  const keepAt = keptPath(folder, 'voucherPrint', file);
  if ('refused' in keepAt) {
    services.log.info(`print: the PDF of voucher ${voucher.id} is not kept: its name would be ${keepAt.refused}`, {
      id: voucher.id,
    });
    return { model, fileName: doc.fileName, pdf, sha256: pdfHash, revision: voucher.revision };
  }
  mkdirSync(folder, { recursive: true });
  // Whole or not at all: a crash or a full disk never leaves a half PDF under the kept name.
  writeFileWhole(keepAt.path, pdf);
  await insertPrint(db, {
    voucher_id: voucher.id,
    revision: voucher.revision,
    language,
    html_sha256: htmlHash,
    pdf_sha256: pdfHash,
    file,
    bytes: pdf.byteLength,
    created_at: services.ports.clock.now().toISOString(),
  });
  return { model, fileName: doc.fileName, pdf, sha256: pdfHash, revision: voucher.revision };
}
