import { escapeHtml } from '../src-shared/text/escape';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  joinRequest,
  orderRequest,
  registerRequest,
  syncRequest,
  type ErrorAnswer,
  type FieldIssue,
  type JoinAnswer,
  type OrderAnswer,
  type OrdersAnswer,
  type RegisterAnswer,
  type SyncAnswer,
} from '../src-shared/licensing/wire';
import { SANDBOX_SIGNATURE_HEADER, signSandboxEvent } from './providers/sandbox';
import type { PaymentProvider } from './providers/types';
import * as service from './service';
import { DEFAULT_LIMITS, RateLimiter } from './rate-limit';
import { LicensingError, type LicensingContext } from './service';

const MAX_BODY = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new LicensingError(413, 'too_large', 'Body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parse<T>(schema: z.ZodType<T>, raw: string): T {
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    throw new LicensingError(400, 'bad_json', 'The body is not JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    // A field the wire does not know is named itself, not the object that holds it.
    const issues: FieldIssue[] = result.error.issues
      .flatMap((i) =>
        (i.code === 'unrecognized_keys' ? i.keys.map((key) => [...i.path, key]) : [i.path]).map((path) => ({
          field: path.join('.').slice(0, 200),
          message: i.message.slice(0, 500),
        })),
      )
      .slice(0, 20);
    throw new LicensingError(
      400,
      'invalid_input',
      issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      undefined,
      issues,
    );
  }
  return result.data;
}

/** Each answer a desktop reads is typed by the wire's schema where it is made (see the routes). */
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

