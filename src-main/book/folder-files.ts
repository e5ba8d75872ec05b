import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileWhole } from '../disk-full';
import { attachmentPath, checkedPdf, outboxPath, pdfNameProblem, type KeptFiles } from './kept-files';

/**
 * A book on this computer keeps its messages' bytes as files in <data>/outbox/: the PDF as
 * <message id>.pdf, written before the row that names it, and the sent bytes as <message id>.eml,
 * written before sending. Names read from the book are checked before any file is touched.
 */
export function folderFiles(dataFolder: string): KeptFiles {
  const write = (name: string, bytes: Uint8Array) => {
    const path = attachmentPath(dataFolder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileWhole(path, bytes);
  };
  return {
    writePdfBeforeQueue: (pdfFile, pdf) => write(pdfFile, pdf),
    keepPdfWithQueue: async () => {},
    forgetUnqueuedPdf: (pdfFile) => rmSync(attachmentPath(dataFolder, pdfFile), { force: true }),
    readPdf: async (row) => {
      const refused = pdfNameProblem(row);
      if (refused) return refused;
      const path = attachmentPath(dataFolder, row.pdf_file);
      return checkedPdf(existsSync(path) ? readFileSync(path) : null, row.pdf_sha256);
    },
    writeRawBeforeSend: (outboxId, raw) => {
      const name = `${outboxId}.eml`;
      write(name, raw);
      return name;
    },
    keepRawOnceSent: async () => null,
    isOwnRaw: (row) => row.raw_file === `${row.id}.eml`,
    readRaw: async (rawFile, onRefused = () => {}) => {
      const where = outboxPath(dataFolder, 'sentCopy', rawFile);
      if ('refused' in where) {
        onRefused(where.refused);
        return 'missing';
      }
      return existsSync(where.path) ? readFileSync(where.path) : 'missing';
    },
    forgetRaw: async (rawFile) => {
      const where = outboxPath(dataFolder, 'sentCopy', rawFile);
      if ('path' in where) rmSync(where.path, { force: true });
    },
  };
}
