import { useTranslation } from 'react-i18next';
import { CreditsIndicator } from '../credits/CreditsIndicator';
import { useApp } from './app.store';

/** Where the book lives and which Daftar this is (later: credits and online state). */
export function StatusBar() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  if (!info) return null;
  return (
    <footer className="status-bar" role="contentinfo">
      <span className="status-book" title={t('status.folder', { folder: info.dataFolder })}>
        {t('status.book')}: <bdi dir="ltr">{info.bookFile}</bdi>
      </span>
      <CreditsIndicator />
      <span>{t(`status.host_${info.host}`)}</span>
      <span className="status-version">{t('status.version', { version: info.version })}</span>
    </footer>
  );
}
