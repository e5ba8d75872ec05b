import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { SignInForm } from './SignInForm';

/** Asked at start once a password has been set: who is using this desktop. */
export function LoginScreen() {
  const { t } = useTranslation();
  const signedIn = useApp((s) => s.signedIn);
  return (
    <div className="login">
      <section className="panel login-panel">
        <h1 tabIndex={-1}>{t('users.signInTitle')}</h1>
        <SignInForm
          label={t('users.signInTitle')}
          onSignIn={async (name, password) => signedIn(await call('users.login', { name, password }))}
        />
      </section>
    </div>
  );
}