function page(res: ServerResponse, status: number, title: string, body: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'cache-control': 'no-store',
  });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:520px;margin:60px auto;padding:0 20px}button{font-size:16px;padding:8px 18px;margin-inline-end:10px}</style></head><body>${body}</body></html>`,
  );
}

export interface LicensingServerOptions {
  ctx: LicensingContext;
  port?: number;
  host?: string;
  /** Secret shared with the sandbox provider for its webhooks. */
  sandboxWebhookSecret?: string;
  /** Behind a reverse proxy: take the client's address from the last X-Forwarded-For hop. */
  trustProxy?: boolean;
}

export interface LicensingServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** The licensing service over HTTP: JSON API for desktops, provider webhooks, the sandbox checkout. */
export async function startLicensingServer(options: LicensingServerOptions): Promise<LicensingServer> {
  const { ctx } = options;
  let url = '';
  const provider = (name: string): PaymentProvider | undefined => ctx.providers.find((p) => p.name === name);
  const limiter = new RateLimiter(ctx.limits ?? DEFAULT_LIMITS, () => ctx.now().getTime());
  const addressOf = (req: IncomingMessage): string => {
    const forwarded = options.trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')
          .pop()
          ?.trim()
      : '';
    return forwarded || req.socket.remoteAddress || 'unknown';
  };

  async function sandboxAction(orderId: string, token: string | null, action: 'pay' | 'cancel', res: ServerResponse) {
    const order = await service.findOrder(ctx, orderId);
    if (!order || order.provider !== 'sandbox' || token !== order.checkout_token)
      return page(res, 404, 'Not found', '<p>No such checkout.</p>');
    if (!options.sandboxWebhookSecret)
      return page(res, 500, 'Sandbox', '<p>The sandbox provider has no webhook secret.</p>');
    // Deliver the webhook over HTTP to ourselves, exactly as a provider would.
    const body = JSON.stringify({
      id: `evt_${randomUUID()}`,
      type: action === 'pay' ? 'order.paid' : 'order.cancelled',
      orderId,
      ...(action === 'pay' ? { amountCents: order.total_cents, currency: order.currency } : {}),
    });
    const signature = signSandboxEvent(options.sandboxWebhookSecret, body, Math.floor(ctx.now().getTime() / 1000));
    const delivered = await fetch(`${url}/webhooks/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
      body,
    });
    if (!delivered.ok) return page(res, 502, 'Sandbox', '<p>The webhook was refused.</p>');
    return page(
      res,
      200,
      'Daftar sandbox checkout',
      action === 'pay'
        ? '<h1>Payment received</h1><p>You can return to Daftar; the new messages arrive with the next sync.</p>'
        : '<h1>Payment cancelled</h1><p>Nothing was charged.</p>',
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://localhost');
    const path = u.pathname;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const address = addressOf(req);

    if (req.method === 'GET' && path === '/v1/pricing') return json(res, 200, service.PRICING);
    // Where a provider sends the buyer back after paying or giving up.
    if (req.method === 'GET' && path === '/paid')
      return page(
        res,
        200,
        'Daftar',
        '<h1>Thank you</h1><p>Return to Daftar: the messages arrive with the next sync.</p>',
      );
    if (req.method === 'GET' && path === '/cancelled')
      return page(
        res,
        200,
        'Daftar',
        '<h1>Payment not completed</h1><p>Nothing was charged. You can order again from Daftar.</p>',
      );
    if (req.method === 'POST' && path === '/v1/register') {
      limiter.take('register', { address });
      const input = parse(registerRequest, await readBody(req));
      const answer: RegisterAnswer = await service.register(ctx, input.companyName, input.deviceName, input.installId);
      return json(res, 201, answer);
    }
    if (req.method === 'POST' && path === '/v1/join') {
      limiter.take('join', { address });
      const input = parse(joinRequest, await readBody(req));
      const answer: JoinAnswer = await service.join(ctx, input.accountKey, input.deviceName);
      return json(res, 201, answer);
    }
    if (req.method === 'POST' && path === '/v1/sync') {
      const device = await service.authenticate(ctx, bearer);
      limiter.take('sync', { address, account: device.account_id });
      const answer: SyncAnswer = await service.sync(ctx, device, parse(syncRequest, await readBody(req)));
      return json(res, 200, answer);
    }
    if (path === '/v1/orders') {
      const device = await service.authenticate(ctx, bearer);
      if (req.method === 'GET') {
        const answer: OrdersAnswer = { orders: await service.listOrders(ctx, device) };
        return json(res, 200, answer);
      }
      if (req.method === 'POST') {
        limiter.take('orders', { address, account: device.account_id });
        const input = parse(orderRequest, await readBody(req));
        const answer: OrderAnswer = await service.createOrder(ctx, device, input.packs, input.method);
        return json(res, 201, answer);
      }
    }
    const webhook = /^\/webhooks\/([a-z]+)$/.exec(path);
    if (req.method === 'POST' && webhook) {
      const p = provider(webhook[1]!);
      if (!p) return json(res, 404, { code: 'unknown_provider' });
      const raw = await readBody(req);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      const parsed = await p.parseWebhook(raw, headers, Math.floor(ctx.now().getTime() / 1000));
      if (!parsed.ok) return json(res, 400, { code: 'bad_signature', reason: parsed.reason });
      const outcome = parsed.event ? await service.applyOrderEvent(ctx, p.name, parsed.event) : 'ignored';
      return json(res, 200, { received: true, outcome });
    }
    const checkout = /^\/sandbox\/checkout\/([0-9A-Z]+)(\/(pay|cancel))?$/.exec(path);
    if (checkout) {
      const [, orderId, , action] = checkout;
      if (req.method === 'POST' && action) {
        const form = new URLSearchParams(await readBody(req));
        return sandboxAction(orderId!, form.get('token'), action as 'pay' | 'cancel', res);
      }
      if (req.method === 'GET' && !action) {
        const order = await service.findOrder(ctx, orderId!);
        const token = u.searchParams.get('token') ?? '';
        if (!order || order.provider !== 'sandbox' || token !== order.checkout_token)
          return page(res, 404, 'Not found', '<p>No such checkout.</p>');
        const amount = `${(order.total_cents / 100).toFixed(2)} ${escapeHtml(order.currency)}`;
        const form = (act: string, label: string) =>
          `<form method="post" action="/sandbox/checkout/${order.id}/${act}" style="display:inline"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${label}</button></form>`;
        return page(
          res,
          200,
          'Daftar sandbox checkout',
          `<h1>Sandbox checkout</h1><p>Daftar email service: ${order.packs} × ${order.pack_size} messages (${escapeHtml(order.method)}).</p><p><strong>Total: ${amount}</strong></p><p>State: ${escapeHtml(order.state)}</p>${order.state === 'pending' ? form('pay', 'Pay') + form('cancel', 'Cancel') : ''}`,
        );
      }
    }
    return json(res, 404, { code: 'not_found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof LicensingError) {
        if (error.retryAfter !== undefined) res.setHeader('retry-after', String(error.retryAfter));
        const answer: ErrorAnswer = {
          code: error.code,
          message: error.message,
          ...(error.retryAfter !== undefined ? { retryAfterSeconds: error.retryAfter } : {}),
          ...(error.issues ? { issues: error.issues } : {}),
        };
        return json(res, error.status, answer);
      }
      console.error('[licensing]', error);
      if (!res.headersSent) json(res, 500, { code: 'internal' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  return {
    server,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
