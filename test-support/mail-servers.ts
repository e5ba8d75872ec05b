import { ImapFlow } from 'imapflow';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePorts, systemUser } from './system-users';
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

function writeDovecotConfig(
  dir: string,
  o: {
    users: string[];
    domain: string;
    password: string;
    imapPort: number;
    imapsPort: number;
    lmtpPort: number;
    authPort: number;
    sentFolder: boolean;
  },
) {
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  chownSync(mail, 65534, 65534); // nobody:nogroup, whom the mail belongs to (Dovecot refuses uid 0)
  for (const d of ['run', 'state']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'users'), o.users.map((u) => `${u}@${o.domain}:{PLAIN}${o.password}\n`).join(''));
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <${TLS}/server.pem
ssl_key = <${TLS}/server.key
auth_mechanisms = plain login
mail_location = maildir:${mail}/%d/%n
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${mail}/%d/%n
}
namespace inbox {
  inbox = yes
  separator = /
${
  o.sentFolder
    ? `  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
`
    : ''
}  mailbox Trash {
    special_use = \\Trash
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${o.imapPort}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${o.imapsPort}
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${o.lmtpPort}
  }
}
service auth {
  inet_listener auth {
    address = 127.0.0.1
    port = ${o.authPort}
  }
}
protocol lmtp {
  postmaster_address = postmaster@${o.domain}
}
`,
  );
}

function writePostfixConfig(
  dir: string,
  o: { domain: string; submissionPort: number; lmtpPort: number; authPort: number; authenticationResults?: string },
) {
  const etc = join(dir, 'postfix');
  mkdirSync(etc);
  // Postfix's own Received header is the first it sees of a submission: the verdict goes above it.
  const verdict = o.authenticationResults
    ? `/^Received: .*[[:space:]]by mx\\.${o.domain.replace(/\./g, '\\.')} / PREPEND Authentication-Results: ${o.authenticationResults}\n`
    : '';
  writeFileSync(join(etc, 'header_checks'), verdict);
  for (const d of ['spool', 'data']) mkdirSync(join(dir, d));
  chownSync(join(dir, 'data'), postfixUid(), 0);
  writeFileSync(
    join(etc, 'main.cf'),
    `
compatibility_level = 3.6
queue_directory = ${dir}/spool
data_directory = ${dir}/data
mail_owner = postfix
setgid_group = postdrop
maillog_file_prefixes = ${dir}
maillog_file = ${dir}/postfix.log
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.${o.domain}
mydomain = ${o.domain}
myorigin = ${o.domain}
mydestination =
alias_maps =
alias_database =
local_transport = error:local delivery is off
virtual_mailbox_domains = ${o.domain}
virtual_transport = lmtp:inet:127.0.0.1:${o.lmtpPort}
# Accept any recipient of the domain: an unknown one is refused at delivery, and bounces as a DSN.
smtpd_reject_unlisted_recipient = no
smtpd_tls_cert_file = ${TLS}/server.pem
smtpd_tls_key_file = ${TLS}/server.key
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:${o.authPort}
header_checks = regexp:${etc}/header_checks
`,
  );
  writeFileSync(
    join(etc, 'master.cf'),
    `
${o.submissionPort} inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
`,
  );
}

function postfixUid(): number {
  const user = systemUser('postfix');
  if (!user) throw new Error('no postfix user: install Debian’s postfix package');
  return user.uid;
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
