import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DomainCheck, Mailbox, OAuthProviderId, SmtpSecurity } from '../../src-shared/api/mailbox.api';
import { sameServer } from '../../src-shared/email/same-server';
import { MAIL_PRESET_IDS, type MailPresetId } from '../../src-shared/email/mail-presets';
import type { ErrorBody, ErrorDetails } from '../../src-shared/errors';
import { call } from '../api';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Form, FormButtons, Notice } from '../common/Form';
import { PortField } from '../common/PortField';
import { SecurityOptions } from './SecurityOptions';
import { DomainCheckResult } from './DomainCheckResult';
import { ImapFieldset, type ImapTestResult } from './ImapFieldset';
import { MailboxPasswordField } from './MailboxPasswordField';
import { draftOf, inputOf, withPreset, withSecurity, type MailboxDraft, type SignInMethod } from './mailboxDraft';
import { OAuthPanel } from './OAuthPanel';
import { SendingLimitsFieldset } from './SendingLimitsFieldset';
import { SendTestField } from './SendTestField';
import { SmtpResultView, type SmtpResult } from './SmtpResultView';

type Busy = 'save' | 'test' | 'send' | 'signin' | 'domain' | 'imap';
const SIGN_IN_ERRORS = [
  'signin_refused',
  'signin_timeout',
  'signin_required',
  'imap_password_unbound',
  'oauth_not_configured',
] as const;
type SignInError = Extract<ErrorDetails, { reason: (typeof SIGN_IN_ERRORS)[number] }>;
const isSignInError = (d: ErrorDetails): d is SignInError => (SIGN_IN_ERRORS as readonly unknown[]).includes(d.reason);

