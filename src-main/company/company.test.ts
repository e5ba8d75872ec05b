import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompanyInfo } from '../../src-shared/api/company.api';
import { testCore, type TestCore } from '../../test-support/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await testCore();
});
afterEach(() => t.close());

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const info = (over: Partial<CompanyInfo> = {}): CompanyInfo => ({
  nameAr: 'شركة دفتر للتجارة',
  nameEn: 'Daftar Trading Co.',
  address: 'نابلس، شارع فيصل',
  phone: '09-2345678',
  taxNumber: '563412789',
  logo: PNG,
  defaultCurrency: 'ILS',
  defaultTaxBp: 1600,
  ...over,
});

describe('company', () => {
  it('starts blank with a default currency', async () => {
    expect(await t.ok('company.get', {})).toEqual({
      nameAr: '',
      nameEn: '',
      address: '',
      phone: '',
      taxNumber: '',
      logo: null,
      defaultCurrency: 'ILS',
      defaultTaxBp: 0,
    });
  });

  it('keeps the default tax rate when a save leaves it out, and refuses one above 100 %', async () => {
    await t.ok('company.save', info({ defaultTaxBp: 1600 }));
    const { defaultTaxBp: _left, ...without } = info();
    expect(await t.ok('company.save', { ...without, phone: '02-1111111' })).toMatchObject({ defaultTaxBp: 1600 });
    expect((await t.fail('company.save', info({ defaultTaxBp: 10_001 }))).details.fields).toEqual([
      { path: 'defaultTaxBp', reason: 'too_big', params: { max: 10_000 } },
    ]);
  });

  it('saves and reads back the company info, logo included', async () => {
    expect(await t.ok('company.save', info())).toEqual(info());
    expect(await t.ok('company.get', {})).toEqual(info());
    expect(await t.ok('company.save', info({ logo: null, defaultCurrency: 'USD' }))).toMatchObject({
      logo: null,
      defaultCurrency: 'USD',
    });
  });

  it('refuses an unknown currency, a missing Arabic name and a logo that is not a PNG/JPEG data URL', async () => {
    expect((await t.fail('company.save', info({ defaultCurrency: 'XYZ' }))).details.fields).toEqual([
      { path: 'defaultCurrency', reason: 'unknown_currency', params: { currency: 'XYZ' } },
    ]);
    expect((await t.fail('company.save', info({ defaultCurrency: 'usd' }))).details.fields).toEqual([
      { path: 'defaultCurrency', reason: 'invalid_format' },
    ]);
    expect((await t.fail('company.save', info({ nameAr: '   ' }))).details.fields).toEqual([
      { path: 'nameAr', reason: 'required' },
    ]);
    expect((await t.fail('company.save', info({ logo: 'data:image/svg+xml;base64,PHN2Zz4=' }))).details.fields).toEqual(
      [{ path: 'logo', reason: 'invalid_format' }],
    );
    expect(await t.ok('company.get', {})).toMatchObject({ nameAr: '' });
  });
});

describe('settings', () => {
  const base = { language: 'ar', showSaveOptions: false, confirmTotalAbove: 1_000_000 };
  it('defaults to Arabic with save options off, asking before a total above a million', async () => {
    expect(await t.ok('settings.get', {})).toEqual(base);
  });

  it('saves part of the properties, keeps the rest, and announces the change', async () => {
    expect(await t.ok('settings.save', { showSaveOptions: true })).toEqual({ ...base, showSaveOptions: true });
    expect(await t.ok('settings.save', { language: 'en', confirmTotalAbove: 0 })).toEqual({
      language: 'en',
      showSaveOptions: true,
      confirmTotalAbove: 0,
    });
    expect(t.events.at(-1)).toEqual({
      name: 'settings.changed',
      payload: { language: 'en', showSaveOptions: true, confirmTotalAbove: 0 },
    });
  });

  it('persists across reopening the book', async () => {
    const disk = await testCore({ onDisk: true });
    await disk.ok('settings.save', { language: 'en', showSaveOptions: true, confirmTotalAbove: 5000 });
    await disk.core.close();
    const reopened = await testCore({ ...disk.sameBook, bookFile: undefined });
    expect(await reopened.ok('settings.get', {})).toEqual({
      language: 'en',
      showSaveOptions: true,
      confirmTotalAbove: 5000,
    });
    await reopened.close();
  });

  it('refuses an unknown language', async () => {
    expect((await t.fail('settings.save', { language: 'fr' })).details.fields).toEqual([
      { path: 'language', reason: 'invalid_choice' },
    ]);
  });
});
