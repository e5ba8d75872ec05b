import { describe, expect, it } from 'vitest';
import { ADDRESS_PROBLEMS } from '../../src-shared/email/addresses';
import { ERROR_CODES } from '../../src-shared/errors';
import { PERMISSIONS } from '../../src-shared/users/permissions';
import { ar } from './ar';
import { counted } from './counted';
import { en } from './en';
import { createI18n } from './index';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}
const base = (list: string[]) => [...new Set(list.map((k) => k.replace(PLURAL, '')))].sort();

describe('interface text', () => {
  it('has the same keys in Arabic and English (plural forms aside)', () => {
    expect(base(keys(ar))).toEqual(base(keys(en)));
  });

  it('has a message in both languages for every error code, permission and refused address', () => {
    const needed = [
      ...ERROR_CODES.map((code) => `errors.${code}`),
      ...PERMISSIONS.map((p) => `users.permission.${p}`),
      ...ADDRESS_PROBLEMS.map((problem) => `fieldErrors.email_${problem}`),
    ];
    for (const language of [ar, en]) expect(needed.filter((key) => !keys(language).includes(key))).toEqual([]);
  });

  it('never puts a bare number before an Arabic noun: counted nouns agree through their plural forms', () => {
    // "٥ رسالة" is wrong, "٥ رسائل" right: a count before a noun must come from a plural key (or counted()).
    const invariant = new Set(['من', 'كيلوبايت']); // "٣ من ١٠", a unit
    const strings = (tree: object, prefix = ''): [string, string][] =>
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : strings(v as object, `${prefix}${k}.`),
      );
    const bare = strings(ar)
      .filter(([key]) => !PLURAL.test(key))
      .flatMap(([key, text]) =>
        [...text.matchAll(/\{\{\w+, ?number\}\}\s*([\u0621-\u064A]+)/g)]
          .filter((m) => !invariant.has(m[1]!))
          .map((m) => `${key}: ${m[0]}`),
      );
    expect(bare).toEqual([]);
  });

  it("isolates addresses, codes and names in running text, and writes numbers in the language's digits", () => {
    // Text with its own punctuation (@ . / -) that an opposite-direction sentence would scramble.
    const isolated = ['address', 'to', 'host', 'code', 'folder', 'search', 'error'];
    // Accessible names, never drawn: no direction to keep.
    const unseen = ['mail.removeAddress', 'mail.editAddress'];
    const numeric = ['number', 'n', 'revision', 'position', 'count', 'min', 'max'];
    const loose = [ar, en].flatMap((tree) =>
      keys(tree)
        .filter((key) => !unseen.includes(key))
        .flatMap((key) => {
          const text = key
            .split('.')
            .reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], tree) as string;
          return [...text.matchAll(/\{\{(\w+)(?:, ?(\w+))?\}\}/g)]
            .filter(([, name, format]) =>
              isolated.includes(name!) ? format !== 'isolate' : numeric.includes(name!) && !format,
            )
            .map(([whole]) => `${key}: ${whole}`);
        }),
    );
    expect(loose).toEqual([]);
  });

  it('keeps an address its own direction inside Arabic, and numbers a voucher in Arabic-Indic digits', async () => {
    const i18n = await createI18n('ar');
    expect(i18n.t('fieldErrors.email_space_inside', { position: 2, address: 'ahmad @mail.ps' })).toBe(
      'العنوان رقم ٢ (\u2068ahmad @mail.ps\u2069) فيه مسافة: احذفها.',
    );
    expect(i18n.t('vouchers.edit', { type: 'فاتورة مبيعات', number: 1042 })).toBe('فاتورة مبيعات رقم ١٠٤٢');
  });

  it('counts messages, addresses and credits in Arabic with the right form', async () => {
    const i18n = await createI18n('ar');
    expect([1, 2, 3, 11, 100].map((n) => counted(i18n.t, 'messages', n))).toEqual([
      'رسالة واحدة',
      'رسالتان',
      '٣ رسائل',
      '١١ رسالة',
      '١٠٠ رسالة',
    ]);
    expect(counted(i18n.t, 'decimals', 2)).toBe('منزلتان عشريتان على الأكثر');
    expect(
      i18n.t('bulk.summary', {
        messages: counted(i18n.t, 'messages', 5),
        recipients: counted(i18n.t, 'addresses', 4),
        cost: counted(i18n.t, 'credits', 2),
        balance: '٩',
      }),
    ).toBe('٥ رسائل إلى ٤ عناوين — رصيدان (الرصيد ٩)');
  });

  it('gives every Arabic plural the six forms', () => {
    const arabic = keys(ar);
    for (const key of base(arabic.filter((k) => PLURAL.test(k)))) {
      for (const form of ['zero', 'one', 'two', 'few', 'many', 'other']) expect(arabic).toContain(`${key}_${form}`);
    }
  });

  it('picks Arabic plural forms and Arabic-Indic digits by count', async () => {
    const i18n = await createI18n('ar');
    expect([0, 1, 2, 3, 11, 100].map((count) => i18n.t('cards.count', { count }))).toEqual([
      'لا توجد بطاقات',
      'بطاقة واحدة',
      'بطاقتان',
      '٣ بطاقات',
      '١١ بطاقة',
      '١٠٠ بطاقة',
    ]);
  });

  it('uses English plurals and digits in English', async () => {
    const i18n = await createI18n('en');
    expect([1, 2].map((count) => i18n.t('cards.count', { count }))).toEqual(['1 card', '2 cards']);
  });
});
