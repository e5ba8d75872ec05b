// npm run licensing -- [--port N] [--data DIR] [--signing-key FILE] [--public-url URL] [--sandbox] [--trust-proxy]
// Environment: DATABASE_URL (PostgreSQL; SQLite file in the data folder otherwise),
// LICENSING_SANDBOX=1 + SANDBOX_WEBHOOK_SECRET (development only), STRIPE_SECRET_KEY + STRIPE_WEBHOOK_SECRET (card payments by Stripe),
// PAYPAL_CLIENT_ID + PAYPAL_CLIENT_SECRET + PAYPAL_WEBHOOK_ID [+ PAYPAL_API_BASE] (PayPal).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openLicensingDb } from './db/open';
import { startLicensingServer } from './http';
import { loadOrCreateSigningKey } from './keys';
import { configureProviders } from './providers/configure';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    data: { type: 'string' },
    'signing-key': { type: 'string' },
    'public-url': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    // Behind a reverse proxy: rate limits count the X-Forwarded-For address.
    'trust-proxy': { type: 'boolean', default: false },
    // The sandbox provider credits for free: development and tests only.
    sandbox: { type: 'boolean', default: process.env.LICENSING_SANDBOX === '1' },
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

const payments = configureProviders({ env: process.env, sandbox: values.sandbox, publicUrl: () => publicUrl });

const server = await startLicensingServer({
  ctx: { store, key, providers: payments.providers, now: () => new Date() },
  port: Number(values.port),
  host: values.host,
  sandboxWebhookSecret: payments.sandboxSecret,
  trustProxy: values['trust-proxy'],
});
publicUrl ||= server.url;
// Warnings first: whoever waits for the line with the URL has read them by then.
for (const warning of payments.warnings) console.log(`WARNING: ${warning}`);
console.log(
  `Daftar licensing server on ${server.url} (${store.kind}); providers: ${payments.providers.map((p) => `${p.name} [${p.methods.join(', ')}]`).join('; ')}`,
);
console.log(`Grant signing public key: ${key.publicFile} — ship it in the app as resources/licensing/public.pem`);
const stop = async () => {
  await server.close();
  await store.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
