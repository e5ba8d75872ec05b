import { createVerify } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { BoundedCache } from '../bounded-cache';
import type { PaymentProvider, WebhookResult } from './types';

export interface PayPalOptions {
  clientId: string;
  clientSecret: string;
  /** The id PayPal gave the webhook registered for this server (part of the signed message). */
  webhookId: string;
  /** https://api-m.paypal.com, or https://api-m.sandbox.paypal.com for PayPal's own sandbox. */
  apiBase: string;
  returnUrl: string;
  cancelUrl: string;
  fetch?: typeof fetch;
  toleranceSeconds?: number;
}

/** Only PayPal's own hosts may serve the certificate a webhook is checked with. */
export const isPayPalCertUrl = (url: string) => {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' &&
      (u.hostname === 'api.paypal.com' || u.hostname === 'api.sandbox.paypal.com' || u.hostname.endsWith('.paypal.com'))
    );
  } catch {
    return false;
  }
};

/** PayPal's amounts are decimal strings ("20.00"): read them exactly, never through a float. */
export function centsOf(value: string | undefined): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value ?? '');
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null;
}

/**
 * PayPal Orders v2 for PayPal payments, written against PayPal's documented REST API:
 * OAuth client credentials, POST /v2/checkout/orders (the buyer approves on PayPal), then
 * capture on CHECKOUT.ORDER.APPROVED; PAYMENT.CAPTURE.COMPLETED marks the order paid.
 * Webhooks are verified offline as PayPal documents: SHA256withRSA over
 * `transmissionId|transmissionTime|webhookId|crc32(raw body)` with PayPal's certificate.
 */
export function paypalProvider(options: PayPalOptions): PaymentProvider {
  const doFetch = options.fetch ?? fetch;
  // PayPal rotates its certificates rarely; a webhook names the one it was signed with.
  const certificates = new BoundedCache<string>(16, 24 * 3600_000);

  async function accessToken(): Promise<string> {
    const res = await doFetch(`${options.apiBase}/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    if (!res.ok) throw new Error(`PayPal OAuth answered ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  async function certificate(url: string): Promise<string> {
    let pem = certificates.get(url);
    if (!pem) {
      const res = await doFetch(url);
      if (!res.ok) throw new Error(`PayPal certificate answered ${res.status}`);
      pem = await res.text();
      certificates.set(url, pem);
    }
    return pem;
  }

  async function capture(paypalOrderId: string): Promise<void> {
    const token = await accessToken();
    const res = await doFetch(`${options.apiBase}/v2/checkout/orders/${encodeURIComponent(paypalOrderId)}/capture`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'paypal-request-id': `capture-${paypalOrderId}`,
      },
    });
    // 422 ORDER_ALREADY_CAPTURED on a repeated webhook is fine.
    if (!res.ok && res.status !== 422) throw new Error(`PayPal capture answered ${res.status}`);
  }

  return {
    name: 'paypal',
    methods: ['paypal'],
    async checkoutUrl(request) {
      const token = await accessToken();
      const res = await doFetch(`${options.apiBase}/v2/checkout/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'paypal-request-id': `order-${request.orderId}`,
        },
        body: JSON.stringify({
          intent: 'CAPTURE',
          purchase_units: [
            {
              reference_id: request.orderId,
              custom_id: request.orderId,
              description: request.description,
              amount: { currency_code: request.currency, value: (request.totalCents / 100).toFixed(2) },
            },
          ],
          payment_source: {
            paypal: {
              experience_context: {
                return_url: options.returnUrl,
                cancel_url: options.cancelUrl,
                user_action: 'PAY_NOW',
              },
            },
          },
        }),
      });
      if (!res.ok) throw new Error(`PayPal answered ${res.status}`);
      const order = (await res.json()) as { id: string; links: { rel: string; href: string }[] };
      const approve = order.links.find((l) => l.rel === 'payer-action' || l.rel === 'approve');
      if (!approve) throw new Error('PayPal gave no approval link');
      return { url: approve.href, providerRef: order.id };
    },
    async parseWebhook(rawBody, headers, nowSeconds): Promise<WebhookResult> {
      const id = headers['paypal-transmission-id'];
      const time = headers['paypal-transmission-time'];
      const certUrl = headers['paypal-cert-url'];
      const signature = headers['paypal-transmission-sig'];
      if (!id || !time || !certUrl || !signature) return { ok: false, reason: 'missing' };
      if (headers['paypal-auth-algo'] && headers['paypal-auth-algo'] !== 'SHA256withRSA')
        return { ok: false, reason: 'malformed' };
      if (!isPayPalCertUrl(certUrl)) return { ok: false, reason: 'untrusted_certificate' };
      const sent = Date.parse(time);
      if (!Number.isFinite(sent) || Math.abs(nowSeconds - sent / 1000) > (options.toleranceSeconds ?? 300))
        return { ok: false, reason: 'stale' };
      const message = `${id}|${time}|${options.webhookId}|${crc32(Buffer.from(rawBody, 'utf8')) >>> 0}`;
      const verifier = createVerify('RSA-SHA256');
      verifier.update(message);
      if (!verifier.verify(await certificate(certUrl), signature, 'base64')) return { ok: false, reason: 'mismatch' };

      const event = JSON.parse(rawBody) as {
        id: string;
        event_type: string;
        resource: {
          id: string;
          custom_id?: string;
          purchase_units?: { custom_id?: string }[];
          amount?: { currency_code?: string; value?: string };
        };
      };
      const resource = event.resource;
      if (event.event_type === 'CHECKOUT.ORDER.APPROVED') {
        // The buyer approved on PayPal: take the money; PAYMENT.CAPTURE.COMPLETED follows.
        await capture(resource.id);
        return { ok: true, event: null };
      }
      const orderId = resource.custom_id ?? resource.purchase_units?.[0]?.custom_id;
      if (!orderId) return { ok: true, event: null };
      if (event.event_type === 'PAYMENT.CAPTURE.COMPLETED') {
        const paid = { amountCents: centsOf(resource.amount?.value), currency: resource.amount?.currency_code ?? null };
        return { ok: true, event: { eventId: event.id, orderId, type: 'paid', providerRef: resource.id, paid } };
      }
      if (event.event_type === 'PAYMENT.CAPTURE.DENIED' || event.event_type === 'CHECKOUT.ORDER.VOIDED')
        return { ok: true, event: { eventId: event.id, orderId, type: 'cancelled', providerRef: resource.id } };
      return { ok: true, event: null };
    },
  };
}
