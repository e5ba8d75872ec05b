import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../common/Form';
import { useApp } from './app.store';

/** Tells, once, that a crash interrupted an update of the book and that nothing was lost. */
export function BookNotice() {
  const { t } = useTranslation();
  const interrupted = useApp((s) => s.info?.interruptedUpdate ?? null);
  const [dismissed, setDismissed] = useState(false);
  if (!interrupted || dismissed) return null;
  return (
    <div className="book-notice" role="status">
      <Notice kind="info">
        {t('book.interruptedUpdate')}{' '}
        <button type="button" className="link" onClick={() => setDismissed(true)}>
          {t('book.dismiss')}
        </button>
      </Notice>
    </div>
  );
}
