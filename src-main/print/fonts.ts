import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrintFonts } from '../../src-shared/print/model';

const cache = new Map<string, PrintFonts>();

/** The TTF fonts under resources/fonts, as base64, read once per process. */
export function loadPrintFonts(resourcesDir: string): PrintFonts {
  let fonts = cache.get(resourcesDir);
  if (!fonts) {
    const read = (file: string) => readFileSync(join(resourcesDir, 'fonts', file)).toString('base64');
    fonts = {
      arabicRegular: read('NotoNaskhArabic-Regular.ttf'),
      arabicBold: read('NotoNaskhArabic-Bold.ttf'),
      latinRegular: read('NotoSans-Regular.ttf'),
      latinBold: read('NotoSans-Bold.ttf'),
    };
    cache.set(resourcesDir, fonts);
  }
  return fonts;
}
