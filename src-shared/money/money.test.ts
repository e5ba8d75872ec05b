import { describe, expect, it } from 'vitest';
import { asciiDigits, parseScaled } from './money';

describe('asciiDigits', () => {
  it.each([
    ['١٢٣٤٥٦٧٨٩٠', '1234567890'],
    ['۱۲۳۴۵۶۷۸۹۰', '1234567890'], // Persian (extended Arabic-Indic) digits
    ['١٢٫٥', '12.5'], // the Arabic decimal mark
    ['1٬234', '1,234'], // the Arabic thousands mark reads as a comma; what it means is parseScaled's to decide
    ['رقم ٤٢', 'رقم 42'],
    ['abc', 'abc'],
  ])('%j → %j', (text, ascii) => expect(asciiDigits(text)).toBe(ascii));
});

describe('parseScaled: what an accountant types into an amount', () => {
  // [typed, decimals of the currency, scaled integer or null (refused, never guessed)]
  const CASES: [string, number, number | null][] = [
    ['12.5', 2, 1250],
    ['١٢٫٥', 2, 1250],
    ['١٢.٥', 2, 1250],
    ['1,234.5', 2, 123450],
    ['1٬234.5', 2, 123450],
    ['١٬٢٣٤٫٥', 2, 123450],
    ['12,345,678', 0, 12345678],
    [' 3 ', 2, 300],
    ['.5', 2, 50],
    ['5.', 2, 500],
    ['0', 2, 0],
    ['-0', 2, 0],
    ['-12.25', 2, -1225],
    ['007', 0, 7],
    ['1.005', 3, 1005], // Jordanian dinar: three decimals
    // A comma that cannot be a thousands mark is refused: "1,5" is 1.5 to some and 15 to others.
    ['1,5', 2, null],
    ['12,34', 2, null],
    ['1,2345', 2, null],
    [',5', 2, null],
    ['1,,234', 2, null],
    ['1.234,5', 2, null],
    // More decimals than the currency has: refused, nothing rounded away.
    ['1.005', 2, null],
    ['12.5', 0, null],
    // Not plain decimal numbers.
    ['1e3', 2, null],
    ['0x10', 2, null],
    ['', 2, null],
    ['-', 2, null],
    ['.', 2, null],
    ['--1', 2, null],
    ['1-', 2, null],
    ['+5', 2, null],
    ['1 2', 2, null],
    ['Infinity', 2, null],
    ['NaN', 2, null],
    // Past what an integer holds exactly.
    ['90071992547409.93', 2, null],
    ['9007199254740993', 0, null],
    ['90071992547409.91', 2, 9007199254740991],
  ];

  it.each(CASES)('%j with %i decimals → %j', (text, digits, expected) => {
    const value = parseScaled(text, digits);
    if (expected === null) expect(value).toBeNull();
    else expect(Object.is(value, expected), `got ${value}`).toBe(true);
  });
});
