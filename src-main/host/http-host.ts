import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { ServedCore } from '../hosting/core-holder';
import { findExport } from '../exports/exports';

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Cookies are not kept apart by port: the name carries ours, so no other host on 127.0.0.1 shares or overwrites it. */
const tokenCookie = (port: number) => `daftar_token_${port}`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface HttpHostOptions {
  core: Pick<ServedCore, 'call' | 'on'>;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The print fonts (resources/fonts): a printed page names them as `fonts/…`. */
  fontsDir: string;
  /** The core's data folder: files it wrote for the user are downloaded from /exports/<id>. */
  dataFolder: string;
  token: string;
  port?: number;
}

export interface HttpHost {
  server: Server;
  port: number;
  /** The URL to open: carries the token once; the page then keeps it in an HttpOnly cookie. */
  url: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage, port: number): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === tokenCookie(port)) return rest.join('=');
  }
  return undefined;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

/**
 * The Node host: the built renderer and the core's calls and events on 127.0.0.1.
 * Every request needs the per-run token (bearer header, cookie, or ?token= on the first
 * page load); without it the answer is 401 and nothing runs.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { core, rendererDir, fontsDir, dataFolder, token } = options;
  const streams = new Set<ServerResponse>();
  const unsubscribe = core.on((event) => {
    const frame = `event: daftar\ndata: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) res.write(frame);
  });
  let port = 0;

  function allowedHost(req: IncomingMessage): boolean {
    // Refuses DNS-rebinding: only our own loopback names may address us.
    return req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  }

  /**
   * Refuses what a page of another origin sends with our cookie: another site, or another
   * server on 127.0.0.1, which the browser counts as the same site. Requests from our own
   * page, typed addresses and non-browser clients (no such headers) pass.
   */
  function fromAnotherOrigin(req: IncomingMessage): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
    const origin = req.headers.origin;
    return origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`;
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const fonts = pathname.startsWith('/fonts/');
    const root = fonts ? fontsDir : rendererDir;
    const relative = normalize(decodeURIComponent(fonts ? pathname.slice('/fonts/'.length) : pathname)).replace(
      /^([/\\])+/,
      '',
    );
    let file = join(root, relative);
    if (!file.startsWith(root + sep) && file !== root) return send(res, 404, 'Not found');
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (fonts) return send(res, 404, 'Not found');
      file = join(rendererDir, 'index.html');
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // A font's URL names its version (?v=hash): the browser may keep it.
      'cache-control': fonts ? 'private, max-age=31536000, immutable' : 'no-store',
    });
    createReadStream(file).pipe(res);
  }

  /** A file the core wrote for the user (a CSV export), streamed as a download: never read whole. */
  function serveExport(id: string, res: ServerResponse): void {
    const file = findExport(dataFolder, id);
    if (!file) return send(res, 404, 'Not found');
    res.writeHead(200, {
      'content-type': file.fileName.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream',
      'content-length': statSync(file.path).size,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    createReadStream(file.path).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req)) return send(res, 421, 'Misdirected request');
    if (fromAnotherOrigin(req)) return send(res, 403, 'Forbidden: another origin');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    // First page load: trade the token in the URL for a cookie, and drop it from the address bar.
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!sameToken(url.searchParams.get('token') ?? undefined, token)) return send(res, 401, 'Unauthorized');
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return void res.end();
    }
    if (!sameToken(bearerToken(req) ?? cookieToken(req, port), token)) return send(res, 401, 'Unauthorized');

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only');
      let input: unknown;
      try {
        input = await readJson(req);
      } catch (error) {
        return send(
          res,
          error instanceof RangeError ? 413 : 400,
          error instanceof RangeError ? 'Too large' : 'Bad JSON',
        );
      }
      const answer = await core.call(decodeURIComponent(url.pathname.slice('/api/call/'.length)), input);
      return send(res, 200, JSON.stringify(answer), 'application/json; charset=utf-8');
    }

    if (url.pathname === '/api/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    if (url.pathname.startsWith('/exports/')) return serveExport(url.pathname.slice('/exports/'.length), res);
    serveStatic(url.pathname, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      unsubscribe();
      for (const res of streams) res.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections from the browser would hold the server open.
      server.closeAllConnections();
      await closed;
    },
  };
}
