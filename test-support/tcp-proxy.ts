import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP relay on 127.0.0.1 to a server, for tests: cut it and the server is away as a network outage makes it. */
export interface TcpProxy {
  port: number;
  /** Stop answering and drop every connection through it, as a cable pulled out does. */
  cut(): Promise<void>;
  /** Answer again, on the same port. */
  mend(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const relay = (client: Socket) => {
    const server = connect(targetPort, targetHost);
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(server).pipe(client);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  };
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const listener = createServer(relay);
      listener.once('error', reject);
      listener.listen(port, '127.0.0.1', () => resolve(listener));
    });
  let listener: Server | null = await listen(0);
  const port = (listener.address() as AddressInfo).port;
  const cut = async () => {
    const closing = listener;
    listener = null;
    for (const s of sockets) s.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  return {
    port,
    cut,
    async mend() {
      listener ??= await listen(port);
    },
    close: cut,
  };
}
