import type { CompanyInfo } from '../api/company.api';
import type { Language } from '../api/fields';
import { Details } from './Details';
import { PRINT_LABELS } from './labels';

/** The company block at the top of every document. */
export function Letterhead({ company, language }: { company: CompanyInfo; language: Language }) {
  const l = PRINT_LABELS[language];
  const name = language === 'en' && company.nameEn ? company.nameEn : company.nameAr || company.nameEn;
  const other = language === 'en' ? company.nameAr : company.nameEn;

  return (
    <header className="letterhead">
      {company.logo && <img src={company.logo} alt="" />}
      <div>
        <p className="company-name">{name}</p>
        {other && other !== name && (
          <div className="company-details">
            <bdi>{other}</bdi>
          </div>
        )}
        <Details
          className="company-details"
          items={[
            [null, company.address],
            [l.phone, company.phone],
            [l.taxNumber, company.taxNumber],
          ]}
        />
      </div>
    </header>
  );
}
