import type { Transporter } from 'nodemailer';
import type { resolveMailbox } from '../mailbox/mailbox-account';
import type { OAuthGrant } from '../mailbox/oauth/oauth-grant';
import type { Services } from '../registry';
import { messageBytes } from './message-bytes';
import type * as repo from './outbox.repo';
import type { QueuePause } from './queue-pause';
import type { QuotaKind } from './quota-replies';
import { failureOutcome, recordOutcome, type Attempted, type Outcome, type SmtpError } from './send-outcome';

export interface RetryOptions {
  /** First retry after about this long; each further retry doubles it (±20 %), up to retryCapMs. */
  retryBaseMs?: number;
  retryCapMs?: number;
}

/**
 * Sends one claimed message through the company mailbox and records what happened: the attempt, the
 * message's new state, a failed message's credits given back, the queue paused when the mailbox is
 * refused. The bytes sent are built once, so a Sent copy keeps exactly them.
 */
export class MessageSender {
  /** A refused OAuth2 token gets one fresh one per pass; refused again, the mailbox must sign in again. */
  private tokenRefreshed = false;

  constructor(
    private readonly services: Services,
    private readonly grant: OAuthGrant,
    private readonly queue: QueuePause,
    private readonly options: RetryOptions,
  ) {}

  /** A new pass of the outbox: a refused token may be refreshed once again. */
  newPass(): void {
    this.tokenRefreshed = false;
  }

  private retryDelay(attempts: number): number {
    const base = this.options.retryBaseMs ?? 30_000;
    const cap = this.options.retryCapMs ?? 30 * 60_000;
    return Math.round(Math.min(cap, base * 2 ** Math.max(0, attempts - 1)) * (0.8 + Math.random() * 0.4));
  }

  async send(
    row: repo.OutboxRecord,
    attempt: number,
    sender: Awaited<ReturnType<typeof resolveMailbox>>,
    transport: Transporter,
    sentCopy: boolean,
  ): Promise<Outcome> {
    const { mailbox } = sender;
    const { book, events } = this.services;
    // Nothing leaves that the book could lose: the message, its credits and this attempt are on disk
    // first. The same flush covers the outcome of the message before (one fsync a message, not two).
    await book.flush();
    const emit = (status: repo.OutboxRecord['status'], lastError: string | null) =>
      void this.queue
        .state()
        .then((queue) =>
          events.emit('mail.changed', { id: row.id, status, lastError, sourceTitle: row.source_title, queue }),
        );

    let outcome: Outcome;
    let reply: string | null;
    let error: SmtpError | null = null;
    let quota: QuotaKind | null = null;
    let rawFile: string | null = null;
    let sentBytes: Buffer | null = null;
    let attachmentProblem: Attempted['attachmentProblem'] = 'attachment_missing';
    try {
      // Exactly the PDF that was queued (its sha256 recorded then), or nothing goes.
      const kept = await book.files.readPdf(row);
      if ('problem' in kept) {
        attachmentProblem = kept.problem;
        if ('why' in kept) this.services.log.info(`outbox: message ${row.id} fails: ${kept.why}`, { id: row.id });
        throw Object.assign(new Error('The kept PDF is missing or changed'), { code: 'EATTACHMENT' });
      }
      const { raw, recipients } = await messageBytes(row, mailbox, kept.pdf, this.services.ports.clock.now());
      if (sentCopy) {
        sentBytes = raw;
        rawFile = book.files.writeRawBeforeSend(row.id, raw);
      }
      const info = await transport.sendMail({ envelope: { from: mailbox.addressAscii, to: recipients }, raw });
      outcome = 'sent';
      reply = info.response ?? null;
    } catch (e) {
      error = e as SmtpError;
      reply = error.response ?? error.message ?? String(e);
      const oauth = sender.account.auth.kind === 'oauth2';
      ({ outcome, quota } = failureOutcome(error, reply, oauth && !this.tokenRefreshed));
      if (outcome === 'token') {
        this.tokenRefreshed = true;
        this.grant.forgetAccessToken();
      }
    }

    const now = this.services.ports.clock.now().toISOString();
    const retryDelayMs = this.retryDelay(attempt);
    await book.db.transaction().execute((trx) =>
      recordOutcome(book, trx, {
        row,
        attempt,
        now,
        outcome,
        reply,
        error,
        quota,
        rawFile,
        sentBytes,
        attachmentProblem,
        retryDelayMs,
      }),
    );
    if (outcome === 'paused')
      await this.queue.pause(sender.account.auth.kind === 'oauth2' ? 'signin_required' : 'auth');
    if (outcome === 'sent') this.tokenRefreshed = false;
    emit(
      outcome === 'sent' ? 'sent' : outcome === 'failed' ? 'failed' : 'queued',
      outcome === 'sent' ? null : (reply ?? outcome),
    );
    return outcome;
  }
}
