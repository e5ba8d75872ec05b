import { useTranslation } from 'react-i18next';
import { Notice } from '../common/Form';
import { useApp } from './app.store';

/** Always in view while the book open is the file a move left behind: a read-only record, not the office's book. */
export function MovedRecordNotice() {
  const { t } = useTranslation();
  const moved = useApp((s) => s.info?.movedRecord ?? null);
  if (!moved) return null;
  return (
    <div className="book-notice moved-record" role="status">
      <Notice kind="info">{t('book.movedRecord', { to: moved.to, day: moved.at.slice(0, 10) })}</Notice>
    </div>
  );
}
