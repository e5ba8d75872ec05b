import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, parseDayMonthYear } from './day-month-year';

const TODAY = '2026-12-02';

describe('dates typed day first', () => {
  it.each<[string, string | null]>([
    ['1/11', '2026-11-01'],
    ['01/11/2026', '2026-11-01'],
    ['1/11/26', '2026-11-01'],
    ['١/١١/٢٠٢٦', '2026-11-01'],
    ['١٫١١٫٢٠٢٦', '2026-11-01'], // the Arabic decimal mark, typed as a separator
    ['1-11-2026', '2026-11-01'],
    ['1.11.2026', '2026-11-01'],
    ['1 11 2026', '2026-11-01'],
    [' 31/12 ', '2026-12-31'],
    ['29/2/2028', '2028-02-29'],
    ['2026-11-01', '2026-11-01'], // ISO cannot be misread
    ['12/02/2026', '2026-02-12'], // day first, always
    ['29/2/2026', null],
    ['31/4/2026', null],
    ['0/1/2026', null],
    ['1/13/2026', null],
    ['11/01/2026x', null],
    ['', null],
    ['1/11/202', null],
    ['tomorrow', null],
  ])('%j → %j', (typed, iso) => expect(parseDayMonthYear(typed, TODAY)).toBe(iso));
});

describe('dates shown day first in the interface’s digits', () => {
  it('shows Arabic-Indic digits in Arabic and Latin ones in English, day/month/year in both', () => {
    expect(formatDayMonthYear('2026-11-01', 'ar')).toBe('٠١/١١/٢٠٢٦');
    expect(formatDayMonthYear('2026-11-01', 'en')).toBe('01/11/2026');
    expect(formatDayMonthYear('', 'ar')).toBe('');
  });

  it('reads back what it shows', () => {
    for (const iso of ['2026-01-31', '2026-11-01', '2028-02-29'])
      for (const language of ['ar', 'en'] as const)
        expect(parseDayMonthYear(formatDayMonthYear(iso, language), TODAY)).toBe(iso);
  });
});
