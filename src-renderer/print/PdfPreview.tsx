import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

GlobalWorkerOptions.workerSrc = workerUrl;

/** The PDF inside the app, page by page (pdf.js), in a dialog that Esc closes. */
export function PdfPreview({ bytes, title, onClose }: { bytes: Uint8Array; title: string; onClose(): void }) {
  const { t } = useTranslation();
  const pagesRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const [pages, setPages] = useState(0);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    closeRef.current?.focus();
    // disableFontFace: pdf.js draws each glyph from the embedded font program itself. With
    // browser font faces it re-shapes Arabic glyph by glyph and the preview reads wrong.
    const task = getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true });
    let cancelled = false;
    void task.promise
      .then(async (pdf) => {
        if (cancelled) return;
        setPages(pdf.numPages);
        const holder = pagesRef.current!;
        holder.replaceChildren();
        for (let n = 1; n <= pdf.numPages && !cancelled; n++) {
          const page = await pdf.getPage(n);
          const viewport = page.getViewport({ scale: 1.4 });
          const canvas = document.createElement('canvas');
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.className = 'pdf-page';
          canvas.setAttribute('aria-label', t('print.page', { page: n, pages: pdf.numPages }));
          holder.append(canvas);
          await page.render({ canvas, viewport }).promise;
        }
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [bytes, t]);

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal pdf-preview" role="dialog" aria-modal="true" aria-label={title}>
        <header>
          <h2>{title}</h2>
          {pages > 0 && <span className="hint">{t('print.page', { page: 1, pages })}</span>}
          <button ref={closeRef} type="button" onClick={onClose}>
            {t('print.closePreview')}
          </button>
        </header>
        {failed && (
          <p className="error" role="alert">
            {t('errors.internal')}
          </p>
        )}
        <div className="pdf-pages" ref={pagesRef} />
      </div>
    </div>
  );
}
