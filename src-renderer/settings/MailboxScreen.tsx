import { sameServer, type ServerFields } from '../../src-shared/email/same-server';
import { useState } from 'react';
import type { DomainCheck } from '../../src-shared/api/mailbox.api';
import { DomainCheckResult } from './DomainCheckResult';
import { TestReadBack } from './TestReadBack';
import { useTranslation } from 'react-i18next';
import type {
  Mailbox,
  MailboxInput,
  OAuthProviderId,
  SendingLimits,
  SmtpOutcome,
  SmtpSecurity,
} from '../../src-shared/api/mailbox.api';
import { MAIL_PRESET_IDS, MAIL_PRESETS, type MailPresetId } from '../../src-shared/email/mail-presets';
import type { ErrorBody } from '../../src-shared/errors';
import { asciiDigits } from '../../src-shared/money/money';
import { call } from '../api';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Form, FormButtons, Notice } from '../common/Form';
import { useCall } from '../common/useCall';
import { NotLoaded } from '../common/NotLoaded';
import { PortField } from '../common/PortField';
import { ImapFieldset, imapDraftOf, imapOf, type ImapDraft, type ImapTestResult } from './ImapFieldset';

const DEFAULT_PORT: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

/** How the form signs in: a password, or OAuth2 with one provider. */
type SignInMethod = 'password' | OAuthProviderId;
type LimitKey = keyof SendingLimits;
const LIMIT_KEYS: LimitKey[] = ['recipientsPerMessage', 'messagesPerMinute', 'recipientsPerDay'];
type Draft = Omit<MailboxInput, 'port' | 'signIn' | 'limits' | 'imap' | 'imapPassword'> & {
  port: string;
  imap: ImapDraft;
  imapPassword: string;
  method: SignInMethod;
  oauthIssuer: string;
  oauthClientId: string;
  /** Each limit as typed; empty: no limit. */
  limits: Record<LimitKey, string>;
};
const limitText = (n: number | null) => (n === null ? '' : String(n));
/** Limits as the form shows them: each as text, empty for none. */
const limitsText = (limits: SendingLimits): Draft['limits'] => ({
  recipientsPerMessage: limitText(limits.recipientsPerMessage),
  messagesPerMinute: limitText(limits.messagesPerMinute),
  recipientsPerDay: limitText(limits.recipientsPerDay),
});
interface SmtpResult {
  outcome: SmtpOutcome;
  reply: string | null;
  to?: string;
  /** A test message: its Message-ID, and the form it went with (to read it back the same way). */
  messageId?: string | null;
  sentWith?: MailboxInput;
}

export function MailboxScreen() {
  const { value, error, reload } = useCall('mailbox.get', {});
  if (!value) return <NotLoaded error={error} onRetry={reload} />;
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
  method: m.signIn === 'oauth2' ? m.oauth.provider : 'password',
  preset: m.preset,
  limits: limitsText(m.limits),
  oauthIssuer: m.oauth.issuer,
  oauthClientId: m.oauth.clientId,
  imap: imapDraftOf(m.imap),
  imapPassword: '',
});

/** The form's SMTP server as the core compares it with the saved one (a changed one needs the password again). */
const smtpServerOf = (d: Draft): ServerFields => ({
  host: d.host,
  port: Number(d.port),
  security: d.security,
  username: d.username,
});

