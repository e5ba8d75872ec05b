import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app.store';
import { ConfirmHost } from '../common/ConfirmHost';
import { Notice } from '../common/Form';
import { BackupList } from './BackupList';

/** The book cannot be opened because it is damaged: say so plainly and offer the backups. */
export function DamagedBookScreen() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  return (
    <main className="damaged-book">
      <h1>{t('backups.damagedTitle')}</h1>
      <Notice kind="error">{t('backups.damaged')}</Notice>
      <p className="hint">
        {t('backups.damagedFile')} <bdi dir="ltr">{info?.bookFile}</bdi>
      </p>
      <BackupList />
      <details>
        <summary>{t('backups.details')}</summary>
        <ul dir="ltr">
          {(info?.damaged?.problems ?? []).map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </details>
      <ConfirmHost />
    </main>
  );
}
