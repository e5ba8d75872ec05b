import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../src-shared/api/contract';
import type { ErrorBody } from '../../src-shared/errors';
import { formatNumber } from '../../src-shared/i18n/locale';
import { call, onEvent } from '../api';
import { confirmAction } from '../common/confirm';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { Form, Notice } from '../common/Form';
import { NotLoaded } from '../common/NotLoaded';
import { useCall } from '../common/useCall';
import { languageOf } from '../i18n/language';
import { draftOf, formOf, isLoopbackHost, type Location, type OfficeDraft } from './officeDraft';
import { OfficeServerFields } from './OfficeServerFields';
import { OwnerFields } from './OwnerFields';
import { reloadWhenBack } from './reloadWhenBack';

type Tested = CallOutput<'book.officeTest'>;

/** Settings → Book: where the book is, and how this desktop reaches the office server. */
export function BookLocationScreen() {
  const { value, error, reload } = useCall('book.location', {});
  if (!value) return <NotLoaded error={error} onRetry={reload} />;
  return <BookLocation location={value} />;
}

function BookLocation({ location }: { location: Location }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const [draft, setDraft] = useState<OfficeDraft>(() => draftOf(location));
  const [tested, setTested] = useState<Tested | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<'test' | 'use' | 'move' | 'here' | null>(null);
  const [progress, setProgress] = useState<{ table: string; done: number; total: number } | null>(null);
  const [officeKey, setOfficeKey] = useState<string | null>(null);
  const [restarting, setRestarting] = useState(false);

  useEffect(() => onEvent('book.moveProgress', setProgress), []);

  const change = (next: Partial<OfficeDraft>) => {
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
      message: t('bookLocation.moveConfirm', { database: draft.database, host: draft.host }),
      confirmLabel: t('bookLocation.move'),
    });
    if (yes) await restartedBy(await run('move', () => call('book.moveToOffice', formOf(draft))));
  }

  async function joinOffice() {
    const yes = await confirmAction({
      message: t('bookLocation.useConfirm', { database: draft.database, host: draft.host }),
      confirmLabel: t('bookLocation.use'),
    });
    if (yes) await restartedBy(await run('use', () => call('book.useOffice', formOf(draft))));
  }

  async function workHere() {
    const yes = await confirmAction({
      message: t('bookLocation.hereConfirm'),
      confirmLabel: t('bookLocation.here'),
      danger: true,
    });
    if (yes) await restartedBy(await run('here', () => call('book.useHere', {})));
  }

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
          <OfficeServerFields draft={draft} saved={saved} problems={problems} change={change} />
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
