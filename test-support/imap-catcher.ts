import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { refuseServersInUnitTier } from './tiers';

const TLS_DIR = join(import.meta.dirname, 'tls');

/**
 * An IMAP server of the attacker's own on this machine (TLS, the test certificate): it speaks just
 * enough IMAP to be handed a sign-in (LOGIN, AUTHENTICATE PLAIN or XOAUTH2) and keeps everything it was sent.
 */
export async function imapCatcher() {
  refuseServersInUnitTier('The IMAP catcher');
  const heard: string[] = [];
  const server = createTlsServer(
    {
      key: readFileSync(join(TLS_DIR, 'server.key')),
      cert: readFileSync(join(TLS_DIR, 'server.pem')),
    },
    (socket) => {
      socket.on('error', () => undefined);
      socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2] ready\r\n');
      let buffer = '';
      let authTag: string | null = null;
      socket.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('latin1');
        let end;
        while ((end = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          // Everything it is sent, and every word of it read as base64 (SASL).
          heard.push(line, ...line.split(' ').map((word) => Buffer.from(word, 'base64').toString('latin1')));
          if (authTag) {
            socket.write(`${authTag} NO [AUTHENTICATIONFAILED] no\r\n`);
            authTag = null;
            continue;
          }
          const [tag, command = ''] = line.split(' ');
          const verb = command.toUpperCase();
          if (verb === 'CAPABILITY')
            socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2\r\n${tag} OK done\r\n`);
          else if (verb === 'LOGIN') socket.write(`${tag} NO [AUTHENTICATIONFAILED] no\r\n`);
          else if (verb === 'AUTHENTICATE' && line.split(' ').length > 3)
            socket.write(`${tag} NO [AUTHENTICATIONFAILED] no\r\n`);
          else if (verb === 'AUTHENTICATE') {
            authTag = tag!;
            socket.write('+ \r\n');
          } else if (verb === 'LOGOUT') socket.end(`* BYE\r\n${tag} OK bye\r\n`);
          else socket.write(`${tag} BAD no\r\n`);
        }
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    sawPassword: () => heard.some((line) => line.includes('correct horse')),
    /** Whether it was handed this secret (a password, an access token) in any form. */
    saw: (secret: string) => heard.some((line) => line.includes(secret)),
    /** How many times anyone tried to sign in. */
    signIns: () => heard.filter((line) => /^\S+ (LOGIN|AUTHENTICATE)\b/i.test(line)).length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
