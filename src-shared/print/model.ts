import type { CompanyInfo } from '../api/company.api';
import type { Language } from '../api/fields';
import type { Party } from '../api/parties.api';
import type { Statement } from '../api/reports.api';
import type { Voucher } from '../api/vouchers.api';

/** Full TTF fonts as base64, embedded in every page so the PDF carries them. */
export interface PrintFonts {
  arabicRegular: string;
  arabicBold: string;
  latinRegular: string;
  latinBold: string;
}

export type PrintParty = Pick<Party, 'name' | 'code' | 'kind' | 'phone' | 'address' | 'taxNumber'>;

export type PrintModel =
  | { kind: 'voucher'; language: Language; company: CompanyInfo; party: PrintParty; voucher: Voucher }
  | { kind: 'accountStatement' | 'employeeStatement'; language: Language; company: CompanyInfo; party: PrintParty; statement: Statement };
