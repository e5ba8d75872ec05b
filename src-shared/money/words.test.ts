import { describe, expect, it } from 'vitest';
import { amountInWords } from './words';

describe('amountInWords in Arabic', () => {
  it.each([
    [100, 'ILS', 'فقط شيكل واحد لا غير'],
    [200, 'ILS', 'فقط شيكلان لا غير'],
    [300, 'ILS', 'فقط ثلاثة شواكل لا غير'],
    [1100, 'ILS', 'فقط أحد عشر شيكلا لا غير'],
    [10000, 'ILS', 'فقط مائة شيكل لا غير'],
    [125075, 'ILS', 'فقط ألف ومائتان وخمسون شيكلا وخمسة وسبعون أغورة لا غير'],
    [150, 'ILS', 'فقط شيكل واحد وخمسون أغورة لا غير'],
    [5, 'ILS', 'فقط خمس أغورات لا غير'],
    [0, 'ILS', 'فقط صفر شيكل لا غير'],
    [250000, 'USD', 'فقط ألفان وخمسمائة دولار لا غير'],
    [1500, 'JOD', 'فقط دينار واحد وخمسمائة فلس لا غير'],
    [300000000, 'ILS', 'فقط ثلاثة ملايين شيكل لا غير'],
  ])('%d %s', (minor, currency, words) => expect(amountInWords(minor, currency, 'ar')).toBe(words));
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
