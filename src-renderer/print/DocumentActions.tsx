import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintTarget } from '../../src-shared/api/print.api';
import type { ErrorBody } from '../../src-shared/errors';
import { errorBody, errorHeadline } from '../common/errors';
import { Notice } from '../common/Form';
import { useApp } from '../app/app.store';
import { SendDialog } from '../mail/SendDialog';
import { fetchPdf, printDocument, savePdf } from './documents';
import { PdfPreview } from './PdfPreview';
import { PrinterMissingNotice, usePrinterMissing } from './PrinterMissingNotice';

/** Email (a party's document), Preview, Print and Save PDF; all come from the same page. */
export function DocumentActions({
  target,
  title,
  emailOpen = false,
  onEmailClosed,
}: {
  target: PrintTarget;
  title: string;
  emailOpen?: boolean;
  onEmailClosed?(): void;
}) {
  const { t } = useTranslation();
  const [working, setBusy] = useState(false);
  // Without a way to make PDFs, nothing here can work: the notice says why and how to fix it.
  const printerMissing = usePrinterMissing() !== null;
  const busy = working || printerMissing;
  const [error, setError] = useState<ErrorBody | null>(null);
  const [preview, setPreview] = useState<Uint8Array | null>(null);
  const [emailing, setEmailing] = useState(emailOpen);
  // Only a party's document can be emailed; the mail report is printed or saved.
  const mailable = target.kind === 'mailReport' ? null : target;
  const canEmail = useApp((s) => s.may('mail.send')) && mailable !== null;

  const run = (action: () => Promise<void>) => async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorBody(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="document-actions">
      {canEmail && (
        <button type="button" className="envelope" disabled={busy} onClick={() => setEmailing(true)}>
          <span aria-hidden="true">✉</span> {t('mail.email')}
        </button>
      )}
      <button type="button" disabled={busy} onClick={run(async () => setPreview((await fetchPdf(target)).bytes))}>
        {t('print.preview')}
      </button>
      <button type="button" disabled={busy} onClick={run(() => printDocument(target))}>
        {t('print.print')}
      </button>
      <button type="button" disabled={busy} onClick={run(() => savePdf(target))}>
        {t('print.savePdf')}
      </button>
      {working && <span className="hint">{t('print.working')}</span>}
      <PrinterMissingNotice />
      {error && <Notice kind="error">{errorHeadline(t, error)}</Notice>}
      {preview && <PdfPreview bytes={preview} title={title} onClose={() => setPreview(null)} />}
      {emailing && mailable && canEmail && (
        <SendDialog
          target={mailable}
          title={title}
          onClose={() => {
            setEmailing(false);
            onEmailClosed?.();
          }}
        />
      )}
    </div>
  );
}
