import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-shared/api/fields';
import { FORMAT_LOCALE } from '../../src-shared/i18n/locale';
import { ar } from './ar';
import { en } from './en';

export const resources = { ar: { translation: ar }, en: { translation: en } } as const;

export const directionOf = (language: Language): 'rtl' | 'ltr' => (language === 'ar' ? 'rtl' : 'ltr');

/** Point the page at a language: text, `lang` and `dir` change together. */
export async function applyLanguage(instance: i18n, language: Language): Promise<void> {
  await instance.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/** i18next with both languages bundled (offline), Arabic plurals from Intl.PluralRules. */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'ar',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  // Numbers in the language's own digits (ar-PS: Arabic-Indic), not i18next's bare-language default.
  instance.services.formatter?.add(
    'number',
    (value: number, lng: string | undefined, options: Intl.NumberFormatOptions) =>
      new Intl.NumberFormat(FORMAT_LOCALE[(lng as Language) ?? 'ar'] ?? lng, options).format(value),
  );
  // Identifiers (a voucher's number, a line's) in the language's digits, never grouped: "رقم ١٠٤٢".
  instance.services.formatter?.add('id', (value: number, lng: string | undefined) =>
    new Intl.NumberFormat(FORMAT_LOCALE[(lng as Language) ?? 'ar'] ?? lng, { useGrouping: false }).format(value),
  );
  // Addresses, codes, names and file names keep their own direction inside running text of the
  // other direction: "(@mail.ps)" must not read "(mail.ps@)" in an Arabic sentence.
  instance.services.formatter?.add('isolate', (value: unknown) => isolate(String(value)));
  return instance;
}

/** First-strong isolation (FSI … PDI): the text takes its own direction and leaves its neighbours alone. */
export const isolate = (text: string) => `\u2068${text}\u2069`;
