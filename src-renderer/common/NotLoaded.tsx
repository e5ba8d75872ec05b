import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../src-shared/errors';
import { errorHeadline } from './errors';
import { Notice } from './Form';

/** What a screen shows before its load answers: "Loading…", or why it failed and *Try again*. */
export function NotLoaded({ error, onRetry }: { error: ErrorBody | null; onRetry: () => void }) {
  const { t } = useTranslation();
  if (!error) return <p className="loading">{t('common.loading')}</p>;
  return (
    <Notice kind="error">
      <div className="load-failed">
        <span>{errorHeadline(t, error)}</span>
        <button type="button" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      </div>
    </Notice>
  );
}
