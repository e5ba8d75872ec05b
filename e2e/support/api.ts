import { payCheckout } from '../../test-support/licensing/pay';
import type { CallInput, CallName, CallOutput } from '../../src-shared/api/contract';
import type { RunningHost } from './host';

/**
 * Call the host's API directly (with its token), to set up what a test is not about. Typed by the
 * contract: a call name it does not have, or an input that does not fit the call, fails tsc.
 */
export async function api<K extends CallName>(host: RunningHost, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const token = new URL(host.url).searchParams.get('token');
  const res = await fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const answer = (await res.json()) as { ok: boolean; value: CallOutput<K>; error: unknown };
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

/** A customer card, saved through the API, for tests whose subject is elsewhere. */
export const saveCustomer = (host: RunningHost, name: string, emails = '', code = '1') =>
  api(host, 'parties.save', {
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
  const order = await api(host, 'credits.createOrder', { packs, method: 'card' });
  await payCheckout(order.checkoutUrl);
  return api(host, 'credits.sync', {});
}

/** Waits (generously: a loaded two-core machine) until the outbox shows this many messages sent; answers their Message-IDs. */
export async function allSent(host: RunningHost, count: number, timeoutMs = 240_000): Promise<string[]> {
  const sent = () => api(host, 'mail.outbox', { statuses: ['sent'], limit: 500 });
  for (const end = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 1000))) {
    const outbox = await sent();
    if (outbox.total === count) return outbox.items.map((r) => r.messageId);
    if (Date.now() > end) throw new Error(`the outbox shows ${outbox.total} of ${count} messages sent`);
  }
}
