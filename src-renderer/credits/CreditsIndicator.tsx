import { useTranslation } from 'react-i18next';
import { syncErrorText } from './syncErrorText';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';
import { useApp } from '../app/app.store';
import { errorHeadline } from '../common/errors';
import { useCredits } from './credits.store';

/** The status bar's credits: balance (or why there is none yet), online state, last sync. */
export function CreditsIndicator() {
  const { t, i18n } = useTranslation();
  const status = useCredits((s) => s.status);
  const error = useCredits((s) => s.error);
  const go = useApp((s) => s.go);
  const canBuy = useApp((s) => s.canOpen('buy'));
  if (!status)
    return error ? (
      <span className="status-credits" role="alert" data-testid="credits-status">
        {errorHeadline(t, error)}
      </span>
    ) : null;
  const when = status.lastSyncAt
    ? t('credits.lastSync', {
        time: formatDateTime(languageOf(i18n), status.lastSyncAt),
      })
    : t('credits.never');
  const text = !status.configured
    ? t('credits.notConfigured')
    : status.balance === null
      ? t('credits.notSynced')
      : t('credits.balance', { balance: status.balance });
  const title = status.lastError ? syncErrorText(t, status.lastError) : when;
  const content = (
    <>
      {status.configured && status.online !== null && (
        <span className={`dot ${status.online ? 'dot-on' : 'dot-off'}`}>
          {status.online ? t('credits.online') : t('credits.offline')}
        </span>
      )}
      <span>{text}</span>
      {status.configured && <span className="hint">{when}</span>}
    </>
  );
  // Only those who may buy get a way to the buy screen.
  if (!canBuy) {
    return (
      <span className="status-credits" title={title} data-testid="credits-status">
        {content}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="status-credits"
      onClick={() => go({ screen: 'buy' })}
      title={title}
      data-testid="credits-status"
    >
      {content}
    </button>
  );
}
