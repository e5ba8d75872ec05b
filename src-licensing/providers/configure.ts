import { newSecret } from '../keys';
import { paypalProvider } from './paypal';
import { sandboxProvider } from './sandbox';
import { stripeProvider } from './stripe';
import type { PaymentProvider } from './types';

export interface ProviderSetup {
  providers: PaymentProvider[];
  /** Set only when the sandbox is on: the secret its self-delivered webhooks are signed with. */
  sandboxSecret?: string;
  /** Lines the operator must read at start. */
  warnings: string[];
}

/**
 * The payment providers the environment configures. The sandbox (a Pay button that
 * credits for free) is for development and tests only: it is on only when asked for,
 * and a method no provider handles is refused rather than handed to it.
 */
export function configureProviders(options: {
  env: NodeJS.ProcessEnv;
  sandbox: boolean;
  publicUrl: () => string;
}): ProviderSetup {
  const { env } = options;
  const providers: PaymentProvider[] = [];
  const warnings: string[] = [];
  if (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET) {
    providers.push(
      stripeProvider({
        secretKey: env.STRIPE_SECRET_KEY,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET,
        successUrl: `${options.publicUrl()}/paid`,
        cancelUrl: `${options.publicUrl()}/cancelled`,
      }),
    );
  }
  if (env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET && env.PAYPAL_WEBHOOK_ID) {
    providers.push(
      paypalProvider({
        clientId: env.PAYPAL_CLIENT_ID,
        clientSecret: env.PAYPAL_CLIENT_SECRET,
        webhookId: env.PAYPAL_WEBHOOK_ID,
        apiBase: env.PAYPAL_API_BASE ?? 'https://api-m.paypal.com',
        returnUrl: `${options.publicUrl()}/paid`,
        cancelUrl: `${options.publicUrl()}/cancelled`,
      }),
    );
  }
  let sandboxSecret: string | undefined;
  if (options.sandbox) {
    sandboxSecret = env.SANDBOX_WEBHOOK_SECRET ?? newSecret();
    providers.push(sandboxProvider({ publicUrl: options.publicUrl, webhookSecret: sandboxSecret }));
    warnings.push(
      'SANDBOX PAYMENTS ARE ON: its checkout page credits messages without taking money. Development and tests only.',
    );
  }
  if (providers.length === 0)
    warnings.push('No payment provider is configured: orders are refused (set Stripe or PayPal keys).');
  return { providers, sandboxSecret, warnings };
}
