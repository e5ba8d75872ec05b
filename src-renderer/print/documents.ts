import type { PrintTarget } from '../../src-shared/api/print.api';
import { call } from '../api';

/** The document's PDF as bytes, with its file name (the same file email attaches). */
export async function fetchPdf(target: PrintTarget): Promise<{ bytes: Uint8Array; fileName: string }> {
  const { pdfBase64, fileName } = await call('print.pdf', { target });
  return { bytes: base64Bytes(pdfBase64), fileName };
}

/** Bytes from the base64 a call answers with. */
export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Save the PDF where the user chooses (the browser's or Electron's save dialog). */
export async function savePdf(target: PrintTarget): Promise<void> {
  const { bytes, fileName } = await fetchPdf(target);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Send the document's page to a printer: the host prints it where it can (Electron);
 * otherwise the very HTML the PDF is made from is printed from a hidden frame.
 */
export async function printDocument(target: PrintTarget): Promise<void> {
  if ((await call('print.send', { target })).handled) return;
  const { html } = await call('print.html', { target });
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;inset-inline-start:-10000px';
  frame.srcdoc = html;
  await new Promise<void>((resolve) => {
    frame.onload = () => resolve();
    document.body.append(frame);
  });
  frame.contentWindow?.focus();
  frame.contentWindow?.print();
  setTimeout(() => frame.remove(), 60_000);
}
