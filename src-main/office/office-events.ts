import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { events as eventContract, isEventName } from '../../src-shared/api/contract';
import type { EventBus, PushedEvent } from '../events';
import type { Logger } from '../log';
import { reaching } from './office-book';
import { type OfficeConnection } from './office-connection';
import { holdPresence, PRESENCE_RECONNECT_MS } from './presence';

/** The channel every desktop of an office book listens on. */
const CHANNEL = 'daftar_events';
/** NOTIFY carries at most 8000 bytes; an event larger than this is not relayed (and said so in the log). */
const MAX_PAYLOAD = 7900;
/**
 * Kept to the desktop that emits them: the credits status carries this desktop's own view (whether
 * it reaches the licensing server). The office's one balance still reaches every desktop: each
 * recomputes its status when a message moves (mail.changed, which is shared).
 */
const OWN_EVENTS = new Set<string>(['credits.changed']);

/**
 * The core's events, shared by every desktop of an office book through PostgreSQL's LISTEN/NOTIFY:
 * what one desktop emits (a saved voucher, a message sent, bulk progress, the balance) is published,
 * and what others publish is emitted here, so each window follows the office, not only its desktop.
 */
export class OfficeEvents {
  /** This desktop's own publications come back to it too: they are told apart by this id. */
  private readonly origin = randomUUID();
  private listener: pg.Client | null = null;
  private relaying = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  /** Told when this desktop's presence lock is taken (true) and when its connection is lost (false). */
  onPresence: ((held: boolean) => void) | null = null;

  private constructor(
    private readonly connection: OfficeConnection,
    private readonly bus: EventBus,
    private readonly publish: (payload: string) => Promise<unknown>,
    private readonly log: Logger,
    private readonly desktopId: string,
  ) {
    this.unsubscribe = bus.on((event) => {
      if (!this.relaying && !OWN_EVENTS.has(event.name)) void this.send(event);
    });
  }

  /** Starts listening; `publish` sends one NOTIFY on the book's own connections. */
  static async start(
    connection: OfficeConnection,
    bus: EventBus,
    publish: (channel: string, payload: string) => Promise<unknown>,
    log: Logger,
    desktopId: string,
  ): Promise<OfficeEvents> {
    const events = new OfficeEvents(connection, bus, (payload) => publish(CHANNEL, payload), log, desktopId);
    await events.listen();
    return events;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      ...reaching(this.connection),
      application_name: 'daftar events',
    });
    // A dropped connection (a restart, the network) is opened again; events meanwhile are missed.
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.onPresence?.(false);
      if (error) this.log.info('office events: the connection was lost; listening again', { error: error.message });
      this.again();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => this.receive(message.payload));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      // The same connection, held for the desktop's life, says it is here (its claims on messages stand).
      await holdPresence(client, this.desktopId);
      if (this.listener === client) this.onPresence?.(true);
    } catch (error) {
      lost(error as Error);
    }
  }

  private again(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.listen();
    }, PRESENCE_RECONNECT_MS);
  }

  private async send(event: PushedEvent): Promise<void> {
    const payload = JSON.stringify({ origin: this.origin, name: event.name, payload: event.payload });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
      this.log.info('office events: an event too large to share was kept to this desktop', { name: event.name });
      return;
    }
    await this.publish(payload).catch((error: Error) =>
      this.log.info('office events: an event could not be shared', { name: event.name, error: error.message }),
    );
  }

  private receive(text: string | undefined): void {
    // Anyone connected to the database may NOTIFY this channel: only a well-formed event this
    // version knows is passed on, checked against its contract schema.
    let event: { origin?: unknown; name?: unknown; payload?: unknown };
    try {
      event = JSON.parse(text ?? '') as typeof event;
    } catch {
      return;
    }
    if (event.origin === this.origin || typeof event.name !== 'string' || !isEventName(event.name)) return;
    const payload = eventContract[event.name].payload.safeParse(event.payload);
    if (!payload.success) return;
    // A desktop without presence says so in its own outbox; its pause is not this desktop's.
    if (event.name === 'mail.changed') {
      const changed = payload.data as { queue: { paused: boolean; reason: string | null } };
      if (changed.queue.reason === 'presence') changed.queue = { paused: false, reason: null };
    }
    // Emitted here as if this desktop's own, but not published again.
    this.relaying = true;
    try {
      this.bus.emit(event.name, payload.data as never);
    } finally {
      this.relaying = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => {});
  }
}
