import type { Language } from '../api/fields';
import { dateTimeFormat, numberFormat } from './formatters';

/**
 * The formatting locale of each interface language: Arabic as written in Palestine
 * (Arabic-Indic digits), English with day/month/year dates. Used by the interface and print.
 */
export const FORMAT_LOCALE: Record<Language, string> = { ar: 'ar-PS', en: 'en-GB' };

export const formatNumber = (language: Language, value: number, options?: Intl.NumberFormatOptions) =>
  numberFormat(FORMAT_LOCALE[language], options).format(value);

/** A moment (an ISO time) on this desktop's clock, in the language: short date and time unless told otherwise. */
export const formatDateTime = (
  language: Language,
  iso: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' },
) => dateTimeFormat(FORMAT_LOCALE[language], options).format(new Date(iso));

/** Today on this desktop's calendar, as an ISO date (YYYY-MM-DD). */
export const todayIso = (now = new Date()) => now.toLocaleDateString('en-CA');

/** A document or card number in the language's digits, without grouping: 1042 → "١٠٤٢". */
export const formatId = (language: Language, value: number) => formatNumber(language, value, { useGrouping: false });

/**
 * Digits typed or shown in a field, in the language's own: "1.5" → "١٫٥" in Arabic. What a field
 * starts with (a suggested number, a quantity of 1) then matches the totals and dates beside it;
 * the parsers read either kind.
 */
export function nativeDigits(text: string, language: Language): string {
  if (language !== 'ar') return text;
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d))).replace(/\./g, '\u066B');
}
