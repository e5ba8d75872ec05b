import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { z } from 'zod';
import { queuePause, queueState } from '../../src-shared/api/mail.api';
import { validateAddress } from '../../src-shared/email/addresses';
import { AppError } from '../../src-shared/errors';
import { limitsOf, readMailbox } from '../company/company.repo';
import { resolveMailbox } from '../mailbox/mailbox-account';
import type { OAuthGrant } from '../mailbox/oauth/oauth-grant';
import { transportOptions } from '../mailbox/smtp';
import { returnIn } from '../credits/ledger';
import type { Services } from '../registry';
import { readSettings, writeSettings } from '../settings/settings.repo';
import { readKeptAttachment } from './attachment-file';
import { headerSafe } from './compose';
import { keepOfficeRawMessage, writeLocalRawMessage } from './sent-copy-bytes';
import * as repo from './outbox.repo';
import { QUOTA_WAIT_MS, quotaOf, type QuotaKind } from './quota-replies';
import { claimNext } from './claim-next';
import { PRESENCE_RECONNECT_MS } from '../office/presence';

const QUEUE_KEY = 'mail.queue';

/** How long the connection to the mailbox's server stays open once the outbox is empty. */
const KEEP_CONNECTION_MS = 20_000;
type QueueState = z.infer<typeof queueState>;

export interface WorkerOptions {
  /** First retry after about this long; each further retry doubles it (±20 %), up to retryCapMs. */
  retryBaseMs?: number;
  retryCapMs?: number;
  /** Look for due messages at least this often while idle. */
  idlePollMs?: number;
  /** Start sending on its own (hosts); tests may drive it by hand with runOnce(). */
  auto?: boolean;
}

type Outcome = 'sent' | 'retry' | 'failed' | 'paused' | 'skipped' | 'token' | 'quota';

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

