import { ImapFlow } from 'imapflow';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePorts } from './system-users';
import { writeDovecotConfig, writePostfixConfig } from './mail-server-configs';
import { refuseServersInUnitTier } from './tiers';

/** Runs a command that starts a daemon: waits for its exit, not for its stdio (the daemon keeps it). */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? ok() : fail(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`)),
    );
  });
}
const TLS = resolve(import.meta.dirname, 'tls');

/**
 * Debian's Postfix and Dovecot, a private instance each: their own folders under /tmp and their own
 * ports on 127.0.0.1, started for a test run and stopped after it. Never the system's mail servers.
 *
 * - Postfix takes submissions on `submissionPort` (STARTTLS required, SASL through Dovecot) and
 *   delivers every address of `domain` to Dovecot over LMTP. It accepts any recipient of the domain
 *   and learns only at delivery that one does not exist, so it sends the sender a real RFC 3464 DSN.
 * - Dovecot serves IMAP on `imapPort` (STARTTLS) and `imapsPort`, with a `Sent` folder marked
 *   \Sent, for the users given (the password is the same for all).
 */
export interface MailServers {
  domain: string;
  host: '127.0.0.1';
  submissionPort: number;
  imapPort: number;
  imapsPort: number;
  password: string;
  /** Postfix's log, to explain a failing test. */
  log(): string;
  /** A user's mailbox, opened as a mail program would (to look, not as Daftar). */
  asUser<T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T>;
  /** The raw bytes of every message in one of a user's folders. */
  sources(user: string, folder: string): Promise<Buffer[]>;
  /**
   * Puts messages straight into a user's INBOX as a local delivery agent does (Maildir files in
   * new/): thousands in a second, where APPEND or SMTP would take minutes.
   */
  drop(user: string, messages: string[]): void;
  stop(): Promise<void>;
}

const REQUIRED = ['/usr/sbin/postfix', '/usr/sbin/dovecot'];

export interface MailServerOptions {
  domain?: string;
  /**
   * An Authentication-Results header value that Postfix writes at the top of every message it takes
   * in, as a receiving server's SPF/DKIM/DMARC verifier does (its own verdict, the same each time).
   */
  authenticationResults?: string;
  /** A mailbox with no Sent folder and none marked \\Sent (a fresh Dovecot, many hosting mailboxes). */
  noSentFolder?: boolean;
}

/** Starts the pair (needs root, as Postfix's master does); users are local parts of `domain`. */
export async function startMailServers(users: string[], options: MailServerOptions = {}): Promise<MailServers> {
  refuseServersInUnitTier('Postfix and Dovecot');
  const domain = options.domain ?? 'daftar.test';
  const missing = REQUIRED.filter((p) => !existsSync(p));
  if (missing.length)
    throw new Error(`${missing.join(', ')} not found: install Debian's postfix, dovecot-imapd and dovecot-lmtpd`);
  if (process.getuid?.() !== 0) throw new Error('the Postfix and Dovecot test servers need root (Postfix master)');
  const dir = mkdtempSync(join(tmpdir(), 'daftar-mail-'));
  chmodSync(dir, 0o755); // the servers' own users (postfix, nobody) walk through it
  const [submissionPort, imapPort, imapsPort, lmtpPort, authPort] = (await freePorts(5)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const password = 'mailbox-secret';
  writeDovecotConfig(dir, {
    users,
    domain,
    password,
    imapPort,
    imapsPort,
    lmtpPort,
    authPort,
    sentFolder: !options.noSentFolder,
  });
  writePostfixConfig(dir, {
    domain,
    submissionPort,
    lmtpPort,
    authPort,
    authenticationResults: options.authenticationResults,
  });

  await run('/usr/sbin/dovecot', ['-c', join(dir, 'dovecot.conf')]);
  await run('/usr/sbin/postfix', ['-c', join(dir, 'postfix'), 'start']);
  await Promise.all([submissionPort, imapPort, lmtpPort, authPort].map((port) => listening(port)));

  const stop = async () => {
    await run('/usr/sbin/postfix', ['-c', join(dir, 'postfix'), 'stop']).catch(() => undefined);
    await run('/usr/bin/doveadm', ['-c', join(dir, 'dovecot.conf'), 'stop']).catch(() => undefined);
    if (!process.env.KEEP_MAIL_SERVERS) rmSync(dir, { recursive: true, force: true });
  };
  return {
    domain,
    host: '127.0.0.1',
    submissionPort,
    imapPort,
    imapsPort,
    password,
    log: () => (existsSync(join(dir, 'postfix.log')) ? readFileSync(join(dir, 'postfix.log'), 'utf8') : ''),
    asUser,
    sources: (user, folder) =>
      asUser(user, async (client) => {
        const lock = await client.getMailboxLock(folder, { readOnly: true });
        try {
          const found: Buffer[] = [];
          if (!client.mailbox || client.mailbox.exists === 0) return found;
          for await (const m of client.fetch('1:*', { source: true })) if (m.source) found.push(m.source);
          return found;
        } finally {
          lock.release();
        }
      }),
    drop(user, messages) {
      const box = join(dir, 'mail', domain, user);
      for (const sub of ['', 'new', 'cur', 'tmp']) {
        mkdirSync(join(box, sub), { recursive: true });
        chownSync(join(box, sub), 65534, 65534);
      }
      const stamp = Math.floor(Date.now() / 1000);
      messages.forEach((message, i) => {
        const file = join(box, 'new', `${stamp}.M${i}P${process.pid}.daftar-test`);
        writeFileSync(file, message);
        chownSync(file, 65534, 65534);
      });
    },
    stop,
  };

  async function asUser<T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: imapsPort,
      secure: true,
      tls: { ca: [readFileSync(join(TLS, 'ca.pem'), 'utf8')] },
      auth: { user: `${user}@${domain}`, pass: password },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  }
}

async function listening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}
