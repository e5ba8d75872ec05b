import { useTranslation } from 'react-i18next';
import { SignInForm } from '../users/SignInForm';

/** One of the book file's users, asked before the office problem screen opens that file. */
export function HereSignIn({ onSignIn }: { onSignIn: (name: string, password: string) => Promise<void> }) {
  const { t } = useTranslation();
  return (
    <section className="panel here-sign-in">
      <p>{t('bookLocation.hereSignIn')}</p>
      <SignInForm label={t('bookLocation.here')} onSignIn={onSignIn} />
    </section>
  );
}
