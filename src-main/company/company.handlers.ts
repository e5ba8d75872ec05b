import type { CompanyInfo } from '../../src-shared/api/company.api';
import { companyApi } from '../../src-shared/api/company.api';
import { AppError } from '../../src-shared/errors';
import type { DomainHandlers, Services } from '../registry';
import { readCompany, writeCompany, type CompanyRow } from './company.repo';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const toCompany = (row: CompanyRow): CompanyInfo => ({
  nameAr: row.name_ar,
  nameEn: row.name_en,
  address: row.address,
  phone: row.phone,
  taxNumber: row.tax_number,
  logo: row.logo,
  defaultCurrency: row.default_currency,
});

export const companyHandlers = ({ book: { db }, ports }: Services) =>
  ({
    'company.get': async () => toCompany(await readCompany(db)),
    'company.save': async (input) => {
      const nameAr = input.nameAr.trim();
      if (!nameAr) throw AppError.invalidField('nameAr', 'required');
      if (!CURRENCIES.has(input.defaultCurrency)) {
        throw AppError.invalidField('defaultCurrency', 'unknown_currency', { currency: input.defaultCurrency });
      }
      await writeCompany(db, {
        name_ar: nameAr,
        name_en: input.nameEn.trim(),
        address: input.address.trim(),
        phone: input.phone.trim(),
        tax_number: input.taxNumber.trim(),
        logo: input.logo,
        default_currency: input.defaultCurrency,
        updated_at: ports.clock.now().toISOString(),
      });
      return toCompany(await readCompany(db));
    },
  }) satisfies DomainHandlers<typeof companyApi>;
