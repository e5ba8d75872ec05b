import { ToWords } from 'to-words';
import type { Language } from '../api/fields';
import { minorDigits } from './money';

/**
 * An amount written out, as on a printed invoice or receipt. The numbers themselves come
 * from `to-words`; the currency nouns and Arabic counting rules (1, 2, 3–10, 11–99,
 * hundreds) are ours, for the currencies an office here deals in.
 */

interface ArabicNoun {
  /**
   * With 1 ("شيكل واحد"), 2 ("شيكلان"), 3–10 ("شواكل"), 11–99 ("شيكلا"), else ("شيكل").
   * Written without tanween, as accountants write it (and so it reads back from a PDF exactly).
   */
  one: string;
  two: string;
  few: string;
  many: string;
  other: string;
  feminine?: boolean;
}

interface CurrencyWords {
  ar: { main: ArabicNoun; minor: ArabicNoun };
  en: { main: [string, string]; minor: [string, string] };
}

const CURRENCY_WORDS: Record<string, CurrencyWords> = {
  ILS: {
    ar: {
      main: { one: 'شيكل واحد', two: 'شيكلان', few: 'شواكل', many: 'شيكلا', other: 'شيكل' },
      minor: { one: 'أغورة واحدة', two: 'أغورتان', few: 'أغورات', many: 'أغورة', other: 'أغورة', feminine: true },
    },
    en: { main: ['shekel', 'shekels'], minor: ['agora', 'agorot'] },
  },
  USD: {
    ar: {
      main: { one: 'دولار واحد', two: 'دولاران', few: 'دولارات', many: 'دولارا', other: 'دولار' },
      minor: { one: 'سنت واحد', two: 'سنتان', few: 'سنتات', many: 'سنتا', other: 'سنت' },
    },
    en: { main: ['US dollar', 'US dollars'], minor: ['cent', 'cents'] },
  },
  JOD: {
    ar: {
      main: { one: 'دينار واحد', two: 'ديناران', few: 'دنانير', many: 'دينارا', other: 'دينار' },
      minor: { one: 'فلس واحد', two: 'فلسان', few: 'فلوس', many: 'فلسا', other: 'فلس' },
    },
    en: { main: ['Jordanian dinar', 'Jordanian dinars'], minor: ['fils', 'fils'] },
  },
  EUR: {
    ar: {
      main: { one: 'يورو واحد', two: 'يوروان', few: 'يوروات', many: 'يورو', other: 'يورو' },
      minor: { one: 'سنت واحد', two: 'سنتان', few: 'سنتات', many: 'سنتا', other: 'سنت' },
    },
    en: { main: ['euro', 'euros'], minor: ['cent', 'cents'] },
  },
};

const arabicNumbers = new ToWords({ localeCode: 'ar-SA' });
const englishNumbers = new ToWords({ localeCode: 'en-US' });

// "ألف و مائتان" → "ألف ومائتان": the conjunction is written joined to the next word.
const joinWaw = (text: string) => text.replace(/ و /g, ' و').replace(/ و(?= )/g, ' و');

/**
 * The units of 21–99 before a feminine noun ("ثلاث وعشرون أغورة", "ثمانٍ وخمسون أغورة"): to-words
 * gives the masculine form there, so these are ours. (1 and 2 take إحدى and اثنتان.)
 */
const FEMININE_UNITS = ['', 'إحدى', 'اثنتان', 'ثلاث', 'أربع', 'خمس', 'ست', 'سبع', 'ثمانٍ', 'تسع'];

function arabicNumber(n: number, feminine: boolean): string {
  const lastTwo = n % 100;
  if (!feminine || lastTwo < 21 || lastTwo % 10 === 0)
    return joinWaw(arabicNumbers.convert(n, { gender: feminine ? 'feminine' : 'masculine' }));
  const tens = joinWaw(arabicNumbers.convert(lastTwo - (lastTwo % 10)));
  const compound = `${FEMININE_UNITS[lastTwo % 10]} و${tens}`;
  return n >= 100 ? `${joinWaw(arabicNumbers.convert(n - lastTwo))} و${compound}` : compound;
}

function arabicCount(n: number, noun: ArabicNoun): string {
  if (n === 1) return noun.one;
  if (n === 2) return noun.two;
  const words = arabicNumber(n, noun.feminine === true);
  const lastTwo = n % 100;
  if (lastTwo >= 3 && lastTwo <= 10) return `${words} ${noun.few}`;
  if (lastTwo >= 11) return `${words} ${noun.many}`;
  return `${words} ${noun.other}`;
}

function englishCount(n: number, [singular, plural]: [string, string]): string {
  return `${englishNumbers.convert(n).toLowerCase()} ${n === 1 ? singular : plural}`;
}

/** 125075 ILS → "فقط ألف ومائتان وخمسون شيكلًا وخمس وسبعون أغورة لا غير" / "one thousand … only". */
export function amountInWords(minor: number, currency: string, language: Language): string {
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  const abs = Math.abs(minor);
  const main = Math.floor(abs / scale);
  const fraction = abs % scale;
  const words = CURRENCY_WORDS[currency];
  const negative = minor < 0;

  if (language === 'ar') {
    const parts = words
      ? [
          main > 0 || fraction === 0 ? arabicCount(main, words.ar.main) : null,
          fraction > 0 ? arabicCount(fraction, words.ar.minor) : null,
        ]
      : [
          `${joinWaw(arabicNumbers.convert(main))} ${currency}`,
          fraction > 0 ? `${joinWaw(arabicNumbers.convert(fraction))} من ${scale}` : null,
        ];
    const text = parts.filter(Boolean).join(' و');
    return `فقط ${negative ? 'سالب ' : ''}${main === 0 && fraction === 0 ? `صفر ${words?.ar.main.other ?? currency}` : text} لا غير`;
  }
  const parts = words
    ? [
        main > 0 || fraction === 0 ? englishCount(main, words.en.main) : null,
        fraction > 0 ? englishCount(fraction, words.en.minor) : null,
      ]
    : [`${englishNumbers.convert(main).toLowerCase()} ${currency}`, fraction > 0 ? `${fraction}/${scale}` : null];
  const text = parts.filter(Boolean).join(' and ');
  return `${negative ? 'minus ' : ''}${text} only`.replace(/^./, (c) => c.toUpperCase());
}
