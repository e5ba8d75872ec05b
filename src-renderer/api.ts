import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../src-shared/api/contract';
import type { Envelope, ErrorBody } from '../src-shared/errors';

/** How the renderer reaches the core: Electron's preload bridge, or HTTP to the Node host. */
interface Transport {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Events from the core; `connected` runs each time the stream (re)opens, to refetch what was missed. */
  onEvent(listener: (event: { name: string; payload: unknown }) => void, connected?: () => void): () => void;
}

declare global {
  interface Window {
    daftar?: Transport;
  }
}

/** A failed call, carrying the core's error body (code, message, field details). */
export class CallError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
    this.name = 'CallError';
  }
}

const NETWORK_ERROR: ErrorBody = { code: 'internal', message: 'network', details: { reason: 'network' } };

const httpTransport: Transport = {
  async call(name, input) {
    try {
      // The per-run token travels in an HttpOnly cookie set when the page was opened.
      const res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
      if (!res.ok)
        return { ok: false, error: { ...NETWORK_ERROR, details: { reason: 'network', status: res.status } } };
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: NETWORK_ERROR };
    }
  },
  onEvent(listener, connected) {
    const source = new EventSource('/api/events', { withCredentials: true });
    source.onopen = () => connected?.();
    const forward = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as { name: string; payload: unknown });
    source.addEventListener('daftar', forward);
    return () => source.close();
  },
};

const transport = (): Transport => window.daftar ?? httpTransport;

/** Call the core. Resolves with the value; rejects with a CallError. */
export async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const answer = await transport().call(name, input);
  if (!answer.ok) throw new CallError(answer.error);
  return answer.value as CallOutput<K>;
}

type Listener = (event: { name: string; payload: unknown }) => void;
const listeners = new Set<Listener>();
const reconnectListeners = new Set<() => void>();

/** Run when the event stream (re)connects: anything pushed while it was down was missed. */
export function onConnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}
let unsubscribeTransport: (() => void) | null = null;

/** Listen to one pushed event; answers a function that stops listening. */
export function onEvent<K extends EventName>(name: K, handler: (payload: EventPayload<K>) => void): () => void {
  const listener: Listener = (event) => {
    if (event.name === name) handler(event.payload as EventPayload<K>);
  };
  listeners.add(listener);
  unsubscribeTransport ??= transport().onEvent(
    (event) => listeners.forEach((l) => l(event)),
    () => reconnectListeners.forEach((l) => l()),
  );
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      unsubscribeTransport?.();
      unsubscribeTransport = null;
    }
  };
}
