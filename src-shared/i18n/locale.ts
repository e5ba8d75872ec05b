import type { Language } from '../api/fields';

/**
 * The formatting locale of each interface language: Arabic as written in Palestine
 * (Arabic-Indic digits), English with day/month/year dates. Used by the interface and print.
 */
export const FORMAT_LOCALE: Record<Language, string> = { ar: 'ar-PS', en: 'en-GB' };

export const formatNumber = (language: Language, value: number, options?: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(FORMAT_LOCALE[language], options).format(value);
