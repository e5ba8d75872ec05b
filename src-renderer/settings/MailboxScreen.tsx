import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox, MailboxInput, SmtpOutcome, SmtpSecurity } from '../../src-shared/api/mailbox.api';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Form, FormButtons, Notice } from '../common/Form';
import { useLoaded } from './useLoaded';

const DEFAULT_PORT: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

type Draft = Omit<MailboxInput, 'port'> & { port: string };
interface SmtpResult {
  outcome: SmtpOutcome;
  reply: string | null;
  to?: string;
}

export function MailboxScreen() {
  const { value } = useLoaded(() => call('mailbox.get', {}));
  const { t } = useTranslation();
  if (!value) return <p className="loading">{t('common.loading')}</p>;
  return <MailboxForm initial={value} />;
}

const draftOf = (m: Mailbox): Draft => ({
  displayName: m.displayName,
  address: m.address,
  replyTo: m.replyTo,
  host: m.host,
  port: String(m.port),
  security: m.security,
  username: m.username,
  password: '',
  clearPassword: false,
});

function MailboxForm({ initial }: { initial: Mailbox }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'send' | null>(null);
  const [notice, setNotice] = useState<'saved' | null>(null);
  const [result, setResult] = useState<SmtpResult | null>(null);
  const [testTo, setTestTo] = useState('');

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setNotice(null);
  };
  const setSecurity = (security: SmtpSecurity) =>
    // Follow the usual port of the new security setting unless the user typed their own.
    setDraft((d) => ({
      ...d,
      security,
      port: d.port === String(DEFAULT_PORT[d.security]) ? String(DEFAULT_PORT[security]) : d.port,
    }));

  const input = (): MailboxInput => ({
    ...draft,
    port: Number(draft.port),
    password: draft.password ? draft.password : undefined,
    clearPassword: draft.clearPassword || undefined,
  });

  async function run(kind: 'save' | 'test' | 'send', action: () => Promise<void>) {
    setBusy(kind);
    setResult(null);
    try {
      await action();
      setError(null);
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(null);
    }
  }

  const save = () =>
    run('save', async () => {
      const stored = await call('mailbox.save', input());
      setSaved(stored);
      setDraft(draftOf(stored));
      setNotice('saved');
    });
  const test = () => run('test', async () => setResult(await call('mailbox.testConnection', { draft: input() })));
  const sendTest = () =>
    run('send', async () =>
      setResult({ ...(await call('mailbox.sendTest', { to: testTo, draft: input() })), to: testTo }),
    );

  const errors = fieldErrors(t, error);
  const text = (key: 'displayName' | 'address' | 'replyTo' | 'host' | 'username', dir?: 'ltr') => (
    <Field label={t(`mailbox.fields.${key}`)} errors={errors[key]}>
      {(props) => (
        <input
          {...props}
          dir={dir}
          value={draft[key]}
          onChange={(e) => set(key, e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </Field>
  );

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>{t('mailbox.title')}</h1>
        <span className="intro">{t('mailbox.intro')}</span>
      </header>
      <section className="panel">
        <Form onSubmit={() => void save()} onCancel={() => setDraft(draftOf(saved))} label={t('mailbox.title')}>
          <div className="grid">
            {text('displayName')}
            {text('address', 'ltr')}
            {text('replyTo', 'ltr')}
            {text('host', 'ltr')}
            <Field label={t('mailbox.fields.security')} errors={errors.security}>
              {(props) => (
                <select {...props} value={draft.security} onChange={(e) => setSecurity(e.target.value as SmtpSecurity)}>
                  {(['tls', 'starttls', 'none'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`mailbox.security.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('mailbox.fields.port')} errors={errors.port}>
              {(props) => (
                <input
                  {...props}
                  dir="ltr"
                  inputMode="numeric"
                  value={draft.port}
                  onChange={(e) => set('port', e.target.value.replace(/[^0-9]/g, ''))}
                />
              )}
            </Field>
            {text('username', 'ltr')}
            <Field
              label={t('mailbox.fields.password')}
              errors={errors.password}
              hint={
                draft.clearPassword
                  ? t('mailbox.passwordWillClear')
                  : saved.passwordSaved
                    ? null
                    : t('mailbox.passwordNone')
              }
            >
              {(props) => (
                <div className="password-field">
                  <input
                    {...props}
                    type="password"
                    dir="ltr"
                    autoComplete="new-password"
                    placeholder={saved.passwordSaved ? t('mailbox.passwordSaved') : ''}
                    value={draft.password ?? ''}
                    onChange={(e) => set('password', e.target.value)}
                  />
                  {saved.passwordSaved && (
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={!!draft.clearPassword}
                        onChange={(e) => set('clearPassword', e.target.checked)}
                      />
                      {t('mailbox.clearPassword')}
                    </label>
                  )}
                </div>
              )}
            </Field>
          </div>
          {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
          {notice === 'saved' && !error && <Notice kind="ok">{t('common.saved')}</Notice>}
          <FormButtons busy={busy === 'save'} onCancel={() => setDraft(draftOf(saved))}>
            <button type="button" onClick={() => void test()} disabled={busy !== null}>
              {busy === 'test' ? t('mailbox.testing') : t('mailbox.test')}
            </button>
          </FormButtons>
        </Form>
        <div className="send-test">
          <Field label={t('mailbox.testTo')} errors={errors.to}>
            {(props) => (
              <input
                {...props}
                dir="ltr"
                type="email"
                value={testTo}
                onChange={(e) => setTestTo(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void sendTest();
                  }
                }}
              />
            )}
          </Field>
          <button type="button" onClick={() => void sendTest()} disabled={busy !== null}>
            {busy === 'send' ? t('mailbox.sending') : t('mailbox.sendTest')}
          </button>
        </div>
        {result && (
          <div className="smtp-result" data-outcome={result.outcome}>
            <Notice kind={result.outcome === 'ok' ? 'ok' : 'error'}>
              {result.outcome === 'ok' && result.to
                ? t('mailbox.sentOk', { to: result.to })
                : t(`mailbox.outcome.${result.outcome}`, { host: draft.host, port: draft.port })}
              {result.reply && (
                <div className="server-reply">
                  {t('mailbox.serverSaid')}: <bdi dir="ltr">{result.reply}</bdi>
                </div>
              )}
            </Notice>
          </div>
        )}
      </section>
    </div>
  );
}
