import { describe, expect, it } from 'vitest';
import { amountInWords } from './words';

describe('amountInWords in Arabic', () => {
  it.each([
    [100, 'ILS', 'فقط شيكل واحد لا غير'],
    [200, 'ILS', 'فقط شيكلان لا غير'],
    [300, 'ILS', 'فقط ثلاثة شواكل لا غير'],
    [1100, 'ILS', 'فقط أحد عشر شيكلا لا غير'],
    [10000, 'ILS', 'فقط مائة شيكل لا غير'],
    [125075, 'ILS', 'فقط ألف ومائتان وخمسون شيكلا وخمس وسبعون أغورة لا غير'],
    [150, 'ILS', 'فقط شيكل واحد وخمسون أغورة لا غير'],
    [5, 'ILS', 'فقط خمس أغورات لا غير'],
    [0, 'ILS', 'فقط صفر شيكل لا غير'],
    [250000, 'USD', 'فقط ألفان وخمسمائة دولار لا غير'],
    [1500, 'JOD', 'فقط دينار واحد وخمسمائة فلس لا غير'],
    [300000000, 'ILS', 'فقط ثلاثة ملايين شيكل لا غير'],
  ])('%d %s', (minor, currency, words) => expect(amountInWords(minor, currency, 'ar')).toBe(words));
});

describe('agorot agree with their feminine noun, from 3 to 99', () => {
  // Written out by hand: the number before أغورة takes the feminine form in every part.
  it.each([
    [3, 'ثلاث أغورات'],
    [8, 'ثماني أغورات'],
    [10, 'عشر أغورات'],
    [11, 'إحدى عشرة أغورة'],
    [12, 'اثنتا عشرة أغورة'],
    [13, 'ثلاث عشرة أغورة'],
    [18, 'ثماني عشرة أغورة'],
    [19, 'تسع عشرة أغورة'],
    [20, 'عشرون أغورة'],
    [21, 'إحدى وعشرون أغورة'],
    [22, 'اثنتان وعشرون أغورة'],
    [23, 'ثلاث وعشرون أغورة'],
    [36, 'ست وثلاثون أغورة'],
    [47, 'سبع وأربعون أغورة'],
    [58, 'ثمانٍ وخمسون أغورة'],
    [64, 'أربع وستون أغورة'],
    [75, 'خمس وسبعون أغورة'],
    [89, 'تسع وثمانون أغورة'],
    [99, 'تسع وتسعون أغورة'],
  ])('%d', (agorot, words) => expect(amountInWords(agorot, 'ILS', 'ar')).toBe(`فقط ${words} لا غير`));

  it('never puts a masculine unit before أغورة, anywhere from 3 to 99', () => {
    const masculine = /(^|فقط |و)(واحد|اثنان|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة) /;
    for (let n = 3; n <= 99; n++) expect(amountInWords(n, 'ILS', 'ar'), String(n)).not.toMatch(masculine);
  });

  it('keeps masculine nouns masculine (cents, fils)', () => {
    expect(amountInWords(58, 'USD', 'ar')).toBe('فقط ثمانية وخمسون سنتا لا غير');
    expect(amountInWords(75, 'JOD', 'ar')).toBe('فقط خمسة وسبعون فلسا لا غير');
  });
});

describe('amountInWords in English', () => {
  it.each([
    [100, 'ILS', 'One shekel only'],
    [125075, 'ILS', 'One thousand two hundred fifty shekels and seventy five agorot only'],
    [1, 'USD', 'One cent only'],
    [1500, 'JOD', 'One Jordanian dinar and five hundred fils only'],
    [-200, 'EUR', 'Minus two euros only'],
  ])('%d %s', (minor, currency, words) => expect(amountInWords(minor, currency, 'en')).toBe(words));

  it('writes any other currency by its code', () => {
    expect(amountInWords(12345, 'EGP', 'en')).toBe('One hundred twenty three EGP and 45/100 only');
  });
});
