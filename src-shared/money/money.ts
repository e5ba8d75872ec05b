import type { Language } from '../api/fields';
import { FORMAT_LOCALE } from '../i18n/locale';
import { dateTimeFormat, numberFormat } from '../i18n/formatters';

/**
 * Money is an integer count of minor units (agorot, cents, fils) with a currency code.
 * These helpers move between that and what people type and read.
 */

const digitsCache = new Map<string, number>();

/** Decimal places of a currency: 2 for ILS/USD/EUR, 3 for JOD, 0 for JPY. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Western digits for Arabic-Indic and Persian ones, "." for the Arabic decimal mark (٫) and
 * "," for the Arabic thousands mark (٬). Nothing else changes: what a comma or a space means
 * is for the parser to decide.
 */
export function asciiDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, '.')
    .replace(/\u066C/g, ',');
}

/** A plain decimal: an optional minus, the whole part (commas only between groups of three), a fraction. */
const DECIMAL = /^(-?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

/**
 * Parse a typed decimal ("1,250.5", "١٬٢٥٠٫٥") into an integer scaled by 10^digits.
 * Null when it is not a number, has more decimals than allowed (nothing is rounded away
 * silently), or has a comma that cannot be a thousands mark ("1,5" is 1.5 to some and 15
 * to others: refused, never guessed).
 */
export function parseScaled(text: string, digits: number): number | null {
  const match = DECIMAL.exec(asciiDigits(text.trim()));
  if (!match) return null;
  const [, sign, grouped = '', fraction = ''] = match;
  const whole = grouped.replace(/,/g, '');
  if (!whole && !fraction) return null;
  if (fraction.length > digits) return null;
  const value = Number(`${whole || '0'}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(value)) return null;
  // "-0" is zero, not negative zero.
  return sign && value !== 0 ? -value : value;
}

/** The exact decimal text of a scaled integer: 125050, 2 → "1250.50". */
export function scaledToString(value: number, digits: number): string {
  const negative = value < 0;
  const text = String(Math.abs(value)).padStart(digits + 1, '0');
  const whole = digits ? text.slice(0, -digits) : text;
  const fraction = digits ? `.${text.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

// ICU puts bidi marks (RLM, ALM) into Arabic dates and negative numbers; we isolate
// numbers in the layout instead, so the text stays plain (and reads back from a PDF intact).
const BIDI_MARKS = /[\u200e\u200f\u061c]/g;
export const stripBidiMarks = (text: string) => text.replace(BIDI_MARKS, '');

/** 125050 ILS in Arabic → "١٬٢٥٠٫٥٠"; in English → "1,250.50". No currency sign (shown beside it). */
export function formatMinor(minor: number, currency: string, language: Language): string {
  const digits = minorDigits(currency);
  return stripBidiMarks(
    numberFormat(FORMAT_LOCALE[language], {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(Number(scaledToString(minor, digits))),
  );
}

/** Quantities are thousandths (up to 3 decimals): 2500 → "2.5" / "٢٫٥". */
export function formatQuantity(milli: number, language: Language): string {
  return numberFormat(FORMAT_LOCALE[language], { maximumFractionDigits: 3 }).format(milli / 1000);
}

/** A date (YYYY-MM-DD) for people: 27/11/2026 or ٢٧‏/١١‏/٢٠٢٦. */
export function formatDate(isoDate: string, language: Language): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return stripBidiMarks(
    dateTimeFormat(FORMAT_LOCALE[language], {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y!, m! - 1, d!))),
  );
}
