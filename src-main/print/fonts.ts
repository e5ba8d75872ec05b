import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrintFonts } from '../../src-shared/print/model';

const cache = new Map<string, PrintFonts>();

/**
 * Where a printed page finds the TTF fonts under resources/fonts: a URL relative to the resources
 * folder (the printer's shell page) and to the Node host's root (the window prints the same page).
 * Each carries its file's hash, so a changed font is a changed page and never matches a PDF kept
 * from before. Read once per process.
 */
export function loadPrintFonts(resourcesDir: string): PrintFonts {
  let fonts = cache.get(resourcesDir);
  if (!fonts) {
    const url = (file: string) => {
      const hash = createHash('sha256')
        .update(readFileSync(join(resourcesDir, 'fonts', file)))
        .digest('hex');
      return `fonts/${file}?v=${hash.slice(0, 12)}`;
    };
    fonts = {
      arabicRegular: url('NotoNaskhArabic-Regular.ttf'),
      arabicBold: url('NotoNaskhArabic-Bold.ttf'),
      latinRegular: url('NotoSans-Regular.ttf'),
      latinBold: url('NotoSans-Bold.ttf'),
    };
    cache.set(resourcesDir, fonts);
  }
  return fonts;
}