function MailboxForm({ initial }: { initial: Mailbox }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'send' | 'signin' | 'domain' | 'imap' | null>(null);
  const [imapResult, setImapResult] = useState<ImapTestResult | null>(null);
  const [domainCheck, setDomainCheck] = useState<DomainCheck | null>(null);
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

  const input = (): MailboxInput => {
    const { method, oauthIssuer: _issuer, oauthClientId: _clientId, limits, imap, imapPassword, ...fields } = draft;
    const limit = (text: string) => (text.trim() ? Number(text) : null);
    return {
      ...fields,
      limits: {
        recipientsPerMessage: limit(limits.recipientsPerMessage),
        messagesPerMinute: limit(limits.messagesPerMinute),
        recipientsPerDay: limit(limits.recipientsPerDay),
      },
      port: Number(draft.port),
      imap: imapOf(imap),
      imapPassword: imapPassword || undefined,
      password: method === 'password' && draft.password ? draft.password : undefined,
      clearPassword: draft.clearPassword || undefined,
      signIn: method === 'password' ? 'password' : 'oauth2',
    };
  };

  async function run(kind: 'save' | 'test' | 'send' | 'signin' | 'domain' | 'imap', action: () => Promise<void>) {
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
      const stored = await call('mailbox.save', input());
      setSaved(stored);
      setDraft(draftOf(stored));
      setNotice('saved');
    });
  /** A provider's preset fills the server, security, sign-in and its limits (all still editable). */
  const choosePreset = (preset: MailPresetId) => {
    setNotice(null);
    if (preset === 'other') return setDraft((d) => ({ ...d, preset }));
    const p = MAIL_PRESETS[preset];
    setDraft((d) => ({
      ...d,
      preset,
      host: p.host,
      port: String(p.port),
      security: p.security,
      method: p.signIn.kind === 'oauth2' ? p.signIn.provider : 'password',
      limits: limitsText(p.limits),
      imap: {
        ...d.imap,
        host: p.imap.host,
        port: String(p.imap.port),
        security: p.imap.security,
        sentCopy: p.imap.sentCopy,
      },
    }));
  };

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
  const testImap = () => run('imap', async () => setImapResult(await call('mailbox.testImap', { draft: input() })));
  const test = () => run('test', async () => setResult(await call('mailbox.testConnection', { draft: input() })));
  const checkDomain = () =>
    run('domain', async () => setDomainCheck(await call('mailbox.checkDomain', { draft: input() })));
  const checkButton = (
    <button type="button" onClick={() => void checkDomain()} disabled={busy !== null}>
      {busy === 'domain' ? t('mailbox.domain.checking') : t('mailbox.domain.check')}
    </button>
  );
  const sendTest = () =>
    run('send', async () => {
      const sentWith = input();
      setResult({ ...(await call('mailbox.sendTest', { to: testTo, draft: sentWith })), to: testTo, sentWith });
    });
  // With reading on, a test to the mailbox itself comes back: it shows how the receiving server judged it.
  const sentToSelf = (r: SmtpResult) =>
    r.to !== undefined && r.to.trim().toLowerCase() === r.sentWith?.address.trim().toLowerCase();

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
                  {(['tls', 'starttls', 'none'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`mailbox.security.${s}`)}
                    </option>
                  ))}
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
              <Field
                label={t('mailbox.fields.password')}
                errors={errors.password}
                hint={
                  draft.clearPassword
                    ? t('mailbox.passwordWillClear')
                    : !saved.passwordSaved
                      ? t('mailbox.passwordNone')
                      : sameServer(smtpServerOf(draft), saved) || draft.password
                        ? null
                        : t('mailbox.passwordForOtherServer')
                }
              >
                {(props) => (
                  <div className="password-field">
                    <input
                      {...props}
                      type="password"
                      dir="ltr"
                      autoComplete="new-password"
                      placeholder={
                        saved.passwordSaved && sameServer(smtpServerOf(draft), saved) ? t('mailbox.passwordSaved') : ''
                      }
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
          <fieldset className="limits">
            <legend>{t('mailbox.limits')}</legend>
            <p className="hint">{t('mailbox.limitsHint')}</p>
            <div className="grid grid-3">
              {LIMIT_KEYS.map((key) => (
                <Field key={key} label={t(`mailbox.limit.${key}`)} errors={errors[`limits.${key}`]}>
                  {(props) => (
                    <input
                      {...props}
                      dir="ltr"
                      inputMode="numeric"
                      placeholder={t('mailbox.noLimit')}
                      value={draft.limits[key]}
                      onChange={(e) =>
                        set('limits', { ...draft.limits, [key]: asciiDigits(e.target.value).replace(/[^0-9]/g, '') })
                      }
                    />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
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
              {error.details.reason === 'signin_refused' ||
              error.details.reason === 'signin_timeout' ||
              error.details.reason === 'signin_required' ||
              error.details.reason === 'imap_password_unbound' ||
              error.details.reason === 'oauth_not_configured'
                ? t(`mailbox.signInErrors.${error.details.reason}`, error.details)
                : errorHeadline(t, error)}
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
        {domainCheck && <DomainCheckResult check={domainCheck} />}
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
            {result.outcome === 'ok' &&
              result.messageId &&
              result.sentWith?.imap?.enabled &&
              (sentToSelf(result) ? (
                <TestReadBack
                  key={result.messageId}
                  messageId={result.messageId}
                  draft={result.sentWith}
                  domain={result.sentWith.address.split('@').pop() ?? ''}
                />
              ) : (
                <p className="hint">{t('mailbox.readBack.offerOwn', { address: result.sentWith.address })}</p>
              ))}
          </div>
        )}
      </section>
    </div>
  );
}

/** OAuth2 sign-in: which provider (issuer and client ID for "other"), who is signed in, sign in or out. */
function OAuthPanel(props: {
  method: OAuthProviderId;
  saved: Mailbox;
  busy: boolean;
  issuer: string;
  clientId: string;
  errors: Record<string, string[]>;
  onIssuer(value: string): void;
  onClientId(value: string): void;
  onSignIn(): void;
  onSignOut(): void;
}) {
  const { t } = useTranslation();
  const { saved } = props;
  const signedIn = saved.signedInAs !== null && saved.signIn === 'oauth2' && saved.oauth.provider === props.method;
  return (
    <div className="field field-wide oauth-panel">
      {props.method === 'other' && (
        <div className="grid">
          <Field label={t('mailbox.oauthIssuer')} errors={props.errors.issuer}>
            {(field) => (
              <input
                {...field}
                dir="ltr"
                value={props.issuer}
                placeholder="https://login.example.com"
                onChange={(e) => props.onIssuer(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('mailbox.oauthClientId')} errors={props.errors.clientId}>
            {(field) => (
              <input {...field} dir="ltr" value={props.clientId} onChange={(e) => props.onClientId(e.target.value)} />
            )}
          </Field>
        </div>
      )}
      <p className="hint">{t('mailbox.oauthHint')}</p>
      <p role="status" data-testid="oauth-status">
        {props.busy ? (
          t('mailbox.signingIn')
        ) : signedIn ? (
          <>
            {t('mailbox.signedInAs')} <bdi dir="ltr">{saved.signedInAs}</bdi>
          </>
        ) : (
          t('mailbox.notSignedIn')
        )}
      </p>
      <div className="buttons">
        <button type="button" className="primary" onClick={props.onSignIn} disabled={props.busy}>
          {t('mailbox.signInWith')} — {t(`mailbox.signInMethods.${props.method}`)}
        </button>
        {signedIn && (
          <button type="button" onClick={props.onSignOut} disabled={props.busy}>
            {t('mailbox.signOut')}
          </button>
        )}
      </div>
    </div>
  );
}
