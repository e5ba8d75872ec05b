// npm run licensing -- [--port N] [--data DIR] [--signing-key FILE] [--public-url URL]
// Environment: DATABASE_URL (PostgreSQL; SQLite file in the data folder otherwise),
// SANDBOX_WEBHOOK_SECRET, STRIPE_SECRET_KEY + STRIPE_WEBHOOK_SECRET (card payments by Stripe),
// PAYPAL_CLIENT_ID + PAYPAL_CLIENT_SECRET + PAYPAL_WEBHOOK_ID [+ PAYPAL_API_BASE] (PayPal).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openLicensingDb } from './db/open';
import { startLicensingServer } from './http';
import { loadOrCreateSigningKey, newSecret } from './keys';
import { paypalProvider } from './providers/paypal';
import { sandboxProvider } from './providers/sandbox';
import { stripeProvider } from './providers/stripe';
import type { PaymentProvider } from './providers/types';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    data: { type: 'string' },
    'signing-key': { type: 'string' },
    'public-url': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const dataFolder = resolve(values.data ?? process.env.LICENSING_DATA ?? 'licensing-data');
mkdirSync(dataFolder, { recursive: true });
const key = loadOrCreateSigningKey(values['signing-key'] ?? process.env.LICENSING_SIGNING_KEY, dataFolder);
const store = await openLicensingDb({
  databaseUrl: process.env.DATABASE_URL,
  file: join(dataFolder, 'licensing.sqlite'),
});
let publicUrl = values['public-url'] ?? '';

const sandboxSecret = process.env.SANDBOX_WEBHOOK_SECRET ?? newSecret();
const providers: PaymentProvider[] = [];
if (process.env.STRIPE_SECRET_KEY && process.env.STRIPE_WEBHOOK_SECRET) {
  providers.push(
    stripeProvider({
      secretKey: process.env.STRIPE_SECRET_KEY,
      webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
      successUrl: `${publicUrl}/paid`,
      cancelUrl: `${publicUrl}/cancelled`,
    }),
  );
}
if (process.env.PAYPAL_CLIENT_ID && process.env.PAYPAL_CLIENT_SECRET && process.env.PAYPAL_WEBHOOK_ID) {
  providers.push(
    paypalProvider({
      clientId: process.env.PAYPAL_CLIENT_ID,
      clientSecret: process.env.PAYPAL_CLIENT_SECRET,
      webhookId: process.env.PAYPAL_WEBHOOK_ID,
      apiBase: process.env.PAYPAL_API_BASE ?? 'https://api-m.paypal.com',
      returnUrl: `${publicUrl}/paid`,
      cancelUrl: `${publicUrl}/cancelled`,
    }),
  );
}
if (process.env.DISABLE_SANDBOX !== '1')
  providers.push(sandboxProvider({ publicUrl: () => publicUrl, webhookSecret: sandboxSecret }));

const server = await startLicensingServer({
  ctx: { store, key, providers, now: () => new Date() },
  port: Number(values.port),
  host: values.host,
  sandboxWebhookSecret: sandboxSecret,
});
publicUrl ||= server.url;
console.log(
  `Daftar licensing server on ${server.url} (${store.kind}); providers: ${providers.map((p) => `${p.name} [${p.methods.join(', ')}]`).join('; ')}`,
);
console.log(`Grant signing public key: ${key.publicFile} — ship it in the app as resources/licensing/public.pem`);
const stop = async () => {
  await server.close();
  await store.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