/** The sender mailbox: server, sign-in, limits and reading; test the connection, send a test, check the domain. */
export function MailboxForm({ initial }: { initial: Mailbox }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<MailboxDraft>(() => draftOf(initial));
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [imapResult, setImapResult] = useState<ImapTestResult | null>(null);
  const [domainCheck, setDomainCheck] = useState<DomainCheck | null>(null);
  const [notice, setNotice] = useState<'saved' | null>(null);
  const [result, setResult] = useState<SmtpResult | null>(null);
  const [testTo, setTestTo] = useState('');

  const set = <K extends keyof MailboxDraft>(key: K, value: MailboxDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setNotice(null);
  };
  const setSecurity = (security: SmtpSecurity) => setDraft((d) => withSecurity(d, security));
  const choosePreset = (preset: MailPresetId) => {
    setNotice(null);
    setDraft((d) => withPreset(d, preset));
  };

  async function run(kind: Busy, action: () => Promise<void>) {
    setBusy(kind);
    setResult(null);
    setImapResult(null);
    setDomainCheck(null);
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
      const stored = await call('mailbox.save', inputOf(draft));
      setSaved(stored);
      setDraft(draftOf(stored));
      setNotice('saved');
    });
  /** The provider's page opens in the browser; Daftar waits for its answer, then shows who signed in. */
  const signIn = (provider: OAuthProviderId) =>
    run('signin', async () => {
      const started = await call('mailbox.startSignIn', {
        provider,
        issuer: draft.oauthIssuer.trim(),
        clientId: draft.oauthClientId.trim(),
        // Its tokens go only to these servers (and the provider's own): changing them means signing in again.
        servers: [draft.host.trim(), draft.imap.enabled && !draft.imap.username.trim() ? draft.imap.host.trim() : ''],
      });
      if (!started.opened) window.open(started.authorizationUrl, '_blank', 'noopener');
      const signedIn = await call('mailbox.finishSignIn', {});
      setSaved(signedIn);
      setDraft((d) => ({ ...d, method: provider }));
    });
  const signOut = () => run('signin', async () => setSaved(await call('mailbox.signOut', {})));
  const testImap = () =>
    run('imap', async () => setImapResult(await call('mailbox.testImap', { draft: inputOf(draft) })));
  const test = () =>
    run('test', async () => setResult(await call('mailbox.testConnection', { draft: inputOf(draft) })));
  const checkDomain = () =>
    run('domain', async () => setDomainCheck(await call('mailbox.checkDomain', { draft: inputOf(draft) })));
  const checkButton = (
    <button type="button" onClick={() => void checkDomain()} disabled={busy !== null}>
      {busy === 'domain' ? t('mailbox.domain.checking') : t('mailbox.domain.check')}
    </button>
  );
  const sendTest = () =>
    run('send', async () => {
      const sentWith = inputOf(draft);
      setResult({ ...(await call('mailbox.sendTest', { to: testTo, draft: sentWith })), to: testTo, sentWith });
    });

  const errors = fieldErrors(t, error);
  const signInError = error && isSignInError(error.details) ? error.details : null;
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
        <h1 tabIndex={-1}>{t('mailbox.title')}</h1>
        <span className="intro">{t('mailbox.intro')}</span>
      </header>
      <section className="panel">
        <Form onSubmit={() => void save()} onCancel={() => setDraft(draftOf(saved))} label={t('mailbox.title')}>
          <div className="grid">
            <Field label={t('mailbox.preset')} hint={t('mailbox.presetHint')}>
              {(props) => (
                <select {...props} value={draft.preset} onChange={(e) => choosePreset(e.target.value as MailPresetId)}>
                  {MAIL_PRESET_IDS.map((p) => (
                    <option key={p} value={p}>
                      {t(`mailbox.presets.${p}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {text('displayName')}
            {text('address', 'ltr')}
            {text('replyTo', 'ltr')}
            {text('host', 'ltr')}
            <Field label={t('mailbox.fields.security')} errors={errors.security}>
              {(props) => (
                <select {...props} value={draft.security} onChange={(e) => setSecurity(e.target.value as SmtpSecurity)}>
                  <SecurityOptions />
                </select>
              )}
            </Field>
            <PortField
              label={t('mailbox.fields.port')}
              errors={errors.port}
              value={draft.port}
              onChange={(port) => set('port', port)}
            />
            {text('username', 'ltr')}
            <Field label={t('mailbox.signInMethod')}>
              {(props) => (
                <select {...props} value={draft.method} onChange={(e) => set('method', e.target.value as SignInMethod)}>
                  {(['password', 'microsoft', 'google', 'other'] as const).map((m) => (
                    <option key={m} value={m}>
                      {t(`mailbox.signInMethods.${m}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {draft.method === 'password' ? (
              <MailboxPasswordField draft={draft} saved={saved} errors={errors.password} set={set} />
            ) : (
              <OAuthPanel
                method={draft.method}
                saved={saved}
                busy={busy === 'signin'}
                issuer={draft.oauthIssuer}
                clientId={draft.oauthClientId}
                errors={errors}
                onIssuer={(v) => set('oauthIssuer', v)}
                onClientId={(v) => set('oauthClientId', v)}
                onSignIn={() => void signIn(draft.method as OAuthProviderId)}
                onSignOut={() => void signOut()}
              />
            )}
          </div>
          <SendingLimitsFieldset limits={draft.limits} errors={errors} onChange={(limits) => set('limits', limits)} />
          <ImapFieldset
            value={draft.imap}
            onChange={(imap) => set('imap', imap)}
            password={draft.imapPassword}
            onPassword={(v) => set('imapPassword', v)}
            passwordSaved={
              saved.imapPasswordSaved && sameServer({ ...draft.imap, port: Number(draft.imap.port) }, saved.imap)
            }
            errors={errors}
            busy={busy === 'imap'}
            onTest={() => void testImap()}
            result={imapResult}
          />
          {error && (
            <Notice kind="error">
              {signInError ? t(`mailbox.signInErrors.${signInError.reason}`, signInError) : errorHeadline(t, error)}
            </Notice>
          )}
          {notice === 'saved' && !error && (
            <Notice kind="ok">
              {t('common.saved')} {t('mailbox.domain.offerAfterSave')} {checkButton}
            </Notice>
          )}
          <FormButtons busy={busy === 'save'} onCancel={() => setDraft(draftOf(saved))}>
            <button type="button" onClick={() => void test()} disabled={busy !== null}>
              {busy === 'test' ? t('mailbox.testing') : t('mailbox.test')}
            </button>
            {notice !== 'saved' && checkButton}
          </FormButtons>
        </Form>
        <SendTestField
          to={testTo}
          onTo={setTestTo}
          onSend={() => void sendTest()}
          busy={busy !== null}
          sending={busy === 'send'}
          errors={errors.to}
        />
        {domainCheck && <DomainCheckResult check={domainCheck} />}
        {result && <SmtpResultView result={result} host={draft.host} port={draft.port} />}
      </section>
    </div>
  );
}
