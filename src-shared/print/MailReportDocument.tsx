import { formatNumber } from '../i18n/locale';
import { formatDate } from '../money/money';
import { DateRange } from './DateRange';
import { Details } from './Details';
import { PRINT_LABELS } from './labels';
import { Letterhead } from './Letterhead';
import type { PrintModel } from './model';

type MailReportModel = Extract<PrintModel, { kind: 'mailReport' }>;

/** The mail report on paper: the filters, the totals, messages per day and a row per message. */
export function MailReportDocument({ model }: { model: MailReportModel }) {
  const { report, company, language } = model;
  const l = PRINT_LABELS[language].mailReport;
  const n = (value: number) => formatNumber(language, value);
  const time = new Intl.DateTimeFormat(language === 'ar' ? 'ar-PS' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: report.timeZone,
  });
  return (
    <>
      <Letterhead company={company} language={language} />
      <div className="title-row">
        <h1 className="doc-title">{l.title}</h1>
        <div className="doc-meta">
          <div>
            <span>{PRINT_LABELS[language].period}:</span>{' '}
            <DateRange from={report.from} to={report.to} language={language} />
          </div>
        </div>
      </div>
      <Details className="details filters" items={report.filters} />
      <table className="kv report-totals">
        <tbody>
          {(
            [
              [l.messages, report.totals.messages],
              [l.recipients, report.totals.recipients],
              [l.credits, report.totals.credits],
              [l.sent, report.totals.sent],
              [l.bounced, report.totals.bounced],
              [l.failed, report.totals.failed],
            ] as const
          ).map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td className="num">{n(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.total === 0 && <p className="empty">{l.none}</p>}
      {report.perDay.length > 0 && (
        <div className="section">
          <h3>{l.perDay}</h3>
          <table>
            <thead>
              <tr>
                <th>{l.day}</th>
                <th className="num">{l.sent}</th>
                <th className="num">{l.bounced}</th>
                <th className="num">{l.failed}</th>
              </tr>
            </thead>
            <tbody>
              {report.perDay.map((d) => (
                <tr key={d.day}>
                  <td>
                    <bdi>{formatDate(d.day, language)}</bdi>
                  </td>
                  <td className="num">{n(d.sent)}</td>
                  <td className="num">{n(d.bounced)}</td>
                  <td className="num">{n(d.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.items.length > 0 && (
        <div className="section">
          <h3>{l.messages}</h3>
          <table className="messages">
            <thead>
              <tr>
                <th>{l.time}</th>
                <th>{l.document}</th>
                <th>{l.to}</th>
                <th>{l.status}</th>
                <th className="num">{l.credits}</th>
                <th>{l.user}</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((item, i) => (
                <tr key={i}>
                  <td>
                    <bdi>{time.format(new Date(item.createdAt))}</bdi>
                  </td>
                  <td>{item.sourceTitle}</td>
                  <td className="emails">
                    {item.recipients.map((address) => (
                      <bdi key={address} dir="ltr">
                        {address}
                      </bdi>
                    ))}
                  </td>
                  <td>{l.statuses[item.status]}</td>
                  <td className="num">{n(item.credits)}</td>
                  <td>{item.userName}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.items.length < report.total && (
            <p className="empty">{l.truncated(n(report.items.length), n(report.total))}</p>
          )}
        </div>
      )}
    </>
  );
}
