import { useTranslation } from 'react-i18next';
import { BackupList } from './BackupList';

/** Settings → Restore a backup. */
export function BackupsScreen() {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('backups.title')}</h1>
      </header>
      <p className="hint">{t('backups.explain')}</p>
      <BackupList />
    </div>
  );
}
