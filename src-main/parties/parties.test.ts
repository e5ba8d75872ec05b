import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PartySaveInput } from '../../src-shared/api/parties.api';
import { testCore, type TestCore } from '../../test-support/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await testCore();
});
afterEach(() => t.close());

const card = (over: Partial<PartySaveInput> = {}): PartySaveInput => ({
  kind: 'customer',
  code: '1',
  name: 'شركة النور للتجارة',
  phone: '0599000000',
  address: 'رام الله',
  taxNumber: '562233',
  jobTitle: '',
  notes: '',
  emails: 'a@x.ps,b@x.ps',
  ...over,
});

describe('parties.save', () => {
  it('creates a card, answers it with id and times, and announces it', async () => {
    const saved = await t.ok('parties.save', card());
    expect(saved).toMatchObject({
      kind: 'customer',
      code: '1',
      name: 'شركة النور للتجارة',
      emails: 'a@x.ps,b@x.ps',
      archived: false,
    });
    expect(saved.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(saved.createdAt).toBe('2026-11-27T08:00:00.000Z');
    expect(t.events).toEqual([{ name: 'parties.changed', payload: { id: saved.id, kind: 'customer' } }]);
  });

  it('accepts ; spaces and new lines, stores the addresses comma-separated, drops duplicates', async () => {
    const saved = await t.ok('parties.save', card({ emails: 'a@x.ps; b@x.ps\nA@X.ps  info@مثال.فلسطين' }));
    expect(saved.emails).toBe('a@x.ps,b@x.ps,info@مثال.فلسطين');
  });

  it('refuses a bad address naming it and its position, and saves nothing', async () => {
    const error = await t.fail('parties.save', card({ emails: 'a@x.ps, bad@nodot, c@x.ps' }));
    expect(error).toMatchObject({
      code: 'invalid_input',
      details: {
        fields: [{ path: 'emails', reason: 'email_domain_no_dot', params: { address: 'bad@nodot', position: 2 } }],
      },
    });
    expect(await t.ok('parties.list', { kind: 'customer' })).toEqual({ items: [], total: 0 });
  });

  it('requires code and name (blank after trimming counts as missing)', async () => {
    const error = await t.fail('parties.save', card({ code: '  ', name: ' ' }));
    expect(error.details.fields).toEqual([
      { path: 'code', reason: 'required' },
      { path: 'name', reason: 'required' },
    ]);
  });

  it('refuses control characters in a one-line field and over-long fields', async () => {
    expect((await t.fail('parties.save', card({ name: 'a\nb' }))).details.fields).toEqual([
      { path: 'name', reason: 'invalid_format' },
    ]);
    expect((await t.fail('parties.save', card({ phone: '1'.repeat(61) }))).details.fields).toEqual([
      { path: 'phone', reason: 'too_long', params: { max: 60 } },
    ]);
  });

  it('keeps codes unique per kind but allows the same code in another kind', async () => {
    await t.ok('parties.save', card());
    const error = await t.fail('parties.save', card({ name: 'other' }));
    expect(error).toMatchObject({
      code: 'conflict',
      details: { fields: [{ path: 'code', reason: 'code_taken', params: { code: '1' } }] },
    });
    await expect(t.ok('parties.save', card({ kind: 'supplier' }))).resolves.toMatchObject({
      kind: 'supplier',
      code: '1',
    });
  });

  it('edits a card in place and refuses to change its kind or take another code', async () => {
    const a = await t.ok('parties.save', card());
    await t.ok('parties.save', card({ code: '2', name: 'Second' }));
    t.ports.clock.time = new Date('2026-11-28T09:00:00Z');
    const edited = await t.ok('parties.save', card({ id: a.id, name: 'شركة النور', emails: 'new@x.ps' }));
    expect(edited).toMatchObject({
      id: a.id,
      name: 'شركة النور',
      emails: 'new@x.ps',
      createdAt: a.createdAt,
      updatedAt: '2026-11-28T09:00:00.000Z',
    });
    expect((await t.fail('parties.save', card({ id: a.id, kind: 'supplier' }))).details.fields).toEqual([
      { path: 'kind', reason: 'kind_changed' },
    ]);
    expect((await t.fail('parties.save', card({ id: a.id, code: '2' }))).code).toBe('conflict');
    expect((await t.fail('parties.save', card({ id: '01JUNKNOWN' }))).code).toBe('not_found');
  });

  it('keeps tax number for customers only and job title for employees only', async () => {
    const employee = await t.ok('parties.save', card({ kind: 'employee', taxNumber: '99', jobTitle: 'محاسب' }));
    expect(employee).toMatchObject({ taxNumber: '', jobTitle: 'محاسب' });
    const customer = await t.ok('parties.save', card({ code: '7', jobTitle: 'x' }));
    expect(customer).toMatchObject({ taxNumber: '562233', jobTitle: '' });
  });
});

describe('parties.list', () => {
  beforeEach(async () => {
    await t.ok('parties.save', card({ code: '1', name: 'مؤسسة الأمل', emails: 'amal@x.ps' }));
    await t.ok('parties.save', card({ code: '2', name: 'Bright Trading', emails: 'sales@bright.com' }));
    await t.ok('parties.save', card({ code: '3', name: 'شركة إسراء', phone: '٠٥٩٩١٢٣' }));
    await t.ok('parties.save', card({ kind: 'supplier', code: '1', name: 'مورد' }));
  });

  const names = async (search: string, more: object = {}) =>
    (await t.ok('parties.list', { kind: 'customer', search, ...more })).items.map((p) => p.name);

  it('lists one kind ordered by name with a total', async () => {
    const all = await t.ok('parties.list', { kind: 'customer' });
    expect(all.total).toBe(3);
    expect(all.items.map((p) => p.name)).toEqual(['Bright Trading', 'شركة إسراء', 'مؤسسة الأمل']);
  });

  it('searches Arabic ignoring hamza forms and Latin ignoring case', async () => {
    expect(await names('الامل')).toEqual(['مؤسسة الأمل']);
    expect(await names('اسراء')).toEqual(['شركة إسراء']);
    expect(await names('BRIGHT')).toEqual(['Bright Trading']);
  });

  it('searches by code, email and phone (Arabic-Indic digits match ASCII ones)', async () => {
    expect(await names('sales@')).toEqual(['Bright Trading']);
    expect(await names('0599123')).toEqual(['شركة إسراء']);
  });

  it('treats % and _ in the search as plain characters', async () => {
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual([]);
  });

  it('pages with limit and offset', async () => {
    const page = await t.ok('parties.list', { kind: 'customer', limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ name: 'شركة إسراء' }] });
  });
});

