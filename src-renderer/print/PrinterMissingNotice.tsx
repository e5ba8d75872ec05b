import { useTranslation } from 'react-i18next';
import { Notice } from '../common/Form';
import { useApp } from '../app/app.store';

/** What is missing for PDFs here (the Node host without Chromium), or null when they can be made. */
export const usePrinterMissing = () => useApp((s) => s.info?.printerMissing ?? null);

/**
 * Said where documents are previewed, printed, saved or emailed, when no PDF can be made here:
 * what is missing and the command that installs it (left to right, even in Arabic).
 */
export function PrinterMissingNotice() {
  const { t } = useTranslation();
  const missing = usePrinterMissing();
  if (!missing) return null;
  return (
    <Notice kind="error">
      {t('print.missing')}{' '}
      {missing.install ? (
        <>
          {t('print.installWith')} <code dir="ltr">{missing.install}</code>
        </>
      ) : (
        t('print.installChromium')
      )}
    </Notice>
  );
}