const toAscii = (addresses: string[]) =>
  addresses.map((a) => {
    const parsed = validateAddress(a);
    return typeof parsed === 'string' ? a : parsed.ascii;
  });

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

  /**
   * An office book, and this desktop's presence lock is not held (its presence connection refused
   * or cut): it claims nothing, and its outbox says so, until the presence is held again. Kept here,
   * not in the book: the other desktops go on sending.
   */
  private absent = false;

  /** Called after a send that owes the Sent folder a copy (the mailbox reader appends it). */
  onSentCopyOwed: (() => void) | null = null;

  /** A refused OAuth2 token gets one fresh one per pass; refused again, the mailbox must sign in again. */
  private tokenRefreshed = false;

  /**
   * The open connection to the mailbox's server, kept between passes for a while: a message queued
   * every few seconds then goes out on it, without a new TLS handshake and login each time.
   */
  private connection: { transport: Transporter; settings: string; idle: NodeJS.Timeout | null } | null = null;

  constructor(
    private readonly services: Services,
    private readonly grant: OAuthGrant,
    private readonly options: WorkerOptions = {},
  ) {}

  async start(): Promise<void> {
    await this.recover();
    if (this.options.auto) this.kick();
  }

  /** Messages a stop left "sending" go again, with the same Message-ID (on an office book: those of desktops gone). */
  private async recover(): Promise<void> {
    const recovered = await repo.requeueInterrupted(this.services.book.db, this.now());
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
    this.disconnect();
  }

  /** The connection for these settings: the kept one if they have not changed, else a new one. */
  private connect(options: object): Transporter {
    const settings = JSON.stringify(options);
    if (this.connection?.settings !== settings) {
      this.disconnect();
      const transport = nodemailer.createTransport({
        ...options,
        pool: true,
        maxConnections: 1,
        // The outbox alone decides about retries.
        maxRequeues: 0,
      } as never);
      this.connection = { transport, settings, idle: null };
    }
    if (this.connection.idle) clearTimeout(this.connection.idle);
    this.connection.idle = null;
    return this.connection.transport;
  }

  /** Hang up after a quiet while: servers drop idle clients anyway, and an open socket costs them. */
  private keepForAWhile(): void {
    const connection = this.connection;
    if (!connection) return;
    connection.idle = setTimeout(() => {
      if (this.connection === connection) this.disconnect();
    }, KEEP_CONNECTION_MS);
    connection.idle.unref?.();
  }

  private disconnect(): void {
    if (this.connection?.idle) clearTimeout(this.connection.idle);
    this.connection?.transport.close();
    this.connection = null;
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

  /** Waiting messages were held back (a limit, a quota): the outbox shows when they go. */
  private announceQueue(): void {
    // Told when presence is lost, which is when the office server may not answer either: a state that
    // cannot be read now is told with the next change, never an unhandled rejection.
    this.queueState().then(
      (queue) =>
        this.services.events.emit('mail.changed', {
          id: null,
          status: null,
          lastError: null,
          sourceTitle: null,
          queue,
        }),
      (error: unknown) =>
        this.services.log.info('outbox: the queue state could not be read to show it', {
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  }

  /**
   * The mailbox was saved: what held the queue (a wrong password, a wrong host) may be fixed,
   * so waiting messages become due and a paused queue resumes.
   */
  async mailboxSaved(): Promise<void> {
    // Whatever was open belongs to the mailbox as it was.
    if (!this.running) this.disconnect();
    await repo.makeWaitingDue(this.services.book.db);
    if ((await this.queueState()).paused) await this.resume();
    else this.kick();
  }

  async queueState(): Promise<QueueState> {
    const parsed = queueState.safeParse((await readSettings(this.services.book.db))[QUEUE_KEY]);
    const office = parsed.success ? parsed.data : { paused: false, reason: null };
    // The office's pause first: it is what a user can fix; this desktop's own follows.
    return !office.paused && this.absent ? { paused: true, reason: 'presence' } : office;
  }

  /**
   * This desktop's presence on the office book, held or lost (told by the presence connection, or
   * found by a claim): the outbox shows it, and sending goes on once it is held again.
   */
  presenceChanged(held: boolean): void {
    if (this.absent === !held) return;
    this.absent = !held;
    this.services.log.info(
      held
        ? 'outbox: this desktop is present on the office book again; sending goes on'
        : 'outbox: this desktop holds no presence on the office book; nothing is sent until it does',
    );
    this.announceQueue();
    if (held) this.kick();
  }

  async resume(): Promise<QueueState> {
    await writeSettings(this.services.book.db, { [QUEUE_KEY]: { paused: false, reason: null } });
    const state = await this.queueState();
    this.services.events.emit('mail.changed', {
      id: null,
      status: null,
      lastError: null,
      sourceTitle: null,
      queue: state,
    });
    this.kick();
    return state;
  }

  private async pause(reason: z.infer<typeof queuePause>): Promise<void> {
    await writeSettings(this.services.book.db, { [QUEUE_KEY]: { paused: true, reason } });
    this.services.events.emit('mail.changed', {
      id: null,
      status: null,
      lastError: reason,
      sourceTitle: null,
      queue: await this.queueState(),
    });
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
    this.tokenRefreshed = false;
    try {
      // An office book: another desktop may have stopped mid-send since; its message goes from here.
      if (this.services.book.kind === 'office') await this.recover();
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
            return this.pause('signin_required');
          if (error instanceof AppError) return this.pause('not_configured');
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
        if (this.absent) this.presenceChanged(true);
        if (taken.kind === 'deferred') {
          this.announceQueue();
          break;
        }
        // Another desktop of the office took the last one due.
        if (taken.kind === 'none') break;
        const transport = this.connect(
          transportOptions(sender.account, {
            ca: this.services.config.smtpCa,
            timeoutMs: this.services.config.smtpTimeoutMs,
          }),
        );
        const sentCopy = mailboxRow.imap_enabled === 1 && mailboxRow.sent_copy === 1;
        const outcome = await this.send(taken.row, taken.attempt, sender, transport, sentCopy);
        if (outcome === 'sent' && sentCopy) this.onSentCopyOwed?.();
        if (outcome === 'paused') return;
        if (outcome === 'quota') {
          this.announceQueue();
          break;
        }
        // A connection problem (the pool may be broken) or a new token: a fresh connection next time.
        if (outcome === 'retry' || outcome === 'token') this.disconnect();
      }
    } finally {
      // The last outcome of the pass on disk too: a message recorded as sent is never sent again for a lost record.
      await this.services.book
        .flush()
        .catch((error: unknown) => this.services.log.error('outbox: flush failed', error));
      this.keepForAWhile();
      if (!this.halted && this.options.auto) {
        const next = await repo.earliestRetry(db);
        // Without presence, look again soon as well as when the presence connection says it is back.
        const idle = Math.min(this.options.idlePollMs ?? 60_000, this.absent ? 5 * PRESENCE_RECONNECT_MS : Infinity);
        this.schedule(next ? Math.min(idle, Date.parse(next) - Date.parse(this.now())) : idle);
      }
    }
  }

  private retryDelay(attempts: number): number {
    const base = this.options.retryBaseMs ?? 30_000;
    const cap = this.options.retryCapMs ?? 30 * 60_000;
    return Math.round(Math.min(cap, base * 2 ** Math.max(0, attempts - 1)) * (0.8 + Math.random() * 0.4));
  }

  private async send(
    row: repo.OutboxRecord,
    attempt: number,
    sender: Awaited<ReturnType<typeof resolveMailbox>>,
    transport: Transporter,
    sentCopy: boolean,
  ): Promise<Outcome> {
    const { mailbox } = sender;
    const { book, events } = this.services;
    const db = book.db;
    // Nothing leaves that the book could lose: the message, its credits and this attempt are on disk
    // first. The same flush covers the outcome of the message before (one fsync a message, not two).
    await book.flush();
    const emit = (status: repo.OutboxRecord['status'], lastError: string | null) =>
      void this.queueState().then((queue) =>
        events.emit('mail.changed', { id: row.id, status, lastError, sourceTitle: row.source_title, queue }),
      );

    let outcome: Outcome;
    let reply: string | null;
    let error: SmtpError | null = null;
    let quota: QuotaKind | null = null;
    let rawFile: string | null = null;
    let sentBytes: Buffer | null = null;
    let attachmentProblem: 'attachment_missing' | 'attachment_changed' | 'attachment_refused' = 'attachment_missing';
    try {
      // Exactly the PDF that was queued (its sha256 recorded then), or nothing goes.
      const kept = await readKeptAttachment(this.services.book, this.services.config.dataFolder, row);
      if ('problem' in kept) {
        attachmentProblem = kept.problem;
        if ('why' in kept) this.services.log.info(`outbox: message ${row.id} fails: ${kept.why}`, { id: row.id });
        throw Object.assign(new Error('The kept PDF is missing or changed'), { code: 'EATTACHMENT' });
      }
      const { pdf } = kept;
      const to = toAscii(JSON.parse(row.to_json) as string[]);
      const cc = toAscii(JSON.parse(row.cc_json) as string[]);
      // Built once, so the bytes sent are the bytes a Sent copy keeps.
      const raw = await new MailComposer({
        from: { name: headerSafe(mailbox.displayName), address: mailbox.addressAscii },
        replyTo: mailbox.replyToAscii || undefined,
        to,
        cc,
        subject: headerSafe(row.subject),
        text: row.body_text,
        html: row.body_html,
        messageId: row.message_id,
        date: new Date(this.now()),
        attachments: [{ filename: row.file_name, content: pdf, contentType: 'application/pdf' }],
        disableFileAccess: true,
        disableUrlAccess: true,
      })
        .compile()
        .build();
      if (sentCopy) {
        sentBytes = raw;
        rawFile = writeLocalRawMessage(this.services.book, this.services.config.dataFolder, row.id, raw);
      }
      const info = await transport.sendMail({ envelope: { from: mailbox.addressAscii, to: [...to, ...cc] }, raw });
      outcome = 'sent';
      reply = info.response ?? null;
    } catch (e) {
      error = e as SmtpError;
      reply = error.response ?? error.message ?? String(e);
      quota = error.responseCode !== undefined ? quotaOf(`${error.responseCode} ${reply}`) : null;
      // The kept PDF is gone or changed (by hand, or a failing disk): no retry can succeed.
      if (error.code === 'EATTACHMENT') outcome = 'failed';
      // "You have sent too much": the message is fine, the queue waits for the provider's window.
      else if (quota) outcome = 'quota';
      else if (error.code === 'EAUTH' && sender.account.auth.kind === 'oauth2' && !this.tokenRefreshed) {
        // The access token may have ended early or been revoked: go again at once with a fresh one.
        this.tokenRefreshed = true;
        this.grant.forgetAccessToken();
        outcome = 'token';
      } else if (error.code === 'EAUTH') outcome = 'paused';
      else if (error.responseCode !== undefined && error.responseCode >= 500) outcome = 'failed';
      else outcome = 'retry';
    }

    const now = this.now();
    await db.transaction().execute(async (trx) => {
      await repo.recordAttempt(trx, { outbox_id: row.id, attempt, at: now, outcome, reply });
      if (outcome === 'sent') {
        // On an office book the bytes for the Sent copy go into the book with the news that it went.
        if (sentBytes && !rawFile) rawFile = await keepOfficeRawMessage(trx, sentBytes, now);
        await repo.updateOutbox(trx, row.id, {
          status: 'sent',
          sent_at: now,
          ...(rawFile ? { sent_copy: 'pending' as const, raw_file: rawFile } : {}),
          last_reply: reply,
          last_error: null,
          next_attempt_at: null,
          updated_at: now,
        });
      } else if (outcome === 'failed') {
        await repo.updateOutbox(trx, row.id, {
          status: 'failed',
          last_reply: reply,
          last_error: error?.code === 'EATTACHMENT' ? attachmentProblem : 'rejected',
          next_attempt_at: null,
          updated_at: now,
        });
        if (row.spend_id) await returnIn(trx, row.spend_id, new Date(now));
      } else if (outcome === 'quota' && quota) {
        // Counted as an attempt; its credits stay reserved; it and every waiting message go after the wait.
        const until = new Date(Date.parse(now) + QUOTA_WAIT_MS[quota]).toISOString();
        await repo.updateOutbox(trx, row.id, { status: 'queued', last_reply: reply, updated_at: now });
        await repo.deferQueued(trx, until, `quota_${quota}`);
      } else if (outcome === 'token') {
        // A refused token: the attempt counts, and the message goes again at once with a fresh token.
        await repo.updateOutbox(trx, row.id, {
          status: 'queued',
          last_reply: reply,
          last_error: 'auth',
          next_attempt_at: null,
          updated_at: now,
        });
      } else if (outcome === 'paused') {
        // Not the message's fault: back in the queue as it was, the queue waits for the mailbox.
        await repo.updateOutbox(trx, row.id, {
          status: 'queued',
          attempts: row.attempts,
          last_reply: reply,
          last_error: 'auth',
          updated_at: now,
        });
      } else {
        const at = new Date(Date.parse(now) + this.retryDelay(attempt)).toISOString();
        const reason =
          error?.code === 'ETIMEDOUT' || /timeout/i.test(error?.message ?? '')
            ? 'timeout'
            : error?.responseCode
              ? 'deferred'
              : 'network';
        await repo.updateOutbox(trx, row.id, {
          status: 'queued',
          last_reply: reply,
          last_error: reason,
          next_attempt_at: at,
          updated_at: now,
        });
      }
    });
    if (outcome === 'paused') await this.pause(sender.account.auth.kind === 'oauth2' ? 'signin_required' : 'auth');
    if (outcome === 'sent') this.tokenRefreshed = false;
    emit(
      outcome === 'sent' ? 'sent' : outcome === 'failed' ? 'failed' : 'queued',
      outcome === 'sent' ? null : (reply ?? outcome),
    );
    return outcome;
  }
}
