import { useEffect, useState } from 'react';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
import { DateField } from '../common/DateField';
import { counted } from '../i18n/counted';
import { todayIso } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';
import type { BulkOptions, BulkSend } from '../../src-shared/api/bulk.api';
import type { CallOutput } from '../../src-shared/api/contract';
import type { ErrorBody } from '../../src-shared/errors';
import { formatId, formatNumber } from '../../src-shared/i18n/locale';
import { formatDate } from '../../src-shared/money/money';
import { VOUCHER_TYPES, type VoucherType } from '../../src-shared/vouchers/types';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';
import { PartyPicker, resolveParty } from '../common/PartyPicker';
import { BulkProgress, shownStatus } from './BulkProgress';
import { PrinterMissingNotice, usePrinterMissing } from '../print/PrinterMissingNotice';

type Preview = CallOutput<'bulk.preview'>;

/** The bulk-email voucher: options, View (count, cost, skips), Send with live progress, and earlier ones. */
export function BulkScreen() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const go = useApp((s) => s.go);
  const canBuy = useApp((s) => s.canOpen('buy'));
  const printerMissing = usePrinterMissing() !== null;
  const [type, setType] = useState<VoucherType | ''>('sales_invoice');
  const [by, setBy] = useState<'number' | 'date'>('date');
  const [from, setFrom] = useState(`${new Date().getFullYear()}-01-01`);
  const [to, setTo] = useState(() => todayIso());
  const [partyMode, setPartyMode] = useState<'all' | 'party' | 'kind'>('all');
  const [party, setParty] = useState({ id: '', label: '' });
  const [kind, setKind] = useState<'customer' | 'supplier' | 'employee'>('customer');
  const [includeCancelled, setIncludeCancelled] = useState(false);
  const [skipAlreadySent, setSkipAlreadySent] = useState(true);
  const [docLanguage, setDocLanguage] = useState<'document' | 'ar' | 'en'>('document');
  const [cc, setCc] = useState('');
  const [note, setNote] = useState('');
  const [testTo, setTestTo] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [history, setHistory] = useState<BulkSend[]>([]);

  const loadHistory = () =>
    void call('bulk.list', {}).then(
      (r) => setHistory(r.items),
      () => {},
    );
  useEffect(loadHistory, []);

  async function options(): Promise<BulkOptions> {
    const chosen = partyMode === 'party' ? await resolveParty(['customer', 'supplier', 'employee'], party) : party;
    if (chosen !== party) setParty(chosen);
    return {
      type: type || undefined,
      range: by === 'number' ? { by, from: Number(from) || 1, to: Number(to) || 1 } : { by, from, to },
      party:
        partyMode === 'party'
          ? { mode: 'party', partyId: chosen.id || 'none' }
          : partyMode === 'kind'
            ? { mode: 'kind', kind }
            : { mode: 'all' },
      includeCancelled,
      skipAlreadySent,
      language: docLanguage,
      cc: cc.split(/[,;\s]+/).filter(Boolean),
      note,
    };
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
      loadHistory();
    });
  const testSend = run(async () => {
    await call('bulk.testSend', { options: await options(), to: testTo });
    setNotice(t('bulk.testQueued', { to: testTo }));
  });

  const short = error?.details.reason === 'credits_short' ? error.details : null;
  const rangeInput = (value: string, set: (v: string) => void, label: string) =>
    by === 'date' ? (
      <span className="inline-field">
        {label} <DateField aria-label={label} value={value} onChange={set} />
      </span>
    ) : (
      <label className="inline-field">
        {label} <input inputMode="numeric" dir="ltr" value={value} onChange={(e) => set(e.target.value)} />
      </label>
    );

  return (
    <div className="screen bulk-screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>{t('bulk.title')}</h1>
        <span className="intro">{t('bulk.intro')}</span>
      </header>
      <section className="panel">
        <div className="grid grid-3">
          <div className="field">
            <label htmlFor="bulk-type">{t('bulk.type')}</label>
            <select id="bulk-type" value={type} onChange={(e) => setType(e.target.value as VoucherType | '')}>
              <option value="">{t('bulk.allTypes')}</option>
              {VOUCHER_TYPES.map((v) => (
                <option key={v} value={v}>
                  {t(`vouchers.type.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field methods">
            <legend>{t('bulk.rangeBy')}</legend>
            {(['number', 'date'] as const).map((b) => (
              <label key={b} className="check">
                <input
                  type="radio"
                  name="bulk-by"
                  checked={by === b}
                  onChange={() => {
                    setBy(b);
                    setFrom(b === 'number' ? '1' : `${new Date().getFullYear()}-01-01`);
                    setTo(b === 'number' ? '1000' : todayIso());
                  }}
                />
                {t(b === 'number' ? 'bulk.byNumber' : 'bulk.byDate')}
              </label>
            ))}
          </fieldset>
          <div className="field range-fields">
            {rangeInput(from, setFrom, t('bulk.from'))}
            {rangeInput(to, setTo, t('bulk.to'))}
          </div>
          <div className="field">
            <label htmlFor="bulk-party-mode">{t('bulk.party')}</label>
            <select
              id="bulk-party-mode"
              value={partyMode}
              onChange={(e) => setPartyMode(e.target.value as typeof partyMode)}
            >
              <option value="all">{t('bulk.partyAll')}</option>
              <option value="party">{t('bulk.partyOne')}</option>
              <option value="kind">{t('bulk.partyKind')}</option>
            </select>
          </div>
          {partyMode === 'party' && (
            <div className="field">
              <label htmlFor="bulk-party">{t('bulk.partyOne')}</label>
              <PartyPicker
                id="bulk-party"
                kinds={['customer', 'supplier', 'employee']}
                value={party}
                onChange={setParty}
              />
            </div>
          )}
          {partyMode === 'kind' && (
            <div className="field">
              <label htmlFor="bulk-kind">{t('bulk.partyKind')}</label>
              <select id="bulk-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                {(['customer', 'supplier', 'employee'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`bulk.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="bulk-language">{t('bulk.language')}</label>
            <select
              id="bulk-language"
              value={docLanguage}
              onChange={(e) => setDocLanguage(e.target.value as typeof docLanguage)}
            >
              {(['document', 'ar', 'en'] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`bulk.languages.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-wide">
            <label className="check">
              <input
                type="checkbox"
                checked={includeCancelled}
                onChange={(e) => setIncludeCancelled(e.target.checked)}
              />
              {t('bulk.includeCancelled')}
            </label>
            <label className="check">
              <input type="checkbox" checked={skipAlreadySent} onChange={(e) => setSkipAlreadySent(e.target.checked)} />
              {t('bulk.skipAlreadySent')}
            </label>
          </div>
          <div className="field">
            <label htmlFor="bulk-cc">{t('bulk.cc')}</label>
            <input id="bulk-cc" dir="ltr" value={cc} onChange={(e) => setCc(e.target.value)} />
          </div>
          <div className="field field-wide">
            <label htmlFor="bulk-note">{t('bulk.note')}</label>
            <textarea id="bulk-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        </div>
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

      {active && <BulkProgress id={active} onChanged={loadHistory} />}

      {preview && (
        <section className="panel" aria-label={t('bulk.view')}>
          <p className="strong" data-testid="bulk-summary">
            {t('bulk.summary', {
              messages: counted(t, 'messages', preview.messages),
              recipients: counted(t, 'addresses', preview.recipients),
              cost: counted(t, 'credits', preview.cost),
              balance: preview.balance === null ? '—' : formatNumber(language, preview.balance),
            })}
          </p>
          <BulkPace preview={preview} />
          <p>
            {t('bulk.skipped')}:{' '}
            {Object.entries(preview.skipped)
              .filter(([, n]) => n > 0)
              .map(([reason, n]) => `${t(`bulk.reasons.${reason as keyof typeof preview.skipped}`)} (${n})`)
              .join(' · ') || '—'}
          </p>
          <h3>{t('bulk.documents', { count: preview.documents.length })}</h3>
          <table className="list" aria-label={t('bulk.documents', { count: preview.documents.length })}>
            <thead>
              <tr>
                <th>{t('bulk.columns.date')}</th>
                <th>{t('bulk.columns.document')}</th>
                <th>{t('bulk.columns.party')}</th>
                <th>{t('bulk.columns.to')}</th>
                <th>{t('bulk.columns.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.documents.map((d) => (
                <tr key={d.voucherId} className={d.skip ? 'archived' : undefined}>
                  <td>{formatDate(d.date, language)}</td>
                  <td>
                    {t(`vouchers.one.${d.type}`)} {formatId(language, d.number)}
                  </td>
                  <td>{d.partyName}</td>
                  <td dir="ltr" className="emails-cell">
                    {d.to.join(', ')}
                  </td>
                  <td>{d.skip ? t(`bulk.reasons.${d.skip}`) : t('bulk.willSend')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className="panel">
        <h2>{t('bulk.history')}</h2>
        {history.length === 0 ? (
          <p className="empty">{t('bulk.noHistory')}</p>
        ) : (
          <table className="list">
            <tbody>
              {history.map((b) => (
                <tr key={b.id}>
                  <td>
                    <button type="button" className="link" onClick={() => setActive(b.id)}>
                      {t('bulk.progress', { number: b.number })}
                    </button>
                  </td>
                  <td>{formatDate(b.createdAt.slice(0, 10), language)}</td>
                  <td>{t(`bulk.statuses.${shownStatus(b)}`)}</td>
                  <td>{t('bulk.tally', b.tally)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** How long the bulk takes under the mailbox's limits: "about 3 days at 500 a day". */
function BulkPace({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const { recipientsPerDay, messagesPerMinute } = preview.pace;
  if (recipientsPerDay !== null && preview.recipients > recipientsPerDay)
    return (
      <p data-testid="bulk-pace">
        {t('bulk.paceDays', { count: Math.ceil(preview.recipients / recipientsPerDay), perDay: recipientsPerDay })}
      </p>
    );
  if (messagesPerMinute !== null && preview.messages > messagesPerMinute)
    return (
      <p data-testid="bulk-pace">
        {t('bulk.paceMinutes', {
          count: Math.ceil(preview.messages / messagesPerMinute),
          perMinute: messagesPerMinute,
        })}
      </p>
    );
  return null;
}
