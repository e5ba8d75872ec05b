/**
 * Completes a sign-in at the test provider the way a person does in the browser: open the
 * authorization URL, fill in its login page, accept its consent page, and follow the redirect
 * to the app's loopback address. Cookies are kept between pages as a browser keeps them.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<Response> {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const headers = () => ({ cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 10; step++) {
    let res: Response;
    if (url.pathname.startsWith('/interaction/')) {
      const page = await fetch(url, { headers: headers() });
      keep(page);
      const prompt = /name="prompt" value="(\w+)"/.exec(await page.text())?.[1] ?? 'consent';
      const form: Record<string, string> =
        prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt };
      res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
    } else {
      res = await fetch(url, { redirect: 'manual', headers: headers() });
    }
    keep(res);
    const next = res.headers.get('location');
    // The provider sent the browser back to the app: that request is the app's to answer.
    if (!next) return res;
    url = new URL(next, url);
  }
  throw new Error('the sign-in did not come back to the app');
}
