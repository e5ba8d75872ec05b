import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Language } from '../../src-shared/api/fields';
import { formatNumber } from '../../src-shared/i18n/locale';
import { formatDate } from '../../src-shared/money/money';

interface Props {
  days: { day: string; sent: number; bounced: number; failed: number }[];
  language: Language;
}

const SENT = '#0f6e5a';
const FAILED = '#b42318';
const BOUNCED = '#b54708';

/**
 * Messages per day, sent beside bounced and failed, drawn with Recharts (SVG, bundled, no network).
 * In Arabic the days run right to left and the count axis stands on the right. The same
 * numbers follow as a table, for screen readers and for reading exact values.
 */
export function PerDayChart({ days, language }: Props) {
  const { t } = useTranslation();
  const rtl = language === 'ar';
  const n = (value: number) => formatNumber(language, value);
  const date = (day: string) => formatDate(day, language);
  if (days.length === 0) return null;
  return (
    <figure className="per-day-chart" aria-label={t('report.perDay')}>
      <BarChart
        responsive
        style={{ width: '100%', height: 200 }}
        data={days}
        margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" reversed={rtl} tickFormatter={date} />
        <YAxis orientation={rtl ? 'right' : 'left'} allowDecimals={false} tickFormatter={n} width={40} />
        <Tooltip labelFormatter={(day) => date(String(day))} formatter={(value) => n(Number(value))} />
        {/* Sent, bounced, failed, in that order whatever the names sort to in either language. */}
        <Legend itemSorter={(item) => ['sent', 'bounced', 'failed'].indexOf(String(item.dataKey))} />
        <Bar dataKey="sent" name={t('report.sent')} fill={SENT} maxBarSize={40} isAnimationActive={false} />
        <Bar dataKey="bounced" name={t('report.bounced')} fill={BOUNCED} maxBarSize={40} isAnimationActive={false} />
        <Bar dataKey="failed" name={t('report.failed')} fill={FAILED} maxBarSize={40} isAnimationActive={false} />
      </BarChart>
      <details>
        <summary>{t('report.asTable')}</summary>
        <table className="list per-day" aria-label={t('report.perDay')}>
          <thead>
            <tr>
              <th>{t('report.day')}</th>
              <th className="num">{t('report.sent')}</th>
              <th className="num">{t('report.bounced')}</th>
              <th className="num">{t('report.failed')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{date(d.day)}</td>
                <td className="num">{n(d.sent)}</td>
                <td className="num">{n(d.bounced)}</td>
                <td className="num">{n(d.failed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
