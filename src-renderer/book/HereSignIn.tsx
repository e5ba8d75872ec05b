import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../src-shared/errors';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { errorBody, errorHeadline } from '../common/errors';
import { Field, Form, Notice } from '../common/Form';
import { languageOf } from '../i18n/language';

/** One of the book file's users, asked before the office problem screen opens that file. */
export function HereSignIn({ onSignIn }: { onSignIn: (name: string, password: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    try {
      await onSignIn(name, password);
    } catch (e) {
      setError(errorBody(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  // The same words as the sign-in screen's for a wrong password or a locked user.
  const reason = error?.details.reason;
  const message =
    error?.details.reason === 'locked'
      ? t('users.locked', { time: formatDateTime(languageOf(i18n), error.details.until, { timeStyle: 'short' }) })
      : reason === 'wrong_password' || reason === 'login_required'
        ? t('users.wrong')
        : error
          ? errorHeadline(t, error)
          : null;
  return (
    <section className="panel here-sign-in">
      <p>{t('bookLocation.hereSignIn')}</p>
      <Form onSubmit={() => void submit()} label={t('bookLocation.here')}>
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
  );
}
