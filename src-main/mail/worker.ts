import { AppError } from '../../src-shared/errors';
import { limitsOf, readMailbox } from '../company/company.repo';
import { resolveMailbox } from '../mailbox/mailbox-account';
import type { OAuthGrant } from '../mailbox/oauth/oauth-grant';
import { transportOptions } from '../mailbox/smtp';
import { PRESENCE_RECONNECT_MS } from '../office/presence';
import type { Services } from '../registry';
import { claimNext } from './claim-next';
import { KeptConnection } from './kept-connection';
import { MessageSender, type RetryOptions } from './message-sender';
import { QueuePause, type QueueState } from './queue-pause';
import * as repo from './outbox.repo';

export interface WorkerOptions extends RetryOptions {
  /** Look for due messages at least this often while idle. */
  idlePollMs?: number;
  /** Start sending on its own (hosts); tests may drive it by hand with runOnce(). */
  auto?: boolean;
}

/**
 * The one outbox worker. Takes due messages in order and sends each through the company
 * mailbox: network trouble and 4xx replies are retried with growing, jittered delays;
 * 5xx replies fail the message for good and return its credits; an authentication failure
 * pauses the whole queue until the mailbox is fixed. A message found "sending" at start (a
 * crash) goes again with the same Message-ID.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Held for a while (the book moving to the office server): nothing is sent until released. */
  private held = false;

  /** The queue's pause: the office's, or this desktop's own when its presence is lost. */
  private readonly queue: QueuePause;

  /** Called after a send that owes the Sent folder a copy (the mailbox reader appends it). */
  onSentCopyOwed: (() => void) | null = null;

  /** Sends one claimed message and records what happened. */
  private readonly sender: MessageSender;

  /** The open connection to the mailbox's server, kept between passes for a while. */
  private readonly connection = new KeptConnection();

  constructor(
    private readonly services: Services,
    private readonly grant: OAuthGrant,
    private readonly options: WorkerOptions = {},
  ) {
    this.queue = new QueuePause(services);
    this.sender = new MessageSender(services, grant, this.queue, options);
  }

  async start(): Promise<void> {
    await this.recover();
    if (this.options.auto) this.kick();
  }

  /** Messages a stop left "sending" go again, with the same Message-ID (on an office book: those of desktops gone). */
  private async recover(requeue = repo.requeueInterrupted): Promise<void> {
    const recovered = await requeue(this.services.book.db, this.now());
    if (recovered)
      this.services.log.info('outbox: messages interrupted by a stop are queued again', { count: recovered });
  }

  private get halted(): boolean {
    return this.stopped || this.held;
  }

  /**
   * Sends nothing more until the returned release is called. A message on the wire now finishes
   * and is recorded first, so no send is left half-written in a book that is being copied.
   */
  async hold(): Promise<() => void> {
    this.held = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    return () => {
      this.held = false;
      this.kick();
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.connection.disconnect();
  }

  /** Look at the queue now (after a send was queued, the mailbox saved, the network back). */
  kick(): void {
    // Driven by hand (tests call runOnce): nothing goes out between one step and the next.
    if (this.halted || !this.options.auto) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private now(): string {
    return this.services.ports.clock.now().toISOString();
  }

  private schedule(delay: number): void {
    if (this.halted) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        // A failure here must not take the process down: log it and look again later.
        this.runOnce().catch((error: unknown) => {
          this.services.log.error('outbox worker pass failed', error);
          this.schedule(this.options.idlePollMs ?? 60_000);
        });
      },
      Math.max(0, delay),
    );
    this.timer.unref?.();
  }

  /**
   * The mailbox was saved: what held the queue (a wrong password, a wrong host) may be fixed,
   * so waiting messages become due and a paused queue resumes.
   */
  async mailboxSaved(): Promise<void> {
    // Whatever was open belongs to the mailbox as it was.
    if (!this.running) this.connection.disconnect();
    await repo.makeWaitingDue(this.services.book.db);
    if ((await this.queueState()).paused) await this.resume();
    else this.kick();
  }

  queueState(): Promise<QueueState> {
    return this.queue.state();
  }

  /**
   * This desktop's presence on the office book, held or lost (told by the presence connection, or
   * found by a claim): the outbox shows it, and sending goes on once it is held again.
   */
  presenceChanged(held: boolean): void {
    if (this.queue.presence(held) && held) this.kick();
  }

  async resume(): Promise<QueueState> {
    const state = await this.queue.resume();
    this.kick();
    return state;
  }

  /** Send everything due now, one message at a time; then sleep until the next retry. */
  runOnce(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    const db = this.services.book.db;
    this.sender.newPass();
    try {
      // An office book: another desktop may have stopped mid-send since; its message goes from here.
      await this.recover(repo.requeueOfAbsentDesktops);
      while (!this.halted) {
        if ((await this.queueState()).paused) return;
        const row = await repo.nextDue(db, this.now());
        if (!row) break;
        let sender: Awaited<ReturnType<typeof resolveMailbox>>;
        try {
          sender = await resolveMailbox(this.services, this.grant);
        } catch (error) {
          // A revoked or expired OAuth2 grant: nothing fails, no credit moves; the queue waits for a new sign-in.
          if (error instanceof AppError && error.details.reason === 'signin_required')
            return this.queue.pause('signin_required');
          if (error instanceof AppError) return this.queue.pause('not_configured');
          throw error;
        }
        // The provider's limits: a message that would pass one waits, and so does everything after it.
        const mailboxRow = await readMailbox(db);
        const taken = await claimNext(
          this.services.book,
          limitsOf(mailboxRow),
          new Date(this.now()),
          this.services.config.desktopId,
        );
        if (taken.kind === 'absent') {
          this.presenceChanged(false);
          break;
        }
        if (this.queue.absent) this.presenceChanged(true);
        if (taken.kind === 'deferred') {
          this.queue.announce();
          break;
        }
        // Another desktop of the office took the last one due.
        if (taken.kind === 'none') break;
        const transport = this.connection.connect(
          transportOptions(sender.account, {
            ca: this.services.config.smtpCa,
            timeoutMs: this.services.config.smtpTimeoutMs,
          }),
        );
        const sentCopy = mailboxRow.imap_enabled === 1 && mailboxRow.sent_copy === 1;
        const outcome = await this.sender.send(taken.row, taken.attempt, sender, transport, sentCopy);
        if (outcome === 'sent' && sentCopy) this.onSentCopyOwed?.();
        if (outcome === 'paused') return;
        if (outcome === 'quota') {
          this.queue.announce();
          break;
        }
        // A connection problem (the pool may be broken) or a new token: a fresh connection next time.
        if (outcome === 'retry' || outcome === 'token') this.connection.disconnect();
      }
    } finally {
      // The last outcome of the pass on disk too: a message recorded as sent is never sent again for a lost record.
      await this.services.book
        .flush()
        .catch((error: unknown) => this.services.log.error('outbox: flush failed', error));
      this.connection.keepForAWhile();
      if (!this.halted && this.options.auto) {
        const next = await repo.earliestRetry(db);
        // Without presence, look again soon as well as when the presence connection says it is back.
        const idle = Math.min(
          this.options.idlePollMs ?? 60_000,
          this.queue.absent ? 5 * PRESENCE_RECONNECT_MS : Infinity,
        );
        this.schedule(next ? Math.min(idle, Date.parse(next) - Date.parse(this.now())) : idle);
      }
    }
  }
}
