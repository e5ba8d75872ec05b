import { useTranslation } from 'react-i18next';
import type { BulkSend } from '../../src-shared/api/bulk.api';
import { formatDate } from '../../src-shared/money/money';
import { languageOf } from '../i18n/language';
import { NotLoaded } from '../common/NotLoaded';
import type { Called } from '../common/useCall';
import { shownStatus } from './BulkProgress';

/** Earlier bulk sends, newest first: each opens its progress. */
export function BulkHistory({ history, onOpen }: { history: Called<{ items: BulkSend[] }>; onOpen(id: string): void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const items = history.value?.items ?? [];
  return (
    <section className="panel">
      <h2>{t('bulk.history')}</h2>
      {!history.value ? (
        <NotLoaded error={history.error} onRetry={history.reload} />
      ) : items.length === 0 ? (
        <p className="empty">{t('bulk.noHistory')}</p>
      ) : (
        <table className="list">
          <tbody>
            {items.map((b) => (
              <tr key={b.id}>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(b.id)}>
                    {t('bulk.progress', { number: b.number })}
                  </button>
                </td>
                <td>{formatDate(b.createdAt.slice(0, 10), language)}</td>
                <td>{t(`bulk.statuses.${shownStatus(b)}`)}</td>
                <td>{t('bulk.tally', b.tally)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
