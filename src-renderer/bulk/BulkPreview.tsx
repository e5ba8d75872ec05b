import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../src-shared/api/contract';
import { formatId, formatNumber } from '../../src-shared/i18n/locale';
import { formatDate } from '../../src-shared/money/money';
import { counted } from '../i18n/counted';
import { languageOf } from '../i18n/language';

export type Preview = CallOutput<'bulk.preview'>;
type SkipReason = keyof Preview['skipped'];

/** What *View* found: how many messages and addresses, the cost, what is skipped and why, the first documents. */
export function BulkPreview({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const skipped = (Object.entries(preview.skipped) as [SkipReason, number][]).filter(([, n]) => n > 0);
  return (
    <section className="panel" aria-label={t('bulk.view')}>
      <p className="strong" data-testid="bulk-summary">
        {t('bulk.summary', {
          messages: counted(t, 'messages', preview.messages),
          recipients: counted(t, 'addresses', preview.recipients),
          cost: counted(t, 'credits', preview.cost),
          balance: preview.balance === null ? '—' : formatNumber(language, preview.balance),
        })}
      </p>
      <BulkPace preview={preview} />
      <p>
        {t('bulk.skipped')}: {skipped.map(([reason, n]) => `${t(`bulk.reasons.${reason}`)} (${n})`).join(' · ') || '—'}
      </p>
      <h3>{t('bulk.documents', { count: preview.documents.length })}</h3>
      <table className="list" aria-label={t('bulk.documents', { count: preview.documents.length })}>
        <thead>
          <tr>
            <th>{t('bulk.columns.date')}</th>
            <th>{t('bulk.columns.document')}</th>
            <th>{t('bulk.columns.party')}</th>
            <th>{t('bulk.columns.to')}</th>
            <th>{t('bulk.columns.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.documents.map((d) => (
            <tr key={d.voucherId} className={d.skip ? 'archived' : undefined}>
              <td>{formatDate(d.date, language)}</td>
              <td>
                {t(`vouchers.one.${d.type}`)} {formatId(language, d.number)}
              </td>
              <td>{d.partyName}</td>
              <td dir="ltr" className="emails-cell">
                {d.to.join(', ')}
              </td>
              <td>{d.skip ? t(`bulk.reasons.${d.skip}`) : t('bulk.willSend')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** How long the bulk takes under the mailbox's limits: "about 3 days at 500 a day". */
function BulkPace({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const { recipientsPerDay, messagesPerMinute } = preview.pace;
  if (recipientsPerDay !== null && preview.recipients > recipientsPerDay)
    return (
      <p data-testid="bulk-pace">
        {t('bulk.paceDays', { count: Math.ceil(preview.recipients / recipientsPerDay), perDay: recipientsPerDay })}
      </p>
    );
  if (messagesPerMinute !== null && preview.messages > messagesPerMinute)
    return (
      <p data-testid="bulk-pace">
        {t('bulk.paceMinutes', {
          count: Math.ceil(preview.messages / messagesPerMinute),
          perMinute: messagesPerMinute,
        })}
      </p>
    );
  return null;
}
