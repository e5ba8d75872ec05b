import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { promises as dns } from 'node:dns';
import { refuseServersInUnitTier } from './tiers';

export interface DnsTestServer {
  /** "127.0.0.1:PORT", for a resolver's setServers. */
  server: string;
  close(): Promise<void>;
}

/** A free UDP port on 127.0.0.1 (asked of the OS, then released for dnsmasq). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * Debian's dnsmasq on a private port of 127.0.0.1, answering only the fixture records given
 * (TXT and A). Every other name under the fixture zones is NXDOMAIN; nothing is forwarded.
 */
export async function startDnsTestServer(records: {
  zones: string[];
  txt?: Record<string, string[]>;
  a?: Record<string, string>;
}): Promise<DnsTestServer> {
  refuseServersInUnitTier('dnsmasq');
  const binary = ['/usr/sbin/dnsmasq', '/usr/bin/dnsmasq'].find((p) => existsSync(p));
  if (!binary) throw new Error("dnsmasq was not found: install Debian's dnsmasq-base package");
  // dnsmasq listens on TCP as well as UDP: a port free for UDP may be another server's TCP port (the
  // run's PostgreSQL, a mail server). Such a start is tried again on another port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(binary, await freePort(), records);
    } catch (error) {
      if (attempt >= 5 || !/Address already in use/.test(String(error))) throw error;
    }
  }
}

async function startOn(
  binary: string,
  port: number,
  records: { zones: string[]; txt?: Record<string, string[]>; a?: Record<string, string> },
): Promise<DnsTestServer> {
  const args = [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    '--no-resolv',
    '--no-hosts',
    '--no-poll',
    '--bind-interfaces',
    '--listen-address=127.0.0.1',
    `--port=${port}`,
    '--pid-file=',
    '--user=',
    ...records.zones.map((zone) => `--local=/${zone}/`),
    ...Object.entries(records.txt ?? {}).flatMap(([name, values]) =>
      // Passed without a shell, so unquoted; a comma would split the text into strings (none here).
      values.map((value) => `--txt-record=${name},${value}`),
    ),
    ...Object.entries(records.a ?? {}).map(([name, ip]) => `--host-record=${name},${ip}`),
  ];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const server = `127.0.0.1:${port}`;
  // Ready when it answers (a name from the first zone; NXDOMAIN is an answer too).
  const resolver = new dns.Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([server]);
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`dnsmasq exited: ${stderr}`);
    try {
      await resolver.resolveTxt(`ready.${records.zones[0]}`);
      break;
    } catch (error) {
      if (['ENOTFOUND', 'ENODATA'].includes((error as { code?: string }).code ?? '')) break;
      if (i > 50) throw new Error(`dnsmasq did not answer: ${stderr}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
