import { companyApi } from '../../src-shared/api/company.api';
import { AppError } from '../../src-shared/errors';
import type { DomainHandlers, Services } from '../registry';
import { readCompany, toCompanyInfo, writeCompany } from './company.repo';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const companyHandlers = ({ book: { db }, ports }: Services) =>
  ({
    'company.get': async () => toCompanyInfo(await readCompany(db)),
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
        ...(input.defaultTaxBp === undefined ? {} : { default_tax_bp: input.defaultTaxBp }),
        updated_at: ports.clock.now().toISOString(),
      });
      return toCompanyInfo(await readCompany(db));
    },
  }) satisfies DomainHandlers<typeof companyApi>;
