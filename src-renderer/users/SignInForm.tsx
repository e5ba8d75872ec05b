import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../src-shared/errors';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { errorBody, errorHeadline } from '../common/errors';
import { Field, Form, Notice } from '../common/Form';
import { languageOf } from '../i18n/language';

/**
 * A user's name and password, and the words for a wrong one or a locked user: the sign-in screen's,
 * and the rescue screen's before it opens the book file here.
 */
export function SignInForm(props: { label: string; onSignIn: (name: string, password: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    try {
      await props.onSignIn(name, password);
    } catch (e) {
      setError(errorBody(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

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
    <Form onSubmit={() => void submit()} label={props.label}>
      <Field label={t('users.name')}>
        {(field) => (
          <input {...field} autoFocus value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" />
        )}
      </Field>
      <Field label={t('users.password')}>
        {(field) => (
          <input
            {...field}
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
  );
}
