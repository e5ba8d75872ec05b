import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, CallOutput } from '../../src-shared/api/contract';
import type { ErrorBody } from '../../src-shared/errors';
import { formatNumber } from '../../src-shared/i18n/locale';
import { call, onEvent } from '../api';
import { confirmAction } from '../common/confirm';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Field, Form, Notice } from '../common/Form';
import { PortField } from '../common/PortField';
import { languageOf } from '../i18n/language';
import { OwnerFields, ownerOf, type OwnerDraft } from './OwnerFields';
import { reloadWhenBack } from './reloadWhenBack';

type Location = CallOutput<'book.location'>;
type Tested = CallOutput<'book.officeTest'>;
type OfficeForm = CallInput<'book.officeTest'>;

interface Draft extends OwnerDraft {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  tls: 'off' | 'verify';
  ca: string;
  clientCert: string;
  clientKey: string;
  officeKey: string;
}

const draftOf = (location: Location): Draft => ({
  host: location.office?.host ?? '',
  port: String(location.office?.port ?? 5432),
  database: location.office?.database ?? 'daftar',
  user: location.office?.user ?? 'daftar',
  password: '',
  tls: location.office?.tls ?? 'verify',
  ca: location.office?.ca ?? '',
  clientCert: location.office?.clientCert ?? '',
  clientKey: '',
  officeKey: '',
  ownerUser: '',
  ownerPassword: '',
});

/** The form as the call takes it: a secret left empty keeps the saved one. */
const formOf = (d: Draft): OfficeForm => ({
  host: d.host.trim(),
  port: Number(d.port || 0),
  database: d.database.trim(),
  user: d.user.trim(),
  tls: d.tls,
  ca: d.ca,
  clientCert: d.clientCert,
  ...(d.password ? { password: d.password } : {}),
  ...(d.clientKey ? { clientKey: d.clientKey } : {}),
  ...(d.officeKey.trim() ? { officeKey: d.officeKey.trim() } : {}),
  ...ownerOf(d),
});

/** This computer (loopback, or a Unix socket's folder): the only office server Daftar reaches without TLS (the core refuses any other). */
export const isLoopbackHost = (host: string) => {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name.startsWith('/')
  );
};

/**
 * Whether the form still reaches the saved server the way its password was saved for: the same
 * server and user, TLS, CA and client certificate. Otherwise the saved password is not sent.
 */
const reachedAsSaved = (d: Draft, saved: NonNullable<Location['office']>) =>
  d.host.trim().toLowerCase() === saved.host.trim().toLowerCase() &&
  Number(d.port) === saved.port &&
  d.database.trim() === saved.database &&
  d.user.trim() === saved.user &&
  d.tls === saved.tls &&
  (d.tls === 'off' || (d.ca.trim() === saved.ca.trim() && d.clientCert.trim() === saved.clientCert.trim()));

/** A PEM file chosen from disk, read as text. */
function PemField(props: { label: string; hint?: string; value: string; onChange(value: string): void }) {
  const { t } = useTranslation();
  return (
    <Field label={props.label} hint={props.value ? t('bookLocation.pemChosen') : props.hint}>
      {(field) => (
        <input
          {...field}
          type="file"
          accept=".pem,.crt,.key,text/plain"
          onChange={(e) => void e.target.files?.[0]?.text().then(props.onChange)}
        />
      )}
    </Field>
  );
}

