import nodemailer, { type Transporter } from 'nodemailer';

/** How long the connection to the mailbox's server stays open once the outbox is empty. */
const KEEP_CONNECTION_MS = 20_000;

/**
 * The open connection to the mailbox's server, kept between passes for a while: a message queued
 * every few seconds then goes out on it, without a new TLS handshake and login each time.
 */
export class KeptConnection {
  private connection: { transport: Transporter; settings: string; idle: NodeJS.Timeout | null } | null = null;

  /** The connection for these settings: the kept one if they have not changed, else a new one. */
  connect(options: object): Transporter {
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
  keepForAWhile(): void {
    const connection = this.connection;
    if (!connection) return;
    connection.idle = setTimeout(() => {
      if (this.connection === connection) this.disconnect();
    }, KEEP_CONNECTION_MS);
    connection.idle.unref?.();
  }

  disconnect(): void {
    if (this.connection?.idle) clearTimeout(this.connection.idle);
    this.connection?.transport.close();
    this.connection = null;
  }
}
