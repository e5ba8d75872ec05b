import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody } from '../common/errors';
import { Field, Form, Notice } from '../common/Form';

/** Asked at start once a password has been set: who is using this desktop. */
export function LoginScreen() {
  const { t, i18n } = useTranslation();
  const signedIn = useApp((s) => s.signedIn);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    try {
      signedIn(await call('users.login', { name, password }));
    } catch (e) {
      setError(errorBody(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const message =
    error?.details.reason === 'locked'
      ? t('users.locked', {
          time: formatDateTime(languageOf(i18n), error.details.until, { timeStyle: 'short' }),
        })
      : error
        ? t('users.wrong')
        : null;
  return (
    <div className="login">
      <section className="panel login-panel">
        <h1 tabIndex={-1}>{t('users.signInTitle')}</h1>
        <Form onSubmit={() => void submit()} label={t('users.signInTitle')}>
          <Field label={t('users.name')}>
            {(props) => (
              <input
                {...props}
                autoFocus
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="username"
              />
            )}
          </Field>
          <Field label={t('users.password')}>
            {(props) => (
              <input
                {...props}
                type="password"
                dir="ltr"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="current-password"
              />
            )}
          </Field>
          {message && <Notice kind="error">{message}</Notice>}
          <div className="form-buttons">
            <button type="submit" className="primary" disabled={busy || !name}>
              {t('users.signIn')}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
