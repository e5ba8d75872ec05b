import { useEffect, useRef, useState } from 'react';
import { useRestoreFocus } from '../common/useRestoreFocus';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
import { statusWord } from '../mail/outboxStatus';
import { BounceList } from '../mail/BounceList';
import { counted } from '../i18n/counted';
import { languageOf } from '../i18n/language';
import type { CallOutput } from '../../src-shared/api/contract';
import type { ErrorBody } from '../../src-shared/errors';
import { formatNumber } from '../../src-shared/i18n/locale';
import { call } from '../api';
import { useApp } from '../app/app.store';
import { errorBody, errorHeadline } from '../common/errors';
import { FileName } from '../common/FileName';
import { Notice } from '../common/Form';
import { base64Bytes } from '../print/documents';
import { PdfPreview } from '../print/PdfPreview';
import { openDocument } from '../common/openDocument';

type Detail = CallOutput<'mailReport.detail'>;

/** One message in full: recipients, subject, note, its PDF and document, each attempt, and Send again. */
export function MessageDetail({
  detail,
  time,
  onResent,
  onClose,
}: {
  detail: Detail;
  time(iso: string | null): string;
  onResent(): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  // Opened from the table, the keyboard goes to the panel; closing gives it back to the row it came from.
  const closeButton = useRef<HTMLButtonElement>(null);
  useRestoreFocus();
  useEffect(() => closeButton.current?.focus(), []);
  const language = languageOf(i18n);
  const canResend = useApp((s) => s.may('mailReport.resend'));
  const [pdf, setPdf] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const attempt = (action: () => Promise<void>) => () => void action().catch((e: unknown) => setError(errorBody(e)));

  const openPdf = attempt(async () =>
    setPdf(base64Bytes((await call('mailReport.attachment', { id: detail.id })).pdfBase64)),
  );

  const openSource = attempt(() => openDocument(detail.source));

  const resend = attempt(async () => {
    const message = t('report.confirmResend', { credits: counted(t, 'credits', detail.credits) });
    if (!(await confirmAction({ message, confirmLabel: t('report.resend') }))) return;
    await call('mailReport.resend', { id: detail.id });
    setNotice(t('report.resent'));
    onResent();
  });

  const missing = error?.code === 'not_found' && error.details.reason === 'attachment_missing';
  return (
    // A side panel over the report's end side: the table keeps its width, the details sit in view. Esc closes it.
    <section
      className="panel message-detail side-panel"
      aria-label={t('report.detail')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !pdf) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="side-panel-header">
        <h2>{detail.sourceTitle}</h2>
        <button type="button" ref={closeButton} onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      <dl className="facts">
        <dt>{t('mail.to')}</dt>
        <dd dir="ltr">{detail.to.join(', ')}</dd>
        {detail.cc.length > 0 && (
          <>
            <dt>{t('mail.cc')}</dt>
            <dd dir="ltr">{detail.cc.join(', ')}</dd>
          </>
        )}
        <dt>{t('mail.subject')}</dt>
        <dd>{detail.subject}</dd>
        {detail.note && (
          <>
            <dt>{t('report.note')}</dt>
            <dd className="notes">{detail.note}</dd>
          </>
        )}
        <dt>{t('report.status')}</dt>
        <dd data-status={detail.status}>{statusWord(t, detail.status)}</dd>
        <dt>{t('report.credits')}</dt>
        <dd>{formatNumber(language, detail.credits)}</dd>
        <dt>{t('report.user')}</dt>
        <dd>{detail.userName}</dd>
        <dt>{t('report.messageId')}</dt>
        <dd>
          <bdi dir="ltr">{detail.messageId}</bdi>
        </dd>
      </dl>
      <div className="document-actions">
        <button type="button" onClick={openPdf}>
          {t('report.openPdf')} <FileName name={detail.fileName} />
        </button>
        <button type="button" onClick={openSource}>
          {t('report.openDocument')}
        </button>
        {canResend && (
          <button type="button" onClick={resend}>
            {t('report.resend')}
          </button>
        )}
      </div>
      {error && <Notice kind="error">{missing ? t('report.attachmentMissing') : errorHeadline(t, error)}</Notice>}
      {notice && <Notice kind="ok">{notice}</Notice>}
      {detail.bounces.length > 0 && (
        <>
          <h3>{t('report.bounced')}</h3>
          <BounceList bounces={detail.bounces} />
        </>
      )}
      <h3>{t('report.attempts')}</h3>
      {detail.attempts.length === 0 && <p className="hint">{t('report.noAttempts')}</p>}
      <ul>
        {detail.attempts.map((a) => (
          <li key={a.attempt}>
            {time(a.at)} — {t(`report.outcomes.${a.outcome}`, { defaultValue: a.outcome })}{' '}
            {a.reply && <bdi dir="ltr">{a.reply}</bdi>}
          </li>
        ))}
      </ul>
      {pdf && <PdfPreview bytes={pdf} title={detail.fileName} onClose={() => setPdf(null)} />}
    </section>
  );
}
