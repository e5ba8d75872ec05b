import type { Language } from '../api/fields';
import { formatId } from '../i18n/locale';
import { asciiDigits } from '../money/money';

/**
 * Dates as an accountant here reads and types them: day/month/year, in the interface's digits,
 * whatever the browser's or the system's locale. The book keeps ISO dates (YYYY-MM-DD).
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 2026-11-01 → "01/11/2026" (English) or "٠١/١١/٢٠٢٦" (Arabic). Empty stays empty. */
export function formatDayMonthYear(iso: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return '';
  const [, y, m, d] = match;
  const digits = (text: string) => (language === 'ar' ? text.replace(/\d/g, (c) => formatId('ar', Number(c))) : text);
  return digits(`${d}/${m}/${y}`);
}

function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last || year < 1900 || year > 2999) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * What was typed, as an ISO date, or null when it is not a date. Day first: "1/11" (this
 * year), "1/11/26", "١/١١/٢٠٢٦", with "/", "-", "." or a space between; an ISO date
 * ("2026-11-01") is taken as it is, since it cannot be misread.
 */
export function parseDayMonthYear(text: string, today: string): string | null {
  const clean = asciiDigits(text.trim()).replace(/[\u200e\u200f\u061c]/g, '');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(clean);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const parts = /^(\d{1,2})[/.\-\s](\d{1,2})(?:[/.\-\s](\d{2}|\d{4}))?$/.exec(clean);
  if (!parts) return null;
  const [, d, m, y] = parts;
  const thisYear = Number(today.slice(0, 4));
  const year = y === undefined ? thisYear : y.length === 2 ? 2000 + Number(y) : Number(y);
  return isoOf(year, Number(m), Number(d));
}
