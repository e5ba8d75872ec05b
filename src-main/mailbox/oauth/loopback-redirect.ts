import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../src-shared/errors';

const PAGE = `<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>Daftar</title>
<body style="font-family:sans-serif;text-align:center;margin-top:4em">
<h1>دفتر</h1><p>تم تسجيل الدخول. يمكنك إغلاق هذه النافذة والعودة إلى دفتر.</p>
<p dir="ltr">Signed in. You can close this window and go back to Daftar.</p></body></html>`;

/**
 * A one-shot listener on 127.0.0.1, on a port the system picks, for the provider's redirect
 * (RFC 8252 loopback redirect). Only the answer carrying our `state` counts; anything else
 * that knocks gets 400 and the wait goes on.
 */
export async function loopbackRedirect(
  expectedState: string,
  timeoutMs: number,
): Promise<{ redirectUri: string; answer: Promise<URL>; close(): void }> {
  let settle: { resolve(url: URL): void; reject(error: unknown): void } | null = null;
  const answer = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback' || url.searchParams.get('state') !== expectedState) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Not for this sign-in.');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    settle?.resolve(new URL(`${redirectUri}${url.search}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const timer = setTimeout(
    () => settle?.reject(AppError.because('signin_timeout', 'Nobody finished signing in at the provider in time')),
    timeoutMs,
  );
  // Waiting for a person must not keep a closing app alive.
  timer.unref();
  return {
    redirectUri,
    answer,
    close() {
      clearTimeout(timer);
      // Closed before an answer came (a new sign-in began, the app is closing): whoever waits is told.
      settle?.reject(AppError.because('signin_timeout', 'The sign-in was closed before the provider answered'));
      server.close();
      server.closeAllConnections();
    },
  };
}
