import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/**
 * Someone posing as the office's PostgreSQL server, for tests: it asks every client for its
 * password in clear (AuthenticationCleartextPassword), writes down what it is given, and refuses
 * the login. With `tls`, it accepts a client's TLS request with that certificate.
 */
export interface FakePostgres {
  host: string;
  port: number;
  /** The passwords clients handed over. */
  passwords: string[];
  /** How many connections were made to it. */
  connections: () => number;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;

/** Reads whole messages off a socket, however the bytes arrive. */
function reader(socket: Socket | TLSSocket) {
  let buffered = Buffer.alloc(0);
  let waiting: (() => void) | null = null;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    waiting?.();
  });
  return async (n: number): Promise<Buffer> => {
    while (buffered.length < n) await new Promise<void>((resolve) => (waiting = resolve));
    const out = buffered.subarray(0, n);
    buffered = buffered.subarray(n);
    return out;
  };
}

export async function startFakePostgres(
  host: string,
  options: { tls?: { key: string; cert: string } } = {},
): Promise<FakePostgres> {
  const passwords: string[] = [];
  let connections = 0;
  const sockets = new Set<Socket>();
  async function serve(plain: Socket) {
    connections++;
    let socket: Socket | TLSSocket = plain;
    let read = reader(socket);
    const length = (await read(4)).readInt32BE(0);
    if ((await read(length - 4)).readInt32BE(0) === SSL_REQUEST) {
      if (options.tls) {
        plain.removeAllListeners('data');
        plain.write('S');
        socket = new TLSSocket(plain, { isServer: true, ...options.tls });
        socket.on('error', () => {});
      } else plain.write('N');
      read = reader(socket);
      // The startup message, now over TLS (or still in clear).
      await read((await read(4)).readInt32BE(0) - 4);
    }
    // The startup message: answered with "send me your password, in clear".
    const ask = Buffer.alloc(9);
    ask.write('R', 0);
    ask.writeInt32BE(8, 1);
    ask.writeInt32BE(3, 5);
    socket.write(ask);
    const type = (await read(1)).toString();
    const size = (await read(4)).readInt32BE(0);
    const message = await read(size - 4);
    if (type === 'p') passwords.push(message.subarray(0, message.indexOf(0)).toString('utf8'));
    const fields = Buffer.from('SFATAL\0C28P01\0Mpassword authentication failed\0\0');
    const refusal = Buffer.alloc(5);
    refusal.write('E', 0);
    refusal.writeInt32BE(fields.length + 4, 1);
    socket.end(Buffer.concat([refusal, fields]));
  }
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    serve(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return {
    host,
    port: (server.address() as AddressInfo).port,
    passwords,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
