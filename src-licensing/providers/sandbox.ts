import type { PaymentProvider } from './types';
import { signPayload, verifySignature } from './signature';

export const SANDBOX_SIGNATURE_HEADER = 'daftar-signature';

/**
 * The development and test provider: its checkout is a page on this server with Pay and
 * Cancel; pressing one sends a signed webhook to this server, as a real provider would.
 */
export function sandboxProvider(options: { publicUrl: () => string; webhookSecret: string }): PaymentProvider {
  return {
    name: 'sandbox',
    methods: ['card', 'paypal'],
    async checkoutUrl(request) {
      return {
        url: `${options.publicUrl()}/sandbox/checkout/${request.orderId}?token=${request.checkoutToken}`,
        providerRef: `sandbox_${request.orderId}`,
      };
    },
    parseWebhook(rawBody, headers, nowSeconds) {
      const check = verifySignature(options.webhookSecret, rawBody, headers[SANDBOX_SIGNATURE_HEADER], nowSeconds);
      if (!check.ok) return { ok: false, reason: check.reason };
      const event = JSON.parse(rawBody) as {
        id: string;
        type: string;
        orderId: string;
        amountCents?: number;
        currency?: string;
      };
      if (event.type === 'order.cancelled')
        return { ok: true, event: { eventId: event.id, orderId: event.orderId, type: 'cancelled', providerRef: null } };
      if (event.type !== 'order.paid') return { ok: true, event: null };
      return {
        ok: true,
        event: {
          eventId: event.id,
          orderId: event.orderId,
          type: 'paid',
          providerRef: null,
          paid: { amountCents: event.amountCents ?? null, currency: event.currency ?? null },
        },
      };
    },
  };
}

export const signSandboxEvent = (secret: string, body: string, nowSeconds: number) =>
  signPayload(secret, body, nowSeconds);
