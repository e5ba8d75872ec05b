import { createVerify, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
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
  /** Roots trusted besides Node's own (`tls.rootCertificates`), as PEM: for tests only. */
  trustedCertificates?: string[];
}

/** The names PayPal's webhook signing certificates are issued to, live and sandbox (as PayPal's SDKs check). */
const PAYPAL_SIGNERS = new Set(['messageverificationcerts.paypal.com', 'messageverificationcerts.sandbox.paypal.com']);

const pemsIn = (text: string) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

const issuedBy = (cert: X509Certificate, issuer: X509Certificate) =>
  issuer.ca && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

/**
 * The chain from the first certificate of a PEM (the signer) through the others given with it to
 * a trusted root, or null when it reaches none.
 */
function chainOf(pem: string, roots: X509Certificate[]): X509Certificate[] | null {
  const [leaf, ...given] = pemsIn(pem).map((p) => new X509Certificate(p));
  if (!leaf) return null;
  const chain = [leaf];
  for (let current = leaf; chain.length <= 6;) {
    const root = roots.find((r) => issuedBy(current, r));
    if (root) return [...chain, root];
    const next = given.find((c) => !chain.includes(c) && issuedBy(current, c));
    if (!next) return null;
    chain.push(next);
    current = next;
  }
  return null;
}

const commonNames = (cert: X509Certificate) =>
  cert.subject
    .split('\n')
    .filter((rdn) => rdn.startsWith('CN='))
    .map((rdn) => rdn.slice(3));

const validAt = (cert: X509Certificate, nowSeconds: number) =>
  Date.parse(cert.validFrom) / 1000 <= nowSeconds && nowSeconds <= Date.parse(cert.validTo) / 1000;

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
 * `transmissionId|transmissionTime|webhookId|crc32(raw body)` with PayPal's certificate, which
 * must chain to a trusted root, be issued to PayPal's signing name and be valid now.
 */
export function paypalProvider(options: PayPalOptions): PaymentProvider {
  const doFetch = options.fetch ?? fetch;
  // PayPal rotates its certificates rarely; a webhook names the one it was signed with.
  const certificates = new BoundedCache<X509Certificate[]>(16, 24 * 3600_000);
  let roots: X509Certificate[] | null = null;

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

  /**
   * The certificate at a PayPal URL with the chain to a trusted root, or null: fetched without
   * following a redirect (which could lead off PayPal's hosts), chained to Node's roots (or a
   * test's), issued to PayPal's signing name. Whether it is valid now is checked at each use.
   */
  async function certificate(url: string): Promise<X509Certificate[] | null> {
    let chain = certificates.get(url);
    if (!chain) {
      roots ??= [...rootCertificates, ...(options.trustedCertificates ?? [])].map((p) => new X509Certificate(p));
      try {
        const res = await doFetch(url, { redirect: 'error' });
        if (!res.ok) return null;
        chain = chainOf(await res.text(), roots) ?? undefined;
      } catch {
        return null;
      }
      if (!chain || !commonNames(chain[0]!).some((cn) => PAYPAL_SIGNERS.has(cn))) return null;
      certificates.set(url, chain);
    }
    return chain;
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
      const chain = await certificate(certUrl);
      if (!chain || !chain.every((cert) => validAt(cert, nowSeconds)))
        return { ok: false, reason: 'untrusted_certificate' };
      const verifier = createVerify('RSA-SHA256');
      verifier.update(message);
      if (!verifier.verify(chain[0]!.publicKey, signature, 'base64')) return { ok: false, reason: 'mismatch' };

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
