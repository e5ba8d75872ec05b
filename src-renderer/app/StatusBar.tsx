import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { CreditsIndicator } from '../credits/CreditsIndicator';
import { useApp } from './app.store';

/** Where the book lives and which Daftar this is (later: credits and online state). */
export function StatusBar() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  const user = useApp((s) => s.user);
  const signedIn = useApp((s) => s.signedIn);
  if (!info) return null;
  return (
    <footer className="status-bar" role="contentinfo">
      <span className="status-book" title={t('status.folder', { folder: info.dataFolder })}>
        {info.bookOpen === 'office' ? t('status.officeBook') : t('status.book')}: <bdi dir="ltr">{info.bookFile}</bdi>
      </span>
      <CreditsIndicator />
      {user && (
        <span className="status-user">
          {t('users.signedIn', { name: user.name })}{' '}
          <button
            type="button"
            className="link"
            onClick={() =>
              void call('users.logout', {}).then(({ loginRequired }) => {
                if (loginRequired) signedIn(null);
              })
            }
          >
            {t('users.signOut')}
          </button>
        </span>
      )}
      <span>{t(`status.host_${info.host}`)}</span>
      <span className="status-version">{t('status.version', { version: info.version })}</span>
    </footer>
  );
}
