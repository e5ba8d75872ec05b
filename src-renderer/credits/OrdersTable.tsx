import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../src-shared/api/contract';
import { formatNumber } from '../../src-shared/i18n/locale';
import { formatDate } from '../../src-shared/money/money';
import { languageOf } from '../i18n/language';
import { centsText } from './cents';

export type Order = CallOutput<'credits.orders'>['orders'][number];

/** The orders placed so far: when, how many packs and messages, the total, how paid and where each stands. */
export function OrdersTable({ orders }: { orders: Order[] }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  return (
    <section className="panel">
      <h2>{t('credits.orders')}</h2>
      {orders.length === 0 ? (
        <p className="empty">{t('credits.noOrders')}</p>
      ) : (
        <table className="list" aria-label={t('credits.orders')}>
          <thead>
            <tr>
              <th>{t('credits.columns.date')}</th>
              <th className="num">{t('credits.columns.quantity')}</th>
              <th className="num">{t('credits.columns.messages')}</th>
              <th className="num">{t('credits.columns.total')}</th>
              <th>{t('credits.columns.method')}</th>
              <th>{t('credits.columns.state')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <td>{formatDate(o.createdAt.slice(0, 10), language)}</td>
                <td className="num">{formatNumber(language, o.packs)}</td>
                <td className="num">{formatNumber(language, o.messages)}</td>
                <td className="num">
                  <bdi>{centsText(language, o.totalCents)}</bdi> {o.currency}
                </td>
                <td>{t(`credits.methods.${o.method}`)}</td>
                <td data-state={o.state}>{t(`credits.states.${o.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
