import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../common/Form';
import { useApp } from './app.store';

/** Tells, once, that the book was restored from a backup, or that a crash interrupted an update and nothing was lost. */
export function BookNotice() {
  const { t } = useTranslation();
  const interrupted = useApp((s) => s.info?.interruptedUpdate ?? null);
  const restoredFrom = useApp((s) => s.info?.restoredFrom ?? null);
  const [dismissed, setDismissed] = useState(false);
  if ((!interrupted && !restoredFrom) || dismissed) return null;
  return (
    <div className="book-notice" role="status">
      <Notice kind="info">
        {restoredFrom ? t('book.restored', { name: restoredFrom }) : t('book.interruptedUpdate')}{' '}
        <button type="button" className="link" onClick={() => setDismissed(true)}>
          {t('book.dismiss')}
        </button>
      </Notice>
    </div>
  );
}
