import { z } from 'zod';
import { defineCall } from './define';
import { line, multiline, noInput, requiredLine } from './fields';

/** A logo as a data URL; PNG or JPEG up to about 512 KB. */
export const LOGO_MAX_CHARS = 700_000;
export const logo = z
  .string()
  .max(LOGO_MAX_CHARS)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/);

export const companyInfo = z.object({
  /** Blank only until the company is first saved. */
  nameAr: line(200),
  nameEn: line(200),
  address: multiline(500),
  phone: line(60),
  taxNumber: line(40),
  logo: logo.nullable(),
  /** ISO 4217 code, e.g. ILS, USD, JOD. */
  defaultCurrency: z.string().regex(/^[A-Z]{3}$/),
  /** The tax rate new invoice lines start with, in basis points (1600 = 16 %); 0: none. */
  defaultTaxBp: z.int().min(0).max(10_000),
});
export type CompanyInfo = z.infer<typeof companyInfo>;

export const companyApi = {
  'company.get': defineCall({
    permission: 'signed-in',
    summary: 'Company info printed on every document.',
    input: noInput,
    output: companyInfo,
  }),
  'company.save': defineCall({
    permission: 'edit_company',
    summary: 'Replace the company info.',
    // The default tax rate may be left out (older callers): it then stays as it was.
    input: companyInfo
      .extend({ nameAr: requiredLine(200), defaultTaxBp: companyInfo.shape.defaultTaxBp.optional() })
      .strict(),
    output: companyInfo,
  }),
};
