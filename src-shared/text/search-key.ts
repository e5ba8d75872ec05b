/**
 * A search key that matches what people mean, not the exact letters typed: Arabic
 * diacritics and tatweel dropped, alef/yeh/teh-marbuta variants folded, Latin lower-cased,
 * Arabic-Indic digits made ASCII. Used for the stored key and for the query alike.
 */
// Every non-spacing mark (Arabic harakat, shadda, superscript alef) and the tatweel.
const DIACRITICS = /[\p{Mn}\u0640]/gu;
const FOLDS: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ئ: 'ي',
  ؤ: 'و',
  ة: 'ه',
};
const FOLD_CHARS = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'g');

export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DIACRITICS, '')
    .replace(FOLD_CHARS, (ch) => FOLDS[ch] ?? ch)
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
