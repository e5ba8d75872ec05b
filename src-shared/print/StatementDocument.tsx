import { formatId } from '../i18n/locale';
import { formatDate, formatMinor } from '../money/money';
import { DateRange } from './DateRange';
import { PRINT_LABELS } from './labels';
import { Letterhead } from './Letterhead';
import { PartyBlock } from './PartyBlock';
import type { PrintModel } from './model';

type StatementModel = Extract<PrintModel, { kind: 'accountStatement' | 'employeeStatement' }>;

/** An account or employee statement: per currency, opening balance, movements with running balance, closing balance. */
export function StatementDocument({ model }: { model: StatementModel }) {
  const { statement, party, company, language } = model;
  const l = PRINT_LABELS[language];
  const title = model.kind === 'employeeStatement' ? l.employeeStatement : l.accountStatement;
  return (
    <>
      <Letterhead company={company} language={language} />
      <div className="title-row">
        <h1 className="doc-title">{title}</h1>
        <div className="doc-meta">
          <div>
            <span>{l.period}:</span> <DateRange from={statement.from} to={statement.to} language={language} />
          </div>
        </div>
      </div>
      <PartyBlock party={party} language={language} full={false} />
      {statement.sections.length === 0 && <p className="empty">{l.noMovements}</p>}
      {statement.sections.map((section) => {
        const money = (minor: number) => <bdi>{formatMinor(minor, section.currency, language)}</bdi>;
        return (
          <div className="section" key={section.currency}>
            <h3>
              {l.currency}: {section.currency}
            </h3>
            <table>
              <thead>
                <tr>
                  <th>{l.date}</th>
                  <th>{l.type}</th>
                  <th className="num">{l.number}</th>
                  <th>{l.description}</th>
                  <th className="num">{l.debit}</th>
                  <th className="num">{l.credit}</th>
                  <th className="num">{l.balance}</th>
                </tr>
              </thead>
              <tbody>
                <tr className="opening">
                  <td colSpan={6}>{l.openingBalance}</td>
                  <td className="num">{money(section.openingMinor)}</td>
                </tr>
                {section.rows.map((row) => (
                  <tr key={row.voucherId}>
                    <td>
                      <bdi>{formatDate(row.date, language)}</bdi>
                    </td>
                    <td>{l.voucherTitle[row.type]}</td>
                    <td className="num">{formatId(language, row.number)}</td>
                    {/* An invoice has no description of its own: it is named, as the screen names it. */}
                    <td>
                      {row.description || `${l.voucherTitle[row.type]} ${l.numbered} ${formatId(language, row.number)}`}
                    </td>
                    <td className="num">{row.debitMinor ? money(row.debitMinor) : ''}</td>
                    <td className="num">{row.creditMinor ? money(row.creditMinor) : ''}</td>
                    <td className="num">{money(row.balanceMinor)}</td>
                  </tr>
                ))}
                <tr className="closing">
                  <td colSpan={4}>{l.closingBalance}</td>
                  <td className="num">{money(section.totalDebitMinor)}</td>
                  <td className="num">{money(section.totalCreditMinor)}</td>
                  <td className="num">{money(section.closingMinor)}</td>
                </tr>
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}
