import { useEffect, useState } from 'react';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
import { isSeriousSyncError, syncErrorText } from './syncErrorText';
import { languageOf } from '../i18n/language';
import type { ErrorBody } from '../../src-shared/errors';
import { formatNumber } from '../../src-shared/i18n/locale';
import { asciiDigits } from '../../src-shared/money/money';
import { call } from '../api';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Notice } from '../common/Form';
import { counted } from '../i18n/counted';
import { useCredits } from './credits.store';
import { usePendingOrderWatch } from './usePendingOrderWatch';
import { centsText } from './cents';
import { OrdersTable, type Order } from './OrdersTable';

/** "Buy / extend account": the email service in packs, an invoice, card or PayPal, and the orders so far. */
export function BuyScreen() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { status, syncing, sync, error: creditsError } = useCredits();
  const [packs, setPacks] = useState('1');
  const [method, setMethod] = useState<'card' | 'paypal'>('card');
  const [orders, setOrders] = useState<Order[]>([]);
  /** When the orders were read: "within the hour" is measured from then, not at each render. */
  const [ordersAt, setOrdersAt] = useState(0);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [checkout, setCheckout] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [accountKey, setAccountKey] = useState<string | null>(null);
  const [joinKey, setJoinKey] = useState('');

  const loadOrders = () =>
    call('credits.orders', {})
      .then((r) => {
        setOrders(r.orders);
        setOrdersAt(Date.now());
      })
      .catch((e: unknown) => setError(errorBody(e)));
  useEffect(() => {
    void loadOrders();
  }, [status?.lastSyncAt]);

  // An order placed within the hour and not yet paid: watched until paid, and no second Pay invited meanwhile.
  const [setAside, setSetAside] = useState<string | null>(null);
  const awaiting =
    orders.find(
      (o) => o.state === 'pending' && o.id !== setAside && ordersAt - Date.parse(o.createdAt) < 60 * 60_000,
    ) ?? null;
  usePendingOrderWatch(awaiting?.id ?? null);

  const pricing = status?.pricing ?? null;
  const count = /^\d+$/.test(packs.trim()) ? Number(packs) : NaN; // typed digits are made Western below
  const validCount = Number.isInteger(count) && count >= 1 && count <= 1000;
  // Prices are in cents of the server's currency (USD).
  const money = (cents: number) => centsText(language, cents);

  async function pay() {
    if (!pricing || !validCount) return;
    const total = money(count * pricing.packPriceCents);
    const message = t('credits.confirmPay', {
      packs: counted(t, 'packs', count),
      messages: counted(t, 'messages', count * pricing.packSize),
      total,
      currency: pricing.currency,
      method: t(`credits.methods.${method}`),
    });
    if (!(await confirmAction({ message, confirmLabel: t('credits.pay') }))) return;
    setBusy(true);
    try {
      const created = await call('credits.createOrder', { packs: count, method });
      setError(null);
      setCheckout(created.checkoutUrl);
      // In the browser (Node host) the payment page opens in a new tab; Electron opened the system browser.
      if (!created.opened) window.open(created.checkoutUrl, '_blank', 'noopener');
      await loadOrders();
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(false);
    }
  }

  async function join() {
    try {
      useCredits.setState({ status: await call('credits.join', { accountKey: joinKey }) });
      setError(null);
      setJoinKey('');
    } catch (e) {
      setError(errorBody(e));
    }
  }

  const errors = fieldErrors(t, error);
  return (
    <div className="screen buy-screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('credits.buy')}</h1>
        <span className="count" data-testid="buy-balance">
          {status?.balance === null || !status
            ? t('credits.notSynced')
            : t('credits.balance', { balance: status.balance })}
        </span>
        <button type="button" onClick={() => void sync()} disabled={syncing || !status?.configured}>
          {syncing ? t('credits.syncing') : t('credits.syncNow')}
        </button>
      </header>
      {creditsError && <Notice kind="error">{errorHeadline(t, creditsError)}</Notice>}
      {status?.lastError && (
        <Notice kind={isSeriousSyncError(status.lastError) ? 'error' : 'info'}>
          {syncErrorText(t, status.lastError)}
        </Notice>
      )}

      <section className="panel">
        <h2>{t('credits.services')}</h2>
        <div className="service">
          <strong>{t('credits.emailService')}</strong>
          <p className="hint">{t('credits.emailServiceHint')}</p>
          {pricing ? (
            <p>
              {t('credits.packPrice', {
                messages: counted(t, 'messages', pricing.packSize),
                price: money(pricing.packPriceCents),
                currency: pricing.currency,
              })}
            </p>
          ) : (
            <Notice kind="info">{t('credits.noPricing')}</Notice>
          )}
        </div>
        {pricing && (
          <>
            <div className="grid grid-3">
              <Field
                label={t('credits.packs')}
                errors={!validCount ? [t('fieldErrors.too_small', { min: 1 })] : errors.packs}
              >
                {(props) => (
                  <input
                    {...props}
                    dir="ltr"
                    inputMode="numeric"
                    value={packs}
                    onChange={(e) => setPacks(asciiDigits(e.target.value).replace(/[^0-9]/g, ''))}
                  />
                )}
              </Field>
              <fieldset className="field methods">
                <legend>{t('credits.method')}</legend>
                {(['card', 'paypal'] as const).map((m) => (
                  <label key={m} className="check">
                    <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} />
                    {t(`credits.methods.${m}`)}
                  </label>
                ))}
              </fieldset>
            </div>
            <table className="list invoice" aria-label={t('credits.invoice')}>
              <thead>
                <tr>
                  <th>{t('credits.columns.item')}</th>
                  <th className="num">{t('credits.columns.quantity')}</th>
                  <th className="num">{t('credits.columns.unit')}</th>
                  <th className="num">{t('credits.columns.total')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{t('credits.line', { messages: counted(t, 'messages', pricing.packSize) })}</td>
                  <td className="num">{validCount ? formatNumber(language, count) : '—'}</td>
                  <td className="num">
                    <bdi>{money(pricing.packPriceCents)}</bdi> {pricing.currency}
                  </td>
                  <td className="num">
                    {validCount && (
                      <>
                        <bdi>{money(count * pricing.packPriceCents)}</bdi> {pricing.currency}
                      </>
                    )}
                  </td>
                </tr>
                <tr className="strong">
                  <td colSpan={3}>{t('credits.total')}</td>
                  <td className="num" data-testid="invoice-total">
                    {validCount && (
                      <>
                        <bdi>{money(count * pricing.packPriceCents)}</bdi> {pricing.currency}
                      </>
                    )}
                  </td>
                </tr>
              </tbody>
            </table>
            <div className="form-buttons">
              <button
                type="button"
                className="primary"
                disabled={!validCount || busy || awaiting !== null}
                onClick={() => void pay()}
              >
                {t('credits.pay')}
              </button>
            </div>
            {awaiting && (
              <Notice kind="info">
                <span data-testid="awaiting-payment">
                  {t('credits.awaitingPayment', { messages: counted(t, 'messages', awaiting.messages) })}
                </span>{' '}
                <button type="button" className="link" onClick={() => setSetAside(awaiting.id)}>
                  {t('credits.orderAgain')}
                </button>
              </Notice>
            )}
          </>
        )}
        {error && (
          <Notice kind="error">
            {error.details.reason === 'licensing_unavailable' && error.details.why === 'rate_limited'
              ? t('credits.errors.rate_limited_order', {
                  minutes: counted(t, 'minutes', Math.max(1, Math.ceil((error.details.retryAfterSeconds ?? 60) / 60))),
                })
              : error.code === 'offline'
                ? t('credits.errors.unreachable')
                : errorHeadline(t, error)}
          </Notice>
        )}
        {checkout && (
          <Notice kind="ok">
            {t('credits.pending')}{' '}
            <a href={checkout} target="_blank" rel="noopener noreferrer">
              {t('credits.openCheckout')}
            </a>
          </Notice>
        )}
      </section>

      <OrdersTable orders={orders} />

      {status?.configured && (
        <section className="panel">
          <div className="form-buttons">
            <button
              type="button"
              onClick={() => void call('credits.accountKey', {}).then((r) => setAccountKey(r.accountKey))}
            >
              {t('credits.showKey')}
            </button>
            {accountKey && (
              <code dir="ltr" aria-label={t('credits.accountKey')}>
                {accountKey}
              </code>
            )}
          </div>
          {status.balance === null || status.balance === 0 ? (
            <div className="send-test">
              <Field label={t('credits.joinKey')} errors={errors.accountKey}>
                {(props) => <input {...props} dir="ltr" value={joinKey} onChange={(e) => setJoinKey(e.target.value)} />}
              </Field>
              <button type="button" onClick={() => void join()} disabled={!joinKey.trim()}>
                {t('credits.joinButton')}
              </button>
            </div>
          ) : null}
        </section>
      )}
    </div>
  );
}
