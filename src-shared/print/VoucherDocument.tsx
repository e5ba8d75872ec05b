import type { Language } from '../api/fields';
import type { Voucher } from '../api/vouchers.api';
import { formatDate, formatMinor, formatQuantity, stripBidiMarks } from '../money/money';
import { amountInWords } from '../money/words';
import { formatId, formatNumber } from '../i18n/locale';
import { DateRange } from './DateRange';
import { PRINT_LABELS } from './labels';
import { Letterhead } from './Letterhead';
import { PartyBlock } from './PartyBlock';
import type { PrintModel } from './model';

type VoucherModel = Extract<PrintModel, { kind: 'voucher' }>;

const percent = (bp: number, language: Language) =>
  stripBidiMarks(formatNumber(language, bp / 10_000, { style: 'percent', maximumFractionDigits: 2 }));

function Lines({ voucher, language }: { voucher: Voucher; language: Language }) {
  const l = PRINT_LABELS[language];
  const money = (minor: number) => <bdi>{formatMinor(minor, voucher.currency, language)}</bdi>;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th className="num">{l.lineNo}</th>
            <th>{l.description}</th>
            <th className="num">{l.quantity}</th>
            <th className="num">{l.unitPrice}</th>
            <th className="num">{l.discount}</th>
            <th className="num">{l.tax}</th>
            <th className="num">{l.lineTotal}</th>
          </tr>
        </thead>
        <tbody>
          {voucher.lines.map((line, i) => (
            <tr key={i}>
              <td className="num">{formatNumber(language, i + 1)}</td>
              <td>{line.description}</td>
              <td className="num">
                <bdi>{formatQuantity(line.quantityMilli, language)}</bdi>
              </td>
              <td className="num">{money(line.unitPriceMinor)}</td>
              <td className="num">{line.discountBp ? <bdi>{percent(line.discountBp, language)}</bdi> : ''}</td>
              <td className="num">{line.taxBp ? <bdi>{percent(line.taxBp, language)}</bdi> : ''}</td>
              <td className="num">{money(line.totalMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="totals">
        <tbody>
          <tr>
            <td>{l.subtotal}</td>
            <td className="num">{money(voucher.subtotalMinor)}</td>
          </tr>
          {voucher.discountMinor !== 0 && (
            <tr>
              <td>{l.totalDiscount}</td>
              <td className="num">{money(-voucher.discountMinor)}</td>
            </tr>
          )}
          <tr>
            <td>{l.totalTax}</td>
            <td className="num">{money(voucher.taxMinor)}</td>
          </tr>
          <tr className="grand">
            <td>
              {l.grandTotal} ({voucher.currency})
            </td>
            <td className="num">{money(voucher.totalMinor)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

function Payment({ voucher, language }: { voucher: Voucher; language: Language }) {
  const l = PRINT_LABELS[language];
  const p = voucher.payment!;
  return (
    <table className="kv">
      <tbody>
        <tr>
          <th>{l.amount}</th>
          <td className="num">
            <bdi>{formatMinor(p.amountMinor, voucher.currency, language)}</bdi> {voucher.currency}
          </td>
        </tr>
        <tr>
          <th>{l.method}</th>
          <td>{l.methods[p.method]}</td>
        </tr>
        {p.method === 'cheque' && (
          <>
            <tr>
              <th>{l.chequeNumber}</th>
              <td>{p.chequeNumber}</td>
            </tr>
            <tr>
              <th>{l.chequeDueDate}</th>
              <td>
                <bdi>{formatDate(p.chequeDueDate, language)}</bdi>
              </td>
            </tr>
          </>
        )}
        {p.method === 'transfer' && (
          <tr>
            <th>{l.transferReference}</th>
            <td>{p.transferReference}</td>
          </tr>
        )}
        {p.description && (
          <tr>
            <th>{l.description}</th>
            <td>{p.description}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function Payslip({ voucher, language }: { voucher: Voucher; language: Language }) {
  const l = PRINT_LABELS[language];
  const s = voucher.payslip!;
  const money = (minor: number) => (
    <>
      <bdi>{formatMinor(minor, voucher.currency, language)}</bdi> {voucher.currency}
    </>
  );
  return (
    <table className="kv">
      <tbody>
        <tr>
          <th>{l.period}</th>
          <td>
            <DateRange from={s.periodFrom} to={s.periodTo} language={language} />
          </td>
        </tr>
        <tr>
          <th>{l.gross}</th>
          <td className="num">{money(s.grossMinor)}</td>
        </tr>
        <tr>
          <th>{l.deductions}</th>
          <td className="num">{money(s.deductionsMinor)}</td>
        </tr>
        <tr>
          <th>{l.net}</th>
          <td className="num">
            <strong>{money(s.netMinor)}</strong>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** Any voucher: letterhead, title and number, party, its body, total in words, notes. */
export function VoucherDocument({ model }: { model: VoucherModel }) {
  const { voucher, party, company, language } = model;
  const l = PRINT_LABELS[language];
  const body = voucher.payment ? 'payment' : voucher.payslip ? 'payslip' : 'lines';
  return (
    <>
      <Letterhead company={company} language={language} />
      <div className="title-row">
        <h1 className="doc-title">
          {l.voucherTitle[voucher.type]}
          {voucher.status === 'cancelled' && <span className="cancelled">{l.cancelled}</span>}
        </h1>
        <div className="doc-meta">
          <div>
            <span>{l.number}:</span>{' '}
            <strong>
              <bdi>{formatId(language, voucher.number)}</bdi>
            </strong>
          </div>
          <div>
            <span>{l.date}:</span> <bdi>{formatDate(voucher.date, language)}</bdi>
          </div>
        </div>
      </div>
      <PartyBlock party={party} language={language} full />
      {body === 'lines' && <Lines voucher={voucher} language={language} />}
      {body === 'payment' && <Payment voucher={voucher} language={language} />}
      {body === 'payslip' && <Payslip voucher={voucher} language={language} />}
      <div className="words">
        <span>{l.amountInWords}:</span> {amountInWords(voucher.totalMinor, voucher.currency, language)}
      </div>
      {voucher.notes && (
        <div className="notes">
          <span>{l.notes}:</span> {voucher.notes}
        </div>
      )}
      {body !== 'lines' && (
        <div className="signatures">
          <div>{l.receivedBy}</div>
          <div>{l.accountant}</div>
        </div>
      )}
    </>
  );
}
