import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';

/**
 * A desktop's first start: where is the book? A new one on this computer (the choice is kept), or
 * the office's book on its server (Where the book is…, to join it; asked again until it is joined).
 */
export function FirstStartScreen() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  const chosen = () => useApp.setState((s) => ({ info: s.info && { ...s.info, firstStart: false } }));

  async function keepHere() {
    setBusy(true);
    setError(null);
    try {
      await call('book.keepHere', {});
      chosen();
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(false);
    }
  }

  function joinOffice() {
    chosen();
    useApp.getState().go({ screen: 'book' });
  }

  return (
    <main className="damaged-book first-start">
      <h1>{t('firstStart.title')}</h1>
      <p>{t('firstStart.explain')}</p>
      {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
      <div className="first-start-choices">
        <section>
          <h2>{t('firstStart.hereTitle')}</h2>
          <p className="hint">{t('firstStart.hereExplain')}</p>
          <button type="button" className="primary" autoFocus disabled={busy} onClick={() => void keepHere()}>
            {t('firstStart.here')}
          </button>
        </section>
        <section>
          <h2>{t('firstStart.officeTitle')}</h2>
          <p className="hint">{t('firstStart.officeExplain')}</p>
          <button type="button" disabled={busy} onClick={joinOffice}>
            {t('firstStart.office')}
          </button>
        </section>
      </div>
    </main>
  );
}
