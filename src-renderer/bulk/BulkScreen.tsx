import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { confirmAction } from '../common/confirm';
import { errorBody, errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';
import { resolveParty } from '../common/PartyPicker';
import { useCall } from '../common/useCall';
import { counted } from '../i18n/counted';
import { PrinterMissingNotice, usePrinterMissing } from '../print/PrinterMissingNotice';
import { BulkHistory } from './BulkHistory';
import { BulkOptionsFields } from './BulkOptionsFields';
import { BulkPreview, type Preview } from './BulkPreview';
import { BulkProgress } from './BulkProgress';
import { initialBulkDraft, optionsOf, PARTY_KINDS, type BulkDraft } from './bulkDraft';

/** The bulk-email voucher: options, View (count, cost, skips), Send with live progress, and earlier ones. */
export function BulkScreen() {
  const { t } = useTranslation();
  const go = useApp((s) => s.go);
  const canBuy = useApp((s) => s.canOpen('buy'));
  const printerMissing = usePrinterMissing() !== null;
  const [draft, setDraft] = useState<BulkDraft>(initialBulkDraft);
  const change = (next: Partial<BulkDraft>) => setDraft((d) => ({ ...d, ...next }));
  const [testTo, setTestTo] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const history = useCall('bulk.list', {});

  /** The options as the core takes them, with a typed card name resolved to its card. */
  async function options() {
    const { party } = draft;
    const chosen = draft.partyMode === 'party' ? await resolveParty(PARTY_KINDS, party) : party;
    if (chosen !== party) change({ party: chosen });
    return optionsOf(draft, chosen);
  }

  const run = (action: () => Promise<void>) => () =>
    void action().then(
      () => setError(null),
      (e: unknown) => setError(errorBody(e)),
    );

  const view = run(async () => {
    setNotice(null);
    setPreview(await call('bulk.preview', { options: await options() }));
  });
  const start = (limitToBalance: boolean) =>
    run(async () => {
      const o = await options();
      const p = preview ?? (await call('bulk.preview', { options: o }));
      if (
        !limitToBalance &&
        !(await confirmAction({
          message: t('bulk.confirm', {
            messages: counted(t, 'messages', p.messages),
            cost: counted(t, 'credits', p.cost),
          }),
          confirmLabel: t('bulk.send'),
        }))
      )
        return;
      const bulk = await call('bulk.start', { options: o, limitToBalance });
      // What was previewed is being sent now: a preview left on screen would say "will send" of sent ones.
      setPreview(null);
      setActive(bulk.id);
      history.reload();
    });
  const testSend = run(async () => {
    await call('bulk.testSend', { options: await options(), to: testTo });
    setNotice(t('bulk.testQueued', { to: testTo }));
  });

  const short = error?.details.reason === 'credits_short' ? error.details : null;
  return (
    <div className="screen bulk-screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('bulk.title')}</h1>
        <span className="intro">{t('bulk.intro')}</span>
      </header>
      <section className="panel">
        <BulkOptionsFields draft={draft} change={change} />
        <div className="form-buttons">
          <button type="button" onClick={view}>
            {t('bulk.view')}
          </button>
          <button type="button" className="primary" onClick={start(false)} disabled={printerMissing}>
            {t('bulk.send')}
          </button>
          <span className="inline-field">
            {t('bulk.testSend')}{' '}
            <input
              dir="ltr"
              aria-label={t('bulk.testSend')}
              value={testTo}
              onChange={(e) => setTestTo(e.target.value)}
            />
            <button type="button" onClick={testSend} disabled={!testTo.trim() || printerMissing}>
              {t('bulk.testSendButton')}
            </button>
          </span>
        </div>
        <PrinterMissingNotice />
        {notice && <Notice kind="ok">{notice}</Notice>}
        {short && (
          <Notice kind="error">
            {t('bulk.short', {
              needed: counted(t, 'credits', short.needed),
              balance: counted(t, 'credits', short.balance),
            })}{' '}
            <button type="button" onClick={start(true)}>
              {t('bulk.sendCovered')}
            </button>{' '}
            {canBuy && (
              <button type="button" className="link" onClick={() => go({ screen: 'buy' })}>
                {t('mail.buy')}
              </button>
            )}
          </Notice>
        )}
        {error && !short && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
      </section>

      {active && <BulkProgress id={active} onChanged={history.reload} />}
      {preview && <BulkPreview preview={preview} />}
      <BulkHistory history={history} onOpen={setActive} />
    </div>
  );
}
