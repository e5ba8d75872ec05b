import { describe, expect, it } from 'vitest';
import {
  ADDRESS_PROBLEMS,
  joinAddressList,
  parseAddressList,
  splitAddressList,
  validateAddress,
  type AddressProblem,
} from './addresses';

const long = (n: number, ch = 'a') => ch.repeat(n);

// [input, expected ASCII form, or the problem]
const CASES: [string, string | AddressProblem][] = [
  // valid
  ['a@x.ps', 'a@x.ps'],
  ['ahmad.saleh@company.ps', 'ahmad.saleh@company.ps'],
  ['first+tag@mail.example.com', 'first+tag@mail.example.com'],
  ["o'brien@example.ie", "o'brien@example.ie"],
  ['user_name-1@sub-domain.example.org', 'user_name-1@sub-domain.example.org'],
  ['UPPER@EXAMPLE.COM', 'UPPER@example.com'],
  ['x@a.b.c.d.example', 'x@a.b.c.d.example'],
  ['1234@123.example', '1234@123.example'],
  ['!#$%&*+-/=?^_`{|}~@example.com', '!#$%&*+-/=?^_`{|}~@example.com'],
  ['"john doe"@example.com', '"john doe"@example.com'],
  ['"a@b"@example.com', '"a@b"@example.com'],
  ['"quote\\"inside"@example.com', '"quote\\"inside"@example.com'],
  ['info@مثال.فلسطين', 'info@xn--mgbh0fb.xn--ygbi2ammx'],
  ['user@münchen.de', 'user@xn--mnchen-3ya.de'],
  ['user@bücher.example', 'user@xn--bcher-kva.example'],
  ['a@xn--mgbh0fb.xn--ygbi2ammx', 'a@xn--mgbh0fb.xn--ygbi2ammx'],
  [`${long(64)}@example.com`, `${long(64)}@example.com`],
  [`a@${long(63)}.com`, `a@${long(63)}.com`],
  // invalid: structure
  ['plainaddress', 'no_at'],
  ['ahmad @mail.ps', 'space_inside'],
  ['@example.com', 'local_empty'],
  ['user@', 'domain_empty'],
  ['user@localhost', 'domain_no_dot'],
  ['user@.example.com', 'domain_invalid'],
  ['user@example..com', 'domain_invalid'],
  ['user@example.com.', 'domain_invalid'],
  ['user@-example.com', 'domain_invalid'],
  ['user@example-.com', 'domain_invalid'],
  ['user@exa_mple.com', 'domain_invalid'],
  ['user@192.168.1.1', 'domain_invalid'],
  ['user@[192.168.1.1]', 'domain_literal'],
  ['user@exa mple.com'.replace(' ', '%20'), 'domain_invalid'],
  ['.user@example.com', 'local_invalid'],
  ['user.@example.com', 'local_invalid'],
  ['us..er@example.com', 'local_invalid'],
  ['us(er)@example.com', 'local_invalid'],
  ['us:er@example.com', 'local_invalid'],
  ['"unterminated@example.com', 'unterminated_quote'],
  ['أحمد@example.com', 'local_non_ascii'],
  // invalid: lengths (RFC 5321)
  [`${long(65)}@example.com`, 'local_too_long'],
  [`a@${long(64)}.com`, 'domain_label_too_long'],
  [`a@${Array(60).fill('abcd').join('.')}.com`, 'domain_too_long'],
  [`${long(64)}@${Array(47).fill('abcd').join('.')}.com`, 'too_long'],
  // invalid: control characters and header injection
  ['"a\r\nbcc: x"@example.com', 'control_char'],
  ['a@exam\u0000ple.com', 'control_char'],
  ['a\u0007@example.com', 'control_char'],
  ['a@example.com\u007f', 'control_char'],
  ['a@example.com\u0085', 'control_char'],
];

describe('validateAddress', () => {
  it('has a case in the table for every problem it can report', () => {
    const reached = new Set(CASES.map(([, expected]) => expected));
    expect(ADDRESS_PROBLEMS.filter((problem) => !reached.has(problem))).toEqual([]);
  });

  it.each(CASES)('%j → %s', (input, expected) => {
    const result = validateAddress(input);
    if (expected.includes('@')) expect(result).toMatchObject({ ascii: expected });
    else expect(result).toBe(expected);
  });

  it('keeps the Unicode domain for display and the ASCII one for sending', () => {
    expect(validateAddress('Info@مثال.فلسطين')).toEqual({
      address: 'Info@مثال.فلسطين',
      ascii: 'Info@xn--mgbh0fb.xn--ygbi2ammx',
    });
  });
});

describe('parseAddressList', () => {
  it('splits on commas, semicolons, Arabic commas, spaces and new lines', () => {
    const result = parseAddressList('a@x.ps,b@x.ps; c@x.ps\nd@x.ps\t e@x.ps،f@x.ps');
    expect(result.ok && result.addresses.map((a) => a.address)).toEqual([
      'a@x.ps',
      'b@x.ps',
      'c@x.ps',
      'd@x.ps',
      'e@x.ps',
      'f@x.ps',
    ]);
  });

  it('keeps a quoted local part with a space in one piece', () => {
    expect(splitAddressList('"john doe"@x.ps, a@x.ps')).toEqual(['"john doe"@x.ps', 'a@x.ps']);
  });

  it('drops duplicates, comparing case-insensitively on the ASCII form', () => {
    const result = parseAddressList('a@x.ps, A@X.PS, info@مثال.فلسطين, info@xn--mgbh0fb.xn--ygbi2ammx');
    expect(result).toMatchObject({ ok: true, duplicatesDropped: ['A@x.ps', 'info@xn--mgbh0fb.xn--ygbi2ammx'] });
    expect(result.ok && joinAddressList(result.addresses)).toBe('a@x.ps,info@مثال.فلسطين');
  });

  it('names every bad address and its position', () => {
    expect(parseAddressList('good@x.ps, bad@, also good@x.ps')).toEqual({
      ok: false,
      errors: [
        { position: 2, address: 'bad@', problem: 'domain_empty' },
        { position: 3, address: 'also', problem: 'no_at' },
      ],
    });
  });

  it('says once that a space sits inside an address, at its own position, numbering the rest right', () => {
    for (const typed of ['ahmad @mail.ps', 'ahmad@ mail.ps', 'ahmad  @  mail.ps'])
      expect(parseAddressList(`a@x.ps, ${typed}, b@x.ps`)).toEqual({
        ok: false,
        errors: [{ position: 2, address: typed, problem: 'space_inside' }],
      });
  });

  it('turns a header injection attempt into errors, never into extra headers', () => {
    const result = parseAddressList('a@x.ps\r\nBcc: evil@x.ps');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.address)).toEqual(['Bcc:']);
  });

  it('answers an empty list for an empty field', () => {
    expect(parseAddressList('  , ;\n')).toEqual({ ok: true, addresses: [], duplicatesDropped: [] });
  });

  it('refuses more addresses than the limit', () => {
    const many = Array.from({ length: 4 }, (_, i) => `u${i}@x.ps`).join(',');
    expect(parseAddressList(many, 3)).toEqual({ ok: false, errors: [], tooMany: 3 });
  });
});
