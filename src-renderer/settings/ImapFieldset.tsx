import { useTranslation } from 'react-i18next';
import type { ImapSettings, SmtpOutcome, SmtpSecurity } from '../../src-shared/api/mailbox.api';
import { Field, Notice } from '../common/Form';
import { PortField } from '../common/PortField';
import { SecurityOptions } from './SecurityOptions';
import { ReaderStatusNotice } from './ReaderStatusNotice';

/** The IMAP settings as the form holds them: the port as typed. */
export type ImapDraft = Omit<ImapSettings, 'port'> & { port: string };
export const imapDraftOf = (s: ImapSettings): ImapDraft => ({ ...s, port: String(s.port) });
export const imapOf = (d: ImapDraft): ImapSettings => ({ ...d, port: Number(d.port) });

const IMAP_PORT: Record<SmtpSecurity, number> = { tls: 993, starttls: 143, none: 143 };

export interface ImapTestResult {
  outcome: SmtpOutcome;
  reply: string | null;
  sentFolder: string | null;
}

/**
 * Reading the mailbox (optional): where, how to sign in (as SMTP does, or a user of its own), and
 * the Sent copy. A test button reports as the SMTP test does, and names the Sent folder it found.
 */
export function ImapFieldset(props: {
  value: ImapDraft;
  onChange(value: ImapDraft): void;
  password: string;
  onPassword(value: string): void;
  passwordSaved: boolean;
  errors: Record<string, string[]>;
  busy: boolean;
  onTest(): void;
  result: ImapTestResult | null;
}) {
  const { t } = useTranslation();
  const { value, onChange, errors } = props;
  const set = <K extends keyof ImapDraft>(key: K, v: ImapDraft[K]) => onChange({ ...value, [key]: v });
  return (
    <fieldset className="limits imap">
      <legend>{t('mailbox.imap.title')}</legend>
      <label className="check">
        <input type="checkbox" checked={value.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        {t('mailbox.imap.enabled')}
      </label>
      <p className="hint">{t('mailbox.imap.hint')}</p>
      {value.enabled && (
        <>
          <ReaderStatusNotice />
          <div className="grid grid-3">
            <Field label={t('mailbox.imap.host')} errors={errors['imap.host']}>
              {(p) => (
                <input
                  {...p}
                  dir="ltr"
                  spellCheck={false}
                  value={value.host}
                  onChange={(e) => set('host', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('mailbox.fields.security')} errors={errors['imap.security']}>
              {(p) => (
                <select
                  {...p}
                  value={value.security}
                  onChange={(e) => {
                    const security = e.target.value as SmtpSecurity;
                    // Follow the usual port of the new setting unless the user typed their own.
                    const port =
                      value.port === String(IMAP_PORT[value.security]) ? String(IMAP_PORT[security]) : value.port;
                    onChange({ ...value, security, port });
                  }}
                >
                  <SecurityOptions />
                </select>
              )}
            </Field>
            <PortField
              label={t('mailbox.fields.port')}
              errors={errors['imap.port']}
              value={value.port}
              onChange={(port) => set('port', port)}
            />
            <Field label={t('mailbox.imap.username')} hint={t('mailbox.imap.usernameHint')}>
              {(p) => (
                <input
                  {...p}
                  dir="ltr"
                  spellCheck={false}
                  autoComplete="off"
                  value={value.username}
                  onChange={(e) => set('username', e.target.value)}
                />
              )}
            </Field>
            {value.username.trim() && (
              <Field label={t('mailbox.imap.password')}>
                {(p) => (
                  <input
                    {...p}
                    type="password"
                    dir="ltr"
                    autoComplete="new-password"
                    placeholder={props.passwordSaved ? t('mailbox.passwordSaved') : ''}
                    value={props.password}
                    onChange={(e) => props.onPassword(e.target.value)}
                  />
                )}
              </Field>
            )}
          </div>
          <label className="check">
            <input type="checkbox" checked={value.sentCopy} onChange={(e) => set('sentCopy', e.target.checked)} />
            {t('mailbox.imap.sentCopy')}
          </label>
          <p className="hint">{t('mailbox.imap.sentCopyHint')}</p>
          {value.sentCopy && (
            <Field label={t('mailbox.imap.sentFolder')} hint={t('mailbox.imap.sentFolderHint')}>
              {(p) => (
                <input
                  {...p}
                  dir="ltr"
                  spellCheck={false}
                  value={value.sentFolder}
                  onChange={(e) => set('sentFolder', e.target.value)}
                />
              )}
            </Field>
          )}
          <div className="buttons">
            <button type="button" onClick={props.onTest} disabled={props.busy}>
              {props.busy ? t('mailbox.testing') : t('mailbox.imap.test')}
            </button>
          </div>
          {props.result && (
            <div className="smtp-result" data-outcome={props.result.outcome}>
              <Notice
                kind={props.result.outcome === 'ok' && (props.result.sentFolder || !value.sentCopy) ? 'ok' : 'error'}
              >
                {t(`mailbox.outcome.${props.result.outcome}`, { host: value.host, port: value.port })}{' '}
                {props.result.outcome === 'ok' &&
                  (props.result.sentFolder
                    ? t('mailbox.imap.sentFound', { folder: props.result.sentFolder })
                    : t(value.sentCopy ? 'mailbox.imap.sentNotMade' : 'mailbox.imap.sentMissing'))}
                {props.result.reply && (
                  <div className="server-reply">
                    {t('mailbox.serverSaid')}: <bdi dir="ltr">{props.result.reply}</bdi>
                  </div>
                )}
              </Notice>
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}
