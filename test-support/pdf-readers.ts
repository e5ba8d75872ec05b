import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text poppler's pdftotext reads from a PDF (what copy-paste and search see in most readers). */
export function popplerText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'daftar-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-']).toString().replace(BIDI_CONTROLS, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text items pdf.js finds on every page (what its text layer and find-in-page search): each
 * item's string, in logical order within the item.
 */
export async function pdfjsItems(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const items: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) if ('str' in item && item.str.trim()) items.push(item.str);
    }
    return items;
  } finally {
    await doc.destroy();
  }
}

/** A grey-scale raster of each page (poppler at `dpi`), to compare two renderings pixel by pixel. */
export function pageRasters(pdf: Uint8Array, dpi = 100): { width: number; height: number; pixels: Buffer }[] {
  const dir = mkdtempSync(join(tmpdir(), 'daftar-raster-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => parsePgm(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePgm(data: Buffer) {
  // P5 <width> <height> <maxval> then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no PGM');
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: data.subarray(whole.length) };
}
