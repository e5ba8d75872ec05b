import type { CompanyInfo } from '../api/company.api';
import type { Language } from '../api/fields';
import { PRINT_LABELS } from './labels';

/** The company block at the top of every document. */
export function Letterhead({ company, language }: { company: CompanyInfo; language: Language }) {
  const l = PRINT_LABELS[language];
  const name = language === 'en' && company.nameEn ? company.nameEn : company.nameAr || company.nameEn;
  const other = language === 'en' ? company.nameAr : company.nameEn;
  const details = [
    company.address,
    company.phone && `${l.phone}: ${company.phone}`,
    company.taxNumber && `${l.taxNumber}: ${company.taxNumber}`,
  ].filter(Boolean);
  return (
    <header className="letterhead">
      {company.logo && <img src={company.logo} alt="" />}
      <div>
        <p className="company-name">{name}</p>
        {other && other !== name && <div className="company-details">{other}</div>}
        {details.length > 0 && <div className="company-details">{details.join(' · ')}</div>}
      </div>
    </header>
  );
}
