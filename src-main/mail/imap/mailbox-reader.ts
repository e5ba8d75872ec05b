import type { ImapFlow } from 'imapflow';
import type { ReaderStatus } from '../../../src-shared/api/mailbox.api';
import { AppError } from '../../../src-shared/errors';
import { readMailbox } from '../../company/company.repo';
import type { OAuthGrant } from '../../mailbox/oauth/oauth-grant';
import type { Services } from '../../registry';
import { InProcessBounceParser, UnreadableMail, WorkerBounceParser, type BounceParser } from './bounce-parser';
import { classifyImapError, createImapClient, imapReply, resolveImapAccount } from './imap-account';
import { readBounces } from './read-bounces';
import { appendSentCopies } from './sent-copy';
import { NoSentFolder } from './sent-folder';

export interface ReaderOptions {
  /** Read again at least this often (also while IDLE waits, since some servers drop it quietly). */
  intervalMs?: number;
  /** Start on its own (hosts); tests drive it with readOnce(). */
  auto?: boolean;
  /** The mail parser's script (hosts: mail-parser.cjs beside theirs); absent: received mail is parsed in process. */
  parserWorker?: string;
  /** How long one received message may take to parse before it is skipped. */
  parseBudgetMs?: number;
}

/**
 * Reads the sender mailbox over IMAP while the mailbox has reading switched on: at start, every few
 * minutes, and at once when the server says (IDLE) that mail arrived. Each pass records bounces and
 * appends owed Sent copies. Offline or refused, it waits and tries again; nothing is lost, since
 * where it got to is in the book.
 */
export class MailboxReader {
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A kick that came while no sleep was waiting for it (the loop was connecting or reading). */
  private kicked = false;
  private client: ImapFlow | null = null;
  private readonly parser: BounceParser;
  private last: ReaderStatus = { state: 'waiting', problem: null, reply: null, at: null, skipped: 0 };

  constructor(
    private readonly services: Services,
    private readonly grant: OAuthGrant,
    private readonly options: ReaderOptions = {},
  ) {
    const parser = options.parserWorker
      ? new WorkerBounceParser(options.parserWorker, options.parseBudgetMs)
      : new InProcessBounceParser();
    // Counts what could not be read, for the window.
    this.parser = {
      parse: (job) =>
        parser.parse(job).catch((error: unknown) => {
          if (error instanceof UnreadableMail) this.last = { ...this.last, skipped: this.last.skipped + 1 };
          throw error;
        }),
      close: () => parser.close(),
    };
  }

  /** How the last pass went (the window shows it beside the IMAP settings). */
  status(): ReaderStatus {
    return this.last;
  }

  start(): void {
    if (this.options.auto) this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.client?.logout().catch(() => this.client?.close());
    await this.loop;
    await this.parser.close();
  }

  /** Read now (mail was sent and a Sent copy is owed, or the mailbox was saved). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** One pass on a connection of its own: bounces, then Sent copies. */
  async readOnce(): Promise<void> {
    const client = await this.connect().catch((error: unknown) => {
      this.failed(error);
      throw error;
    });
    if (!client) return;
    try {
      await this.pass(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private async connect(): Promise<ImapFlow | null> {
    const row = await readMailbox(this.services.book.db);
    if (row.imap_enabled !== 1) return null;
    const account = await resolveImapAccount(this.services, this.grant);
    const client = createImapClient(account, {
      ca: this.services.config.smtpCa,
      timeoutMs: this.services.config.smtpTimeoutMs,
    });
    client.on('error', (error: unknown) => this.services.log.info('mailbox reader: connection error', { error }));
    await client.connect();
    return client;
  }

  /** One pass, its outcome kept for the window; a failure is thrown on for the caller to wait and retry. */
  private async pass(client: ImapFlow): Promise<void> {
    const at = () => this.services.ports.clock.now().toISOString();
    try {
      await this.readAndCopy(client);
      this.last = { ...this.last, state: 'ok', problem: null, reply: null, at: at() };
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  private failed(error: unknown): void {
    const at = this.services.ports.clock.now().toISOString();
    if (error instanceof NoSentFolder)
      this.last = { ...this.last, state: 'failed', problem: 'no_sent_folder', reply: error.reply, at };
    else if (error instanceof AppError && error.details.reason === 'imap_password_unbound')
      this.last = { ...this.last, state: 'failed', problem: 'password_unbound', reply: null, at };
    else {
      const outcome = classifyImapError(error);
      const problem = outcome === 'ok' || outcome === 'not_configured' || outcome === 'rejected' ? 'error' : outcome;
      this.last = { ...this.last, state: 'failed', problem, reply: imapReply(error), at };
    }
  }

  private async readAndCopy(client: ImapFlow): Promise<void> {
    const { book, events, ports, log } = this.services;
    const row = await readMailbox(book.db);
    const since = row.imap_since ?? ports.clock.now().toISOString();
    const bounces = await readBounces(client, book.db, {
      since,
      now: () => ports.clock.now().toISOString(),
      parser: this.parser,
      log,
    });
    for (const b of bounces)
      events.emit('mail.bounced', {
        id: b.outboxId,
        sourceTitle: b.sourceTitle,
        recipient: b.recipient,
        kind: b.kind,
        status: b.status,
      });
    if (row.sent_copy === 1) await appendSentCopies(client, book, row.sent_folder, log);
  }

  /** The INBOX as last opened holds mail past where reading got to. */
  private async unread(client: ImapFlow): Promise<boolean> {
    const cursor = await this.services.book.db
      .selectFrom('imap_cursor')
      .select(['uid_validity', 'last_uid'])
      .where('folder', '=', 'INBOX')
      .executeTakeFirst();
    const box = client.mailbox;
    if (!box || !cursor) return false;
    return cursor.uid_validity !== String(box.uidValidity) || Number(box.uidNext) - 1 > cursor.last_uid;
  }

  private sleep(ms: number): Promise<void> {
    // Kicked while busy: read again at once rather than wait out the interval.
    if (this.kicked || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    const interval = this.options.intervalMs ?? 3 * 60_000;
    while (!this.stopped) {
      try {
        this.kicked = false;
        this.client = await this.connect().catch((error: unknown) => {
          this.failed(error);
          throw error;
        });
        if (!this.client) {
          await this.sleep(interval);
          continue;
        }
        const client = this.client;
        // Mail that arrives while a pass runs counts as a kick: the next wait ends at once.
        client.on('exists', () => this.kick());
        while (!this.stopped && client.usable) {
          this.kicked = false;
          await this.pass(client);
          if (this.stopped) break;
          // Wait for new mail (IDLE, where offered), a kick, or the interval.
          if (client.capabilities.has('IDLE')) {
            const lock = await client.getMailboxLock('INBOX', { readOnly: true });
            lock.release();
            // A pass that opened the Sent folder sees INBOX afresh here: what came meanwhile sends no EXISTS.
            if (await this.unread(client)) continue;
            void client.idle().catch(() => undefined);
          }
          await this.sleep(interval);
        }
      } catch (error) {
        this.services.log.info('mailbox reader: could not read the mailbox; trying again later', {
          error: error instanceof Error ? error.message : String(error),
        });
        if (!this.stopped) await this.sleep(interval);
      } finally {
        await this.client?.logout().catch(() => this.client?.close());
        this.client = null;
      }
    }
  }
}
