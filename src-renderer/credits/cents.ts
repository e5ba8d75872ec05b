import type { Language } from '../../src-shared/api/fields';
import { formatNumber } from '../../src-shared/i18n/locale';

/** A price in cents of the licensing server's currency (USD), as "12.50" in the language's digits. */
export const centsText = (language: Language, cents: number) =>
  formatNumber(language, cents / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
