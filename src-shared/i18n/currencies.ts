import type { Language } from '../api/fields';

/**
 * Currencies as people here say them ("شيكل ₪", not "ILS — شيكل إسرائيلي جديد"); others by
 * their standard name. The code stays beside the name where several could be meant.
 */
const SPOKEN: Record<string, Record<Language, string>> = {
  ILS: { ar: 'شيكل ₪', en: 'Shekel ₪' },
  USD: { ar: 'دولار $', en: 'US dollar $' },
  JOD: { ar: 'دينار أردني', en: 'Jordanian dinar' },
  EUR: { ar: 'يورو €', en: 'Euro €' },
  EGP: { ar: 'جنيه مصري', en: 'Egyptian pound' },
};

export function currencyLabel(code: string, language: Language): string {
  const spoken = SPOKEN[code]?.[language];
  if (spoken) return spoken;
  const name = new Intl.DisplayNames([language], { type: 'currency' }).of(code);
  return name && name !== code ? `${name} (${code})` : code;
}