describe('parties.setArchived, parties.get, parties.suggestCode', () => {
  it('archives a card out of the list and back again, keeping it readable', async () => {
    const a = await t.ok('parties.save', card());
    const archived = await t.ok('parties.setArchived', { id: a.id, archived: true });
    expect(archived.archived).toBe(true);
    expect((await t.ok('parties.list', { kind: 'customer' })).total).toBe(0);
    expect((await t.ok('parties.list', { kind: 'customer', includeArchived: true })).total).toBe(1);
    expect(await t.ok('parties.get', { id: a.id })).toMatchObject({ archived: true });
    expect(await t.ok('parties.setArchived', { id: a.id, archived: false })).toMatchObject({ archived: false });
    expect((await t.fail('parties.setArchived', { id: 'NOPE', archived: true })).code).toBe('not_found');
  });

  it('deletes an unused card, and refuses to delete one a voucher uses (archive instead)', async () => {
    const unused = await t.ok('parties.save', card({ code: '5' }));
    expect(await t.ok('parties.delete', { id: unused.id })).toEqual({ id: unused.id });
    expect((await t.fail('parties.get', { id: unused.id })).code).toBe('not_found');

    const used = await t.ok('parties.save', card({ code: '6' }));
    await t.ok('vouchers.save', {
      type: 'sales_invoice',
      date: '2026-01-01',
      partyId: used.id,
      currency: 'ILS',
      language: 'ar',
      notes: '',
      lines: [{ description: 'x', quantityMilli: 1000, unitPriceMinor: 100, discountBp: 0, taxBp: 0 }],
    });
    expect(await t.fail('parties.delete', { id: used.id })).toMatchObject({
      code: 'conflict',
      details: { reason: 'party_in_use', vouchers: 1 },
    });
    expect(await t.ok('parties.get', { id: used.id })).toMatchObject({ archived: false });
  });

  it('answers not_found for an unknown id', async () => {
    expect(await t.fail('parties.get', { id: 'NOPE' })).toMatchObject({ code: 'not_found' });
  });

  it('suggests the next numeric code per kind, ignoring codes that are not numbers', async () => {
    expect(await t.ok('parties.suggestCode', { kind: 'customer' })).toEqual({ code: '1' });
    await t.ok('parties.save', card({ code: '41' }));
    await t.ok('parties.save', card({ code: 'VIP-900' }));
    await t.ok('parties.save', card({ code: '9' }));
    expect(await t.ok('parties.suggestCode', { kind: 'customer' })).toEqual({ code: '42' });
    expect(await t.ok('parties.suggestCode', { kind: 'employee' })).toEqual({ code: '1' });
  });
});
