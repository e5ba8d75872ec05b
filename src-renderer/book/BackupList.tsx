import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../src-shared/api/contract';
import type { ErrorBody } from '../../src-shared/errors';
import { formatDateTime, formatNumber } from '../../src-shared/i18n/locale';
import { call } from '../api';
import { languageOf } from '../i18n/language';
import { confirmAction } from '../common/confirm';
import { errorBody, errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';
import { reloadWhenBack } from './reloadWhenBack';

type Backup = CallOutput<'book.backups'>['backups'][number];

/** The book's backups, newest first, each with *Restore*: asks first, then the host swaps it in. */
export function BackupList() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const [backups, setBackups] = useState<Backup[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  // A daily backup is named by its day; the others by their moment.
  const whenTaken = (b: Backup) =>
    b.kind === 'daily'
      ? formatDateTime(language, `${b.date.slice(0, 10)}T12:00:00`, { dateStyle: 'medium' })
      : formatDateTime(language, b.date, { dateStyle: 'medium', timeStyle: 'short' });

  useEffect(() => {
    call('book.backups', {}).then(
      (r) => setBackups(r.backups),
      (e: unknown) => setError(errorBody(e)),
    );
  }, []);

  async function restore(backup: Backup) {
    const when = whenTaken(backup);
    if (
      !(await confirmAction({
        message: t('backups.confirm', { when }),
        confirmLabel: t('backups.restore'),
        danger: true,
      }))
    )
      return;
    setRestoring(backup.name);
    setError(null);
    try {
      const { restarting } = await call('book.restore', { name: backup.name });
      if (restarting) await reloadWhenBack();
    } catch (e) {
      setError(errorBody(e));
      setRestoring(null);
    }
  }

  if (error && !backups) return <Notice kind="error">{errorHeadline(t, error)}</Notice>;
  if (!backups) return null;
  return (
    <div className="backup-list">
      {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
      {restoring && <Notice kind="info">{t('backups.restoring')}</Notice>}
      {backups.length === 0 ? (
        <p className="hint">{t('backups.none')}</p>
      ) : (
        <table className="list backups" data-testid="backups" aria-label={t('backups.title')}>
          <thead>
            <tr>
              <th>{t('backups.date')}</th>
              <th>{t('backups.kind')}</th>
              <th>{t('backups.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name}>
                <td>{whenTaken(b)}</td>
                <td>{t(`backups.kinds.${b.kind}`)}</td>
                <td>
                  {t('backups.megabytes', {
                    size: formatNumber(language, Math.max(0.1, b.bytes / 1_000_000), { maximumFractionDigits: 1 }),
                  })}
                </td>
                <td>
                  <button type="button" onClick={() => void restore(b)} disabled={restoring !== null}>
                    {t('backups.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
