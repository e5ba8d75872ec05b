import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a message's PDF is kept from queuing on: data/outbox/<message id>.pdf. */
export const attachmentPath = (dataFolder: string, pdfFile: string) => join(dataFolder, 'outbox', pdfFile);

/** The PDF a message carries, or null when the file is gone or no longer the one queued. */
export function readKeptAttachment(dataFolder: string, row: { pdf_file: string; pdf_sha256: string }): Buffer | null {
  const path = attachmentPath(dataFolder, row.pdf_file);
  if (!existsSync(path)) return null;
  const pdf = readFileSync(path);
  return createHash('sha256').update(pdf).digest('hex') === row.pdf_sha256 ? pdf : null;
}
