import type { z } from 'zod';
import { queueState, type queuePause } from '../../src-shared/api/mail.api';
import type { Services } from '../registry';
import { readSettings, writeSettings } from '../settings/settings.repo';

const QUEUE_KEY = 'mail.queue';
export type QueueState = z.infer<typeof queueState>;

/**
 * Whether the outbox is paused, and why: the office's pause, kept in the book (a wrong password, a
 * sign-in needed; every desktop waits), or this desktop's own, kept here (its presence on the office
 * book lost: the other desktops go on sending). The windows hear of every change.
 */
export class QueuePause {
  /**
   * An office book, and this desktop's presence lock is not held (its presence connection refused
   * or cut): it claims nothing, and its outbox says so, until the presence is held again.
   */
  absent = false;

  constructor(private readonly services: Services) {}

  async state(): Promise<QueueState> {
    const parsed = queueState.safeParse((await readSettings(this.services.book.db))[QUEUE_KEY]);
    const office = parsed.success ? parsed.data : { paused: false, reason: null };
    // The office's pause first: it is what a user can fix; this desktop's own follows.
    return !office.paused && this.absent ? { paused: true, reason: 'presence' } : office;
  }

  async pause(reason: z.infer<typeof queuePause>): Promise<void> {
    await writeSettings(this.services.book.db, { [QUEUE_KEY]: { paused: true, reason } });
    this.tell(await this.state(), reason);
  }

  async resume(): Promise<QueueState> {
    await writeSettings(this.services.book.db, { [QUEUE_KEY]: { paused: false, reason: null } });
    const state = await this.state();
    this.tell(state, null);
    return state;
  }

  /** Waiting messages were held back (a limit, a quota, presence): the outbox shows when they go. */
  announce(): void {
    // Told when presence is lost, which is when the office server may not answer either: a state that
    // cannot be read now is told with the next change, never an unhandled rejection.
    this.state().then(
      (queue) => this.tell(queue, null),
      (error: unknown) =>
        this.services.log.info('outbox: the queue state could not be read to show it', {
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  }

  /** This desktop's presence held or lost; answers whether that changed anything. */
  presence(held: boolean): boolean {
    if (this.absent === !held) return false;
    this.absent = !held;
    this.services.log.info(
      held
        ? 'outbox: this desktop is present on the office book again; sending goes on'
        : 'outbox: this desktop holds no presence on the office book; nothing is sent until it does',
    );
    this.announce();
    return true;
  }

  private tell(queue: QueueState, lastError: string | null): void {
    this.services.events.emit('mail.changed', { id: null, status: null, lastError, sourceTitle: null, queue });
  }
}
