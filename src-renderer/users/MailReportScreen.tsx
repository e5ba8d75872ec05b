import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../src-shared/api/contract';
import type { OutboxStatus } from '../../src-shared/api/mail.api';
import type { ErrorBody } from '../../src-shared/errors';
import { formatNumber } from '../../src-shared/i18n/locale';
import { formatDate } from '../../src-shared/money/money';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';

type Report = CallOutput<'mailReport.query'>;
type Detail = CallOutput<'mailReport.detail'>;

/** What was sent, by whom, and how it went: filters, totals, a row per message, details, resend, CSV. */
export function MailReportScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as 'ar' | 'en';
  const canResend = useApp((s) => s.can('send_email'));
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const [search, setSearch] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const time = (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language === 'ar' ? 'ar-PS' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)) : '');
  const filters = useCallback(() => ({ from, to, search, ...(status ? { status } : {}) }), [from, to, search, status]);

  const load = useCallback(() => {
    call('mailReport.query', { filters: filters(), limit: 200 }).then(
      (r) => {
        setReport(r);
        setError(null);
      },
      (e: unknown) => setError(errorBody(e)),
    );
  }, [filters]);
  useEffect(load, [load]);

  async function exportCsv() {
    const { csv, fileName } = await call('mailReport.csv', { filters: filters() });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  async function resend(d: Detail) {
    if (!window.confirm(t('report.confirmResend', { credits: d.credits }))) return;
    try {
      await call('mailReport.resend', { id: d.id });
      setNotice(t('report.resent'));
      load();
    } catch (e) {
      setError(errorBody(e));
    }
  }

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>{t('report.title')}</h1>
        <button type="button" onClick={() => void exportCsv().catch((e: unknown) => setError(errorBody(e)))}>
          {t('report.csv')}
        </button>
      </header>
      <div className="toolbar">
        <label className="inline-field">
          {t('report.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="inline-field">
          {t('report.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="inline-field">
          {t('report.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as OutboxStatus | '')}>
            <option value="">{t('report.all')}</option>
            {(['queued', 'sending', 'sent', 'failed', 'held', 'cancelled'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`mail.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <input type="search" aria-label={t('report.search')} placeholder={t('report.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
      {notice && <Notice kind="ok">{notice}</Notice>}
      {report && (
        <>
          <p className="strong" data-testid="report-totals">
            {t('report.totals', report.totals)}
          </p>
          <div className="split">
            <table className="list" aria-label={t('report.title')}>
              <tbody>
                {report.items.map((row) => (
                  <tr key={row.id}>
                    <td>{time(row.createdAt)}</td>
                    <td>
                      <button type="button" className="link" onClick={() => void call('mailReport.detail', { id: row.id }).then(setDetail)}>
                        {row.sourceTitle}
                      </button>
                    </td>
                    <td dir="ltr" className="emails-cell">
                      {[...row.to, ...row.cc].join(', ')}
                    </td>
                    <td data-status={row.status}>{t(`mail.statuses.${row.status}`)}</td>
                    <td>{row.userName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {detail && (
              <section className="panel" aria-label={t('report.detail')}>
                <h2>{detail.sourceTitle}</h2>
                <p>{detail.subject}</p>
                <p dir="ltr">{[...detail.to, ...detail.cc].join(', ')}</p>
                {detail.note && <p className="notes">{detail.note}</p>}
                <p className="hint">
                  {t('report.messageId')}: <bdi dir="ltr">{detail.messageId}</bdi> · {t('report.user')}: {detail.userName} · {t('mail.statuses.' + detail.status)}
                </p>
                <h3>{t('report.attempts')}</h3>
                <ul>
                  {detail.attempts.map((a) => (
                    <li key={a.attempt}>
                      {time(a.at)} — {t(`report.outcomes.${a.outcome}`, { defaultValue: a.outcome })} {a.reply && <bdi dir="ltr">{a.reply}</bdi>}
                    </li>
                  ))}
                </ul>
                {canResend && (
                  <button type="button" onClick={() => void resend(detail)}>
                    {t('report.resend')}
                  </button>
                )}
              </section>
            )}
          </div>
          <h3>{t('report.perDay')}</h3>
          <table className="list per-day" aria-label={t('report.perDay')}>
            <thead>
              <tr>
                <th>{t('report.day')}</th>
                <th>{t('report.sent')}</th>
                <th>{t('report.failed')}</th>
              </tr>
            </thead>
            <tbody>
              {report.perDay.map((d) => (
                <tr key={d.day}>
                  <td>{formatDate(d.day, language)}</td>
                  <td>
                    <span className="bar bar-ok" style={{ width: `${Math.min(100, d.sent * 8)}px` }} /> {formatNumber(language, d.sent)}
                  </td>
                  <td>
                    <span className="bar bar-bad" style={{ width: `${Math.min(100, d.failed * 8)}px` }} /> {formatNumber(language, d.failed)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
