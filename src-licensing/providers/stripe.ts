import type { PaymentProvider } from './types';
import { verifySignature } from './signature';

/**
 * Stripe Checkout for card payments, written against Stripe's documented REST API
 * (POST /v1/checkout/sessions, form-encoded, secret key as bearer) and its webhook
 * signature (Stripe-Signature: t=…,v1=HMAC-SHA256(`${t}.${body}`)).
 */
export function stripeProvider(options: {
  secretKey: string;
  webhookSecret: string;
  successUrl: string;
  cancelUrl: string;
  apiBase?: string;
  fetch?: typeof fetch;
}): PaymentProvider {
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'stripe',
    methods: ['card'],
    async checkoutUrl(request) {
      const form = new URLSearchParams({
        mode: 'payment',
        success_url: options.successUrl,
        cancel_url: options.cancelUrl,
        client_reference_id: request.orderId,
        'metadata[order_id]': request.orderId,
        'line_items[0][quantity]': String(request.packs),
        'line_items[0][price_data][currency]': request.currency.toLowerCase(),
        'line_items[0][price_data][unit_amount]': String(Math.round(request.totalCents / request.packs)),
        'line_items[0][price_data][product_data][name]': request.description,
        'payment_method_types[0]': 'card',
      });
      const res = await doFetch(`${options.apiBase ?? 'https://api.stripe.com'}/v1/checkout/sessions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': `order-${request.orderId}`,
        },
        body: form,
      });
      if (!res.ok) throw new Error(`Stripe answered ${res.status}`);
      const session = (await res.json()) as { id: string; url: string };
      return { url: session.url, providerRef: session.id };
    },
    parseWebhook(rawBody, headers, nowSeconds) {
      const check = verifySignature(options.webhookSecret, rawBody, headers['stripe-signature'], nowSeconds);
      if (!check.ok) return { ok: false, reason: check.reason };
      const event = JSON.parse(rawBody) as {
        id: string;
        type: string;
        data: {
          object: {
            id: string;
            payment_status?: string;
            amount_total?: number;
            currency?: string;
            metadata?: { order_id?: string };
          };
        };
      };
      const session = event.data.object;
      const orderId = session.metadata?.order_id;
      if (!orderId) return { ok: true, event: null };
      // Stripe gives amount_total in the currency's smallest unit, and the currency in lower case.
      const paid = { amountCents: session.amount_total ?? null, currency: session.currency ?? null };
      if (
        (event.type === 'checkout.session.completed' && session.payment_status === 'paid') ||
        event.type === 'checkout.session.async_payment_succeeded'
      )
        return { ok: true, event: { eventId: event.id, orderId, type: 'paid', providerRef: session.id, paid } };
      if (event.type === 'checkout.session.expired' || event.type === 'checkout.session.async_payment_failed')
        return { ok: true, event: { eventId: event.id, orderId, type: 'cancelled', providerRef: session.id } };
      return { ok: true, event: null };
    },
  };
}