/** Settings → Book: where the book is, and how this desktop reaches the office server. */
export function BookLocationScreen() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const [location, setLocation] = useState<Location | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [tested, setTested] = useState<Tested | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<'test' | 'use' | 'move' | 'here' | null>(null);
  const [progress, setProgress] = useState<{ table: string; done: number; total: number } | null>(null);
  const [officeKey, setOfficeKey] = useState<string | null>(null);
  const [restarting, setRestarting] = useState(false);

  useEffect(() => {
    void call('book.location', {}).then(
      (l) => {
        setLocation(l);
        setDraft(draftOf(l));
      },
      (e: unknown) => setError(errorBody(e)),
    );
    return onEvent('book.moveProgress', setProgress);
  }, []);

  if (!location || !draft) return error ? <Notice kind="error">{errorHeadline(t, error)}</Notice> : null;
  const change = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    setTested(null);
  };
  const problems = fieldErrors(t, error);
  const saved = location.office;
  // The owner makes the book's tables (an empty database) or updates them: asked only then.
  const ownerAsked =
    tested?.holds === 'nothing' ||
    error?.details.reason === 'office_needs_owner' ||
    error?.details.reason === 'office_not_owner' ||
    draft.ownerUser !== '';

  async function run<T>(which: NonNullable<typeof busy>, work: () => Promise<T>): Promise<T | null> {
    setBusy(which);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(errorBody(e));
      return null;
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  const restartedBy = async (answer: { restarting: boolean } | null) => {
    if (!answer?.restarting) return;
    setRestarting(true);
    await reloadWhenBack();
  };

  const test = () => void run('test', () => call('book.officeTest', formOf(draft))).then((r) => r && setTested(r));

  async function move() {
    const yes = await confirmAction({
      message: t('bookLocation.moveConfirm', { database: draft!.database, host: draft!.host }),
      confirmLabel: t('bookLocation.move'),
    });
    if (yes) await restartedBy(await run('move', () => call('book.moveToOffice', formOf(draft!))));
  }

  async function joinOffice() {
    const yes = await confirmAction({
      message: t('bookLocation.useConfirm', { database: draft!.database, host: draft!.host }),
      confirmLabel: t('bookLocation.use'),
    });
    if (yes) await restartedBy(await run('use', () => call('book.useOffice', formOf(draft!))));
  }

  async function workHere() {
    const yes = await confirmAction({
      message: t('bookLocation.hereConfirm'),
      confirmLabel: t('bookLocation.here'),
      danger: true,
    });
    if (yes) await restartedBy(await run('here', () => call('book.useHere', {})));
  }

  const savedHint = (isSaved: boolean | undefined) => (isSaved ? t('bookLocation.savedSecret') : undefined);

  return (
    <div className="screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('bookLocation.title')}</h1>
      </header>
      <section className="panel">
        <h2>{t('bookLocation.now')}</h2>
        <p>
          {location.open === 'office' && saved
            ? t('bookLocation.openOffice', { database: saved.database, where: `${saved.host}:${saved.port}` })
            : t('bookLocation.openHere')}
        </p>
        {saved && saved.tls === 'off' && !isLoopbackHost(saved.host) && (
          <Notice kind="error">{t('bookLocation.inClearSaved', { host: saved.host })}</Notice>
        )}
        {location.open === 'here' ? (
          <p className="hint">
            {t('bookLocation.file')} <bdi dir="ltr">{location.file}</bdi>
          </p>
        ) : (
          <div className="form-buttons">
            <button
              type="button"
              onClick={() =>
                void run('test', () => call('book.officeKey', {})).then((r) => r && setOfficeKey(r.officeKey))
              }
            >
              {t('bookLocation.showKey')}
            </button>
            <button type="button" className="danger" disabled={busy !== null} onClick={() => void workHere()}>
              {t('bookLocation.here')}
            </button>
          </div>
        )}
        {officeKey && (
          <Notice kind="info">
            {t('bookLocation.keyExplain')}
            <code dir="ltr" className="office-key">
              {officeKey}
            </code>
            <button type="button" onClick={() => void navigator.clipboard?.writeText(officeKey)}>
              {t('bookLocation.copyKey')}
            </button>
          </Notice>
        )}
      </section>

      <section className="panel">
        <h2>{t('bookLocation.server')}</h2>
        <p className="hint">{t('bookLocation.serverExplain')}</p>
        <Form onSubmit={test} label={t('bookLocation.server')}>
          <div className="grid">
            <Field label={t('bookLocation.host')} errors={problems.host} required>
              {(p) => <input {...p} dir="ltr" value={draft.host} onChange={(e) => change({ host: e.target.value })} />}
            </Field>
            <PortField
              label={t('bookLocation.port')}
              errors={problems.port}
              value={draft.port}
              onChange={(port) => change({ port })}
            />
            <Field label={t('bookLocation.database')} errors={problems.database} required>
              {(p) => (
                <input {...p} dir="ltr" value={draft.database} onChange={(e) => change({ database: e.target.value })} />
              )}
            </Field>
            <Field label={t('bookLocation.user')} errors={problems.user} required>
              {(p) => <input {...p} dir="ltr" value={draft.user} onChange={(e) => change({ user: e.target.value })} />}
            </Field>
            <Field
              label={t('bookLocation.password')}
              errors={problems.password}
              hint={
                saved?.passwordSaved && !draft.password
                  ? reachedAsSaved(draft, saved)
                    ? t('bookLocation.savedSecret')
                    : t('bookLocation.passwordRetype')
                  : undefined
              }
            >
              {(p) => (
                <input
                  {...p}
                  type="password"
                  dir="ltr"
                  autoComplete="new-password"
                  value={draft.password}
                  onChange={(e) => change({ password: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('bookLocation.tls')} errors={problems.tls} hint={t(`bookLocation.tlsHint_${draft.tls}`)}>
              {(p) => (
                <select {...p} value={draft.tls} onChange={(e) => change({ tls: e.target.value as Draft['tls'] })}>
                  <option value="verify">{t('bookLocation.tls_verify')}</option>
                  <option value="off">{t('bookLocation.tls_off')}</option>
                </select>
              )}
            </Field>
            {draft.tls === 'verify' && (
              <>
                <PemField
                  label={t('bookLocation.ca')}
                  hint={t('bookLocation.caHint')}
                  value={draft.ca}
                  onChange={(ca) => change({ ca })}
                />
                <PemField
                  label={t('bookLocation.clientCert')}
                  hint={t('bookLocation.clientCertHint')}
                  value={draft.clientCert}
                  onChange={(clientCert) => change({ clientCert })}
                />
                <PemField
                  label={t('bookLocation.clientKey')}
                  hint={savedHint(saved?.clientKeySaved && reachedAsSaved(draft, saved))}
                  value={draft.clientKey}
                  onChange={(clientKey) => change({ clientKey })}
                />
              </>
            )}
            <Field
              label={t('bookLocation.officeKey')}
              errors={problems.officeKey}
              hint={savedHint(saved?.officeKeySaved) ?? t('bookLocation.officeKeyHint')}
              wide
            >
              {(p) => (
                <input
                  {...p}
                  dir="ltr"
                  autoComplete="off"
                  spellCheck={false}
                  value={draft.officeKey}
                  onChange={(e) => change({ officeKey: e.target.value })}
                />
              )}
            </Field>
          </div>
          {ownerAsked && (
            // The owner is for this call only: typing it changes nothing the test found.
            <OwnerFields value={draft} onChange={(next) => setDraft({ ...draft, ...next })} errors={problems} />
          )}
          {error && !error.details.fields && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
          {tested && (
            <Notice kind="ok">
              {tested.holds === 'nothing'
                ? t('bookLocation.testedEmpty')
                : t('bookLocation.testedBook', {
                    parties: formatNumber(language, tested.parties),
                    vouchers: formatNumber(language, tested.vouchers),
                  })}{' '}
              {tested.keyOpens === true && t('bookLocation.keyOpens')}
              {tested.keyOpens === false && t('bookLocation.keyNeeded')}
            </Notice>
          )}
          {progress && (
            <Notice kind="info">
              {t('bookLocation.moving', {
                table: progress.table,
                done: formatNumber(language, progress.done),
                total: formatNumber(language, progress.total),
              })}
              <progress value={progress.done} max={Math.max(progress.total, 1)} />
            </Notice>
          )}
          {restarting && <Notice kind="info">{t('bookLocation.restarting')}</Notice>}
          <div className="form-buttons">
            <button type="submit" disabled={busy !== null}>
              {busy === 'test' ? t('bookLocation.testing') : t('bookLocation.test')}
            </button>
            {tested?.holds === 'nothing' && location.open === 'here' && (
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void move()}>
                {busy === 'move' ? t('bookLocation.movingShort') : t('bookLocation.move')}
              </button>
            )}
            {tested?.holds === 'book' && (
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void joinOffice()}>
                {t('bookLocation.use')}
              </button>
            )}
          </div>
        </Form>
      </section>
    </div>
  );
}
