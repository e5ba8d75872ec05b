import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statusWord } from '../mail/outboxStatus';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';
import type { CallOutput } from '../../src-shared/api/contract';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import type { ErrorBody } from '../../src-shared/errors';
import { formatNumber } from '../../src-shared/i18n/locale';
import { call } from '../api';
import { errorBody, errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';
import { DocumentActions } from '../print/DocumentActions';
import { MailReportFilterBar } from './MailReportFilterBar';
import { MessageDetail } from './MessageDetail';
import { PerDayChart } from './PerDayChart';

type Report = CallOutput<'mailReport.query'>;
type Detail = CallOutput<'mailReport.detail'>;

/** Rows per page: the book may hold a million messages, the window shows a page at a time. */
const PAGE = 100;

/** What was sent, by whom, and how it went: filters, totals, chart, a page of messages, details, resend, CSV, print. */
export function MailReportScreen() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const year = new Date().getFullYear();
  const [filters, setFilters] = useState<MailReportFilters>({ from: `${year}-01-01`, to: `${year}-12-31`, search: '' });
  // Typing in the search box asks once the typing pauses, not at every key.
  const [asked, setAsked] = useState(filters);
  const [offset, setOffset] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [choices, setChoices] = useState<CallOutput<'mailReport.choices'> | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const n = (value: number) => formatNumber(language, value);
  const time = (iso: string | null) => (iso ? formatDateTime(language, iso) : '');

  useEffect(() => {
    const timer = setTimeout(() => {
      setAsked(filters);
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [filters]);

  useEffect(() => {
    void call('mailReport.choices', {}).then(setChoices, (e: unknown) => setError(errorBody(e)));
  }, []);

  const load = useCallback(() => {
    let live = true;
    call('mailReport.query', { filters: asked, limit: PAGE, offset }).then(
      (r) => {
        if (!live) return;
        setReport(r);
        setError(null);
      },
      (e: unknown) => live && setError(errorBody(e)),
    );
    return () => {
      live = false;
    };
  }, [asked, offset]);
  useEffect(load, [load]);

  async function exportCsv() {
    setExporting(true);
    try {
      const { fileName, exportId, handled } = await call('mailReport.csv', { filters: asked });
      // The Node host: the browser downloads the file the core wrote, straight to disk.
      if (!handled)
        Object.assign(document.createElement('a'), { href: `exports/${exportId}`, download: fileName }).click();
    } finally {
      setExporting(false);
    }
  }

  const open = (id: string) => () =>
    void call('mailReport.detail', { id }).then(setDetail, (e: unknown) => setError(errorBody(e)));
  const totals = report?.totals;
  const last = report ? Math.min(offset + PAGE, report.total) : 0;

  return (
    <div className="screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('report.title')}</h1>
        <div className="document-actions">
          <button
            type="button"
            disabled={exporting}
            aria-busy={exporting}
            onClick={() => void exportCsv().catch((e: unknown) => setError(errorBody(e)))}
          >
            {exporting ? t('report.csvWriting') : t('report.csv')}
          </button>
          <DocumentActions target={{ kind: 'mailReport', filters: asked, language }} title={t('report.title')} />
        </div>
      </header>
      <MailReportFilterBar value={filters} onChange={setFilters} choices={choices} />
      {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
      {totals && (
        <dl className="report-totals" data-testid="report-totals">
          {(['messages', 'recipients', 'credits', 'sent', 'bounced', 'failed'] as const).map((key) => (
            <div key={key} data-total={key}>
              <dt>{t(`report.totalLabels.${key}`)}</dt>
              <dd>{n(totals[key])}</dd>
            </div>
          ))}
        </dl>
      )}
      {report && <PerDayChart days={report.perDay} language={language} />}
      {report && report.total === 0 && <p className="empty">{t('report.empty')}</p>}
      {report && report.total > 0 && (
        <>
          <div className="report-list">
            <table className="list" aria-label={t('report.title')}>
              <thead>
                <tr>
                  <th>{t('mail.columns.created')}</th>
                  <th>{t('mail.columns.document')}</th>
                  <th>{t('mail.columns.to')}</th>
                  <th>{t('report.status')}</th>
                  <th>{t('report.user')}</th>
                </tr>
              </thead>
              <tbody>
                {report.items.map((row) => (
                  <tr key={row.id} aria-selected={detail?.id === row.id}>
                    <td>{time(row.createdAt)}</td>
                    <td>
                      <button type="button" className="link" onClick={open(row.id)}>
                        {row.sourceTitle}
                      </button>
                    </td>
                    <td dir="ltr" className="emails-cell">
                      {[...row.to, ...row.cc].join(', ')}
                    </td>
                    <td data-status={row.status}>{statusWord(t, row.status)}</td>
                    <td>{row.userName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className="pager" aria-label={t('report.pages')}>
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('report.previous')}
              </button>
              <span data-testid="report-range">
                {t('report.range', { first: n(offset + 1), last: n(last), total: n(report.total) })}
              </span>
              <button type="button" disabled={last >= report.total} onClick={() => setOffset(offset + PAGE)}>
                {t('report.next')}
              </button>
            </nav>
          </div>
          {detail && (
            <MessageDetail
              key={detail.id}
              detail={detail}
              time={time}
              onResent={load}
              onClose={() => setDetail(null)}
            />
          )}
        </>
      )}
    </div>
  );
}
