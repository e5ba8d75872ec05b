import { GlobalWorkerOptions, TextLayer, getDocument, type PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages as wide as the dialog allows, never wider than 1.4 times their size in points. */
const MAX_SCALE = 1.4;

/**
 * One page: the drawing on a canvas, and over it pdf.js's text layer, the very text a PDF reader
 * finds in the file, so the preview can be searched, selected and copied.
 */
async function renderPage(page: PDFPageProxy, width: number, label: string): Promise<HTMLDivElement> {
  const scale = Math.min(MAX_SCALE, width / page.getViewport({ scale: 1 }).width);
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;
  const holder = document.createElement('div');
  holder.className = 'pdf-page';
  holder.style.setProperty('--total-scale-factor', String(scale));
  holder.style.width = `${viewport.width}px`;
  holder.style.height = `${viewport.height}px`;
  holder.setAttribute('aria-label', label);
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  const text = document.createElement('div');
  text.className = 'textLayer';
  holder.append(canvas, text);
  await page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
  await new TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
  return holder;
}

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
        const width = holder.clientWidth - 32; // the padding of .pdf-pages
        for (let n = 1; n <= pdf.numPages && !cancelled; n++) {
          const label = t('print.page', { page: n, pages: pdf.numPages });
          holder.append(await renderPage(await pdf.getPage(n), width, label));
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
