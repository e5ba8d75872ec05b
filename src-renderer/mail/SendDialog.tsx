import { useEffect, useRef, useState } from 'react';
import { useRestoreFocus } from '../common/useRestoreFocus';
import { counted } from '../i18n/counted';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../src-shared/i18n/locale';
import { languageOf } from '../i18n/language';
import type { CallOutput } from '../../src-shared/api/contract';
import type { DocumentTarget } from '../../src-shared/api/print.api';
import { messageCost } from '../../src-shared/email/pricing';
import type { ErrorBody } from '../../src-shared/errors';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { useCards } from '../cards/cards.store';
import { errorBody, errorHeadline, fieldErrors } from '../common/errors';
import { FileName } from '../common/FileName';
import { Notice } from '../common/Form';
import { fetchPdf } from '../print/documents';
import { PdfPreview } from '../print/PdfPreview';
import { AddressChips } from './AddressChips';

type Prepared = CallOutput<'mail.prepare'>;

/** Email a document: the card's addresses as chips, CC, subject, note, the cost and balance, the attachment. */
export function SendDialog({ target, title, onClose }: { target: DocumentTarget; title: string; onClose(): void }) {
  useRestoreFocus();
  const { t, i18n } = useTranslation();
  const go = useApp((s) => s.go);
  const canBuy = useApp((s) => s.canOpen('buy'));
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [to, setTo] = useState<string[]>([]);
  const [cc, setCc] = useState<string[]>([]);
  const [subject, setSubject] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Uint8Array | null>(null);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    call('mail.prepare', { target })
      .then((p) => {
        if (!live) return;
        setPrepared(p);
        setTo(p.to);
        setSubject(p.subject);
      })
      .catch((e: unknown) => live && setError(errorBody(e)));
    return () => {
      live = false;
    };
  }, [target]);

  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('input, textarea, button')?.focus();
  }, [prepared]);

  const cost = messageCost(to, cc);
  const balance = prepared?.balance ?? null;
  const short = balance !== null && cost > balance;

  async function send(confirmResend = false) {
    setBusy(true);
    try {
      await call('mail.send', { target, to, cc, subject, note, confirmResend });
      onClose();
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrors(t, error);
  const byChip = (prefix: 'to' | 'cc') =>
    Object.fromEntries(
      Object.entries(errors)
        .filter(([path]) => path.startsWith(`${prefix}.`))
        .map(([path, messages]) => [Number(path.split('.')[1]), messages]),
    );
  const alreadySentAt = error?.details.reason === 'already_sent' ? error.details.at : null;
  const noCredit = error?.details.reason === 'credits_short' ? error.details : null;

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div
        className="modal send-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('mail.emailTitle', { title })}
        ref={dialog}
      >
        <header>
          <h2>{t('mail.emailTitle', { title })}</h2>
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </header>
        <form
          className="modal-body"
          onSubmit={(e) => {
            e.preventDefault();
            if (!short && to.length) void send();
          }}
        >
          {!prepared && !error && <p className="loading">{t('common.loading')}</p>}
          {prepared && (
            <>
              {prepared.to.length === 0 && to.length === 0 && (
                <Notice kind="info">
                  {t('mail.noAddresses', { name: prepared.partyName })}{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      useCards.setState({ pendingOpen: prepared.partyId });
                      go({ screen: 'cards', kind: prepared.partyKind });
                    }}
                  >
                    {t('mail.openCard')}
                  </button>
                </Notice>
              )}
              <AddressChips label={t('mail.to')} values={to} onChange={setTo} serverErrors={byChip('to')} />
              <AddressChips label={t('mail.cc')} values={cc} onChange={setCc} serverErrors={byChip('cc')} />
              {/* About the recipients as a whole (more than the mailbox takes in one message). */}
              {errors.to?.map((message) => (
                <div key={message} className="error" role="alert">
                  {message}
                </div>
              ))}
              <div className="field field-wide">
                <label htmlFor="mail-subject">{t('mail.subject')}</label>
                <input id="mail-subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
                {errors.subject?.map((m) => (
                  <div key={m} className="error">
                    {m}
                  </div>
                ))}
              </div>
              <div className="field field-wide">
                <label htmlFor="mail-note">{t('mail.note')}</label>
                <textarea id="mail-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
              </div>
              <div className="attachment">
                <span>{t('mail.attachment')}:</span> <FileName name={prepared.fileName} />{' '}
                <span className="hint">
                  ({t('mail.size', { size: Math.max(1, Math.round(prepared.bytes / 1024)) })})
                </span>
                <button type="button" onClick={() => void fetchPdf(target).then((p) => setPreview(p.bytes))}>
                  {t('mail.preview')}
                </button>
              </div>
              <div className="cost" data-testid="mail-cost">
                <span>
                  {balance === null
                    ? t('mail.balanceUnknown')
                    : t('mail.balance', { messages: counted(t, 'messages', balance) })}
                </span>
                <span>{t('mail.cost', { count: cost })}</span>
              </div>
              {(short || noCredit) && (
                <Notice kind="error">
                  {t('mail.short', {
                    needed: counted(t, 'credits', noCredit?.needed ?? cost),
                    balance: counted(t, 'credits', noCredit?.balance ?? balance ?? 0),
                  })}{' '}
                  {canBuy && (
                    <button type="button" className="link" onClick={() => go({ screen: 'buy' })}>
                      {t('mail.buy')}
                    </button>
                  )}
                </Notice>
              )}
            </>
          )}
          {error && !alreadySentAt && !noCredit && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
          {alreadySentAt && (
            <Notice kind="info">
              {t('mail.alreadySent', {
                at: formatDateTime(languageOf(i18n), alreadySentAt, { dateStyle: 'medium', timeStyle: 'short' }),
              })}{' '}
              <button type="button" onClick={() => void send(true)}>
                {t('mail.sendAgain')}
              </button>
            </Notice>
          )}
          <div className="form-buttons">
            <button type="submit" className="primary" disabled={busy || !prepared || short || to.length === 0}>
              {busy ? t('mail.sending') : t('mail.send')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
        {preview && <PdfPreview bytes={preview} title={title} onClose={() => setPreview(null)} />}
      </div>
    </div>
  );
}
