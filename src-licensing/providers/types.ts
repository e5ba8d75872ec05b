/** What a payment provider does for us: start a checkout, and turn its verified webhook into an order event. */
export interface CheckoutRequest {
  orderId: string;
  checkoutToken: string;
  totalCents: number;
  currency: string;
  packs: number;
  description: string;
}

export interface OrderEvent {
  eventId: string;
  orderId: string;
  type: 'paid' | 'cancelled';
  providerRef: string | null;
  /** What the provider says was paid, in the currency's cents; null when it did not say. */
  paid?: { amountCents: number | null; currency: string | null };
}

export type WebhookResult = { ok: true; event: OrderEvent | null } | { ok: false; reason: string };

export interface PaymentProvider {
  name: string;
  methods: readonly ('card' | 'paypal')[];
  checkoutUrl(request: CheckoutRequest): Promise<{ url: string; providerRef: string | null }>;
  /** Verify the raw body and headers; null event for types we do not act on. */
  parseWebhook(
    rawBody: string,
    headers: Record<string, string | undefined>,
    nowSeconds: number,
  ): WebhookResult | Promise<WebhookResult>;
}
