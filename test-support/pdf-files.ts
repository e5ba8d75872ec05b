import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where tests leave PDFs and their first pages as PNG, for a person to look at. */
export const PDF_OUT = join(process.cwd(), 'test-results', 'pdf');

/**
 * Write a PDF under test-results/pdf with page 1 as a PNG beside it, and read its text
 * back with poppler (the oracle for Arabic in a PDF).
 */
export function pdfToFiles(pdf: Uint8Array, name: string): { file: string; text: string } {
  mkdirSync(PDF_OUT, { recursive: true });
  const file = join(PDF_OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(PDF_OUT, name)]);
  // pdftotext marks right-to-left runs with bidi controls; the words between them are what counts.
  const text = execFileSync('pdftotext', [file, '-'])
    .toString()
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return { file, text };
}
