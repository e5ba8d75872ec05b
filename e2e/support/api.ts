import { payCheckout } from '../../test-support/licensing/pay';
import type { RunningHost } from './host';

/** Call the host's API directly (with its token), to set up what a test is not about. */
export async function api<T = unknown>(host: RunningHost, name: string, input: unknown): Promise<T> {
  const token = new URL(host.url).searchParams.get('token');
  const res = await fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const answer = (await res.json()) as { ok: boolean; value: T; error: unknown };
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

/** A customer card, saved through the API, for tests whose subject is elsewhere. */
export const saveCustomer = (host: RunningHost, name: string, emails = '', code = '1') =>
  api<{ id: string }>(host, 'parties.save', {
    kind: 'customer',
    code,
    name,
    phone: '',
    address: '',
    taxNumber: '',
    jobTitle: '',
    notes: '',
    emails,
  });

/** Buys packs of credits through the real licensing server's checkout; answers the synced balance. */
export async function buyCredits(host: RunningHost, packs = 1) {
  await api(host, 'credits.sync', {});
  const order = await api<{ checkoutUrl: string }>(host, 'credits.createOrder', { packs, method: 'card' });
  await payCheckout(order.checkoutUrl);
  return api<{ balance: number }>(host, 'credits.sync', {});
}

/** Waits (generously: a loaded two-core machine) until the outbox shows this many messages sent; answers their Message-IDs. */
export async function allSent(host: RunningHost, count: number, timeoutMs = 240_000): Promise<string[]> {
  type Outbox = { items: { messageId: string }[]; total: number };
  const sent = () => api<Outbox>(host, 'mail.outbox', { statuses: ['sent'], limit: 500 });
  for (const end = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 1000))) {
    const outbox = await sent();
    if (outbox.total === count) return outbox.items.map((r) => r.messageId);
    if (Date.now() > end) throw new Error(`the outbox shows ${outbox.total} of ${count} messages sent`);
  }
}
