import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { keptPath, type KeptPath } from '../kept-name';
import type { Database } from './schema';

// The bytes a book's messages carry: the PDF a message is queued with, and the very bytes it was sent
// with, kept until its copy is appended to the Sent folder. A book on this computer keeps them as
// files in <data>/outbox/ (folder-files.ts); an office book keeps them in the book itself (kept_files,
// by sha256, office-files.ts), because whichever desktop sends or reads the mailbox next needs them.

export const outboxFolder = (dataFolder: string) => join(dataFolder, 'outbox');

/** The file a name read from the book stands for in outbox/, or why it is refused (see kept-name.ts). */
export const outboxPath = (dataFolder: string, kind: 'outboxPdf' | 'sentCopy', name: string): KeptPath =>
  keptPath(outboxFolder(dataFolder), kind, name);

/**
 * Where a message's PDF (<message id>.pdf) or sent bytes (<message id>.eml) are kept on this computer,
 * for a name Daftar has just made: one that is not Daftar's (an id forged in the book) is never written.
 */
export function attachmentPath(dataFolder: string, name: string): string {
  const where = outboxPath(dataFolder, name.endsWith('.eml') ? 'sentCopy' : 'outboxPdf', name);
  if ('refused' in where) throw new Error(`outbox/: ${where.refused}`);
  return where.path;
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export type KeptAttachment =
  | { pdf: Buffer }
  | { problem: 'attachment_missing' | 'attachment_changed' }
  | { problem: 'attachment_refused'; why: string };

/** What a sent copy's bytes are when read: `missing` gone for good, `elsewhere` another desktop's file. */
export type KeptRaw = Buffer | 'missing' | 'elsewhere';

/** Where a book keeps its messages' bytes. Each kind of book answers every step; a step it has no use for does nothing. */
export interface KeptFiles {
  /** Before the transaction that queues a message: its PDF as a file of this desktop (a book here). */
  writePdfBeforeQueue(pdfFile: string, pdf: Uint8Array): void;
  /** Inside the transaction that queues it: the PDF in the book, by its sha256 (an office book). */
  keepPdfWithQueue(trx: Kysely<Database>, pdf: Uint8Array, now: Date): Promise<void>;
  /** The message was not queued after all: the file written before goes. */
  forgetUnqueuedPdf(pdfFile: string): void;
  /**
   * The PDF a message carries, exactly as queued (its sha256), or why not. Its name must be the one
   * Daftar gave it, <message id>.pdf, on an office book too: a row forged to name another file, or
   * with a forged id, is refused before anything is read.
   */
  readPdf(row: { id: string; pdf_file: string; pdf_sha256: string }): Promise<KeptAttachment>;
  /** Before sending: the bytes as a file of this desktop; answers its name, or null where the book keeps them once sent. */
  writeRawBeforeSend(outboxId: string, raw: Buffer): string | null;
  /** Once sent, inside the transaction that says so: the bytes in the book; answers their name, or null where kept before. */
  keepRawOnceSent(trx: Kysely<Database>, raw: Buffer, now: string): Promise<string | null>;
  /** Whether a name read from the book is this message's own kept bytes (never another message's file). */
  isOwnRaw(row: { id: string; raw_file: string }): boolean;
  /** The kept bytes; a name refused (see kept-name.ts) is told to `onRefused` and read as missing. */
  readRaw(rawFile: string, onRefused?: (why: string) => void): Promise<KeptRaw>;
  /** After the APPEND: the bytes are no longer needed. A refused name deletes nothing. */
  forgetRaw(rawFile: string): Promise<void>;
}

/** The check both kinds make before reading a PDF: the name is the message's own, and one Daftar writes (kept-name.ts). */
export function pdfNameProblem(row: { id: string; pdf_file: string }): KeptAttachment | null {
  const where = keptPath('outbox', 'outboxPdf', row.pdf_file);
  if ('refused' in where) return { problem: 'attachment_refused', why: `its PDF's name is ${where.refused}` };
  if (row.pdf_file !== `${row.id}.pdf`) return { problem: 'attachment_refused', why: "its PDF's name is not its own" };
  return null;
}

/** The PDF read back, if it is still the one queued. */
export const checkedPdf = (pdf: Buffer | null, sha256: string): KeptAttachment =>
  !pdf ? { problem: 'attachment_missing' } : sha256Of(pdf) === sha256 ? { pdf } : { problem: 'attachment_changed' };
