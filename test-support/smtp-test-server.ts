import { simpleParser, type ParsedMail } from 'mailparser';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { refuseServersInUnitTier } from './tiers';

const TLS_DIR = join(import.meta.dirname, 'tls');
export const TEST_CA = readFileSync(join(TLS_DIR, 'ca.pem'), 'utf8');

export interface SmtpTestServerOptions {
  /** 'none' = plain, 'starttls' = offers STARTTLS, 'tls' = implicit TLS. */
  security: 'none' | 'starttls' | 'tls';
  users?: Record<string, string>;
  /** Accept only XOAUTH2, and ask this (the provider's introspection) whether the token is the user's. */
  xoauth2?: (username: string, accessToken: string) => Promise<boolean>;
  /** Decide each message's fate: null accepts it, else the SMTP reply to refuse it with (e.g. 451, 550). */
  reply?: () => { code: number; message: string } | null;
  /** Awaited before a message's reply is given (the client waits meanwhile): a slow server, or one held by the test. */
  beforeReply?: () => Promise<void>;
}

/** A message as it arrived: the SMTP envelope and the parsed message. */
export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  mail: ParsedMail;
}

export interface SmtpTestServer {
  port: number;
  messages: ReceivedMail[];
  /** Successful logins (AUTH), one per connection a client opened and signed in on. */
  readonly logins: number;
  /** Hangs up on every client, as a server does with one idle too long. */
  hangUp(): void;
  /** Messages in arrival order, one per call: resolves when the next unread one is in. */
  nextMessage(): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 for tests: checks AUTH, keeps each message parsed. */
export async function startSmtpTestServer(options: SmtpTestServerOptions): Promise<SmtpTestServer> {
  refuseServersInUnitTier('The SMTP test server');
  const users = options.users ?? { daftar: 'correct horse' };
  const messages: ReceivedMail[] = [];
  const waiting: ((m: ReceivedMail) => void)[] = [];
  let read = 0;
  let logins = 0;
  const loggedIn = (callback: (error: null, response: { user: string }) => void, user: string) => {
    logins++;
    callback(null, { user });
  };
  const server = new SMTPServer({
    secure: options.security === 'tls',
    key: readFileSync(join(TLS_DIR, 'server.key')),
    cert: readFileSync(join(TLS_DIR, 'server.pem')),
    disabledCommands: options.security === 'none' ? ['STARTTLS'] : [],
    allowInsecureAuth: true,
    authMethods: options.xoauth2 ? ['XOAUTH2'] : ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      const refused = () => callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
      if (options.xoauth2) {
        if (auth.method !== 'XOAUTH2' || !auth.accessToken) return refused();
        options
          .xoauth2(auth.username ?? '', auth.accessToken)
          .then((ok) => (ok ? loggedIn(callback, auth.username ?? '') : refused()), refused);
        return;
      }
      if (auth.username && users[auth.username] === auth.password) loggedIn(callback, auth.username);
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const refusal = options.reply?.();
      if (refusal) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code })));
        return;
      }
      const { mailFrom, rcptTo } = session.envelope;
      simpleParser(stream)
        .then(async (mail) => {
          await options.beforeReply?.();
          return mail;
        })
        .then((mail) => {
          const received = { mailFrom: mailFrom ? mailFrom.address : '', rcptTo: rcptTo.map((r) => r.address), mail };
          messages.push(received);
          waiting.shift()?.(received);
          callback();
        })
        .catch(callback);
    },
  });
  // A client that vanishes mid-session (a killed host) is a normal event here, not a test failure.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    get logins() {
      return logins;
    },
    hangUp: () => {
      for (const connection of server.connections) connection.close();
    },
    nextMessage: () => {
      const ready = messages[read++];
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
