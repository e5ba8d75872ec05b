import { useState } from 'react';
import { confirmAction } from '../common/confirm';
import { useTranslation } from 'react-i18next';
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
import { useVouchers } from '../vouchers/vouchers.store';

type Detail = CallOutput<'mailReport.detail'>;

/** One message in full: recipients, subject, note, its PDF and document, each attempt, and Send again. */
export function MessageDetail({
  detail,
  time,
  onResent,
}: {
  detail: Detail;
  time(iso: string | null): string;
  onResent(): void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const canResend = useApp((s) => s.may('mailReport.resend'));
  const go = useApp((s) => s.go);
  const [pdf, setPdf] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const attempt = (action: () => Promise<void>) => () => void action().catch((e: unknown) => setError(errorBody(e)));

  const openPdf = attempt(async () =>
    setPdf(base64Bytes((await call('mailReport.attachment', { id: detail.id })).pdfBase64)),
  );

  const openDocument = attempt(async () => {
    const source = detail.source;
    if (source.kind === 'voucher') {
      const voucher = await call('vouchers.get', { id: source.id });
      useVouchers.setState({ pendingOpen: source.id });
      go({ screen: 'vouchers', type: voucher.type });
    } else {
      go({
        screen: 'statement',
        which: source.kind === 'employeeStatement' ? 'employee' : 'account',
        show: source.input,
      });
    }
  });

  const resend = attempt(async () => {
    const message = t('report.confirmResend', { credits: counted(t, 'credits', detail.credits) });
    if (!(await confirmAction({ message, confirmLabel: t('report.resend') }))) return;
    await call('mailReport.resend', { id: detail.id });
    setNotice(t('report.resent'));
    onResent();
  });

  const missing = error?.code === 'not_found' && error.details.reason === 'attachment_missing';
  return (
    <section className="panel message-detail" aria-label={t('report.detail')}>
      <h2>{detail.sourceTitle}</h2>
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
        <dd data-status={detail.status}>{t(`mail.statuses.${detail.status}`)}</dd>
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
        <button type="button" onClick={openDocument}>
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
