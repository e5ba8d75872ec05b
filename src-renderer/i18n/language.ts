import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/api/fields';

/** The interface language i18next is showing: Arabic unless it is English. */
export const languageOf = (i18n: Pick<i18n, 'language'>): Language => (i18n.language === 'en' ? 'en' : 'ar');

/** The interface language, for components that format numbers, dates and names. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return languageOf(i18n);
}
