import type { EventName, EventPayload } from '../src-shared/api/contract';

export interface PushedEvent {
  name: EventName;
  payload: unknown;
}
export type EventListener = (event: PushedEvent) => void;

/** The core's pushes: handlers emit, hosts forward to their windows. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) {
      try {
        listener({ name, payload });
      } catch {
        // A broken listener (a closed window) must not stop the others or the call.
      }
    }
  }
}
