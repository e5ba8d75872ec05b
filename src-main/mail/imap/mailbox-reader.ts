import type { ImapFlow } from 'imapflow';
import { readMailbox } from '../../company/company.repo';
import type { OAuthGrant } from '../../company/oauth/oauth-grant';
import type { Services } from '../../registry';
import { createImapClient, resolveImapAccount } from './imap-account';
import { readBounces } from './read-bounces';
import { appendSentCopies } from './sent-copy';

export interface ReaderOptions {
  /** Read again at least this often (also while IDLE waits, since some servers drop it quietly). */
  intervalMs?: number;
  /** Start on its own (hosts); tests drive it with readOnce(). */
  auto?: boolean;
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

  constructor(
    private readonly services: Services,
    private readonly grant: OAuthGrant,
    private readonly options: ReaderOptions = {},
  ) {}

  start(): void {
    if (this.options.auto) this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.client?.logout().catch(() => this.client?.close());
    await this.loop;
  }

  /** Read now (mail was sent and a Sent copy is owed, or the mailbox was saved). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** One pass on a connection of its own: bounces, then Sent copies. */
  async readOnce(): Promise<void> {
    const client = await this.connect();
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

  private async pass(client: ImapFlow): Promise<void> {
    const { book, events, ports, config } = this.services;
    const row = await readMailbox(book.db);
    const since = row.imap_since ?? ports.clock.now().toISOString();
    const bounces = await readBounces(client, book.db, since, () => ports.clock.now().toISOString());
    for (const b of bounces)
      events.emit('mail.bounced', {
        id: b.outboxId,
        sourceTitle: b.sourceTitle,
        recipient: b.recipient,
        kind: b.kind,
        status: b.status,
      });
    if (row.sent_copy === 1) await appendSentCopies(client, book, config.dataFolder, row.sent_folder);
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
        this.client = await this.connect();
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
