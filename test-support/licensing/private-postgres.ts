import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresBinDir } from '../../scripts/system-deps/parts';
import { freePorts, systemUser } from '../system-users';

export interface PrivatePostgres {
  /** The cluster's own database, for the licensing tests (each makes its own database beside it). */
  url: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL cluster of the test run's own: a fresh folder under the temp folder and a free port
 * on 127.0.0.1, stopped and removed afterwards. It never touches a server someone started by hand.
 * PostgreSQL refuses to run as root; as root, the cluster runs as Debian's `postgres` account.
 */
export async function startPrivatePostgres(
  options: {
    /** Kept between runs (the benchmarks' big book): made the first time, started again after, never removed. */
    keptIn?: string;
    /** Commits on disk before they are answered, as a real server does (the benchmarks); tests need not wait. */
    durable?: boolean;
  } = {},
): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (bin === null)
    throw new Error('PostgreSQL is not installed: run `npm test`, which installs it, or see the README');
  const kept = options.keptIn !== undefined && existsSync(join(options.keptIn, 'data', 'PG_VERSION'));
  const dir = options.keptIn ?? mkdtempSync(join(tmpdir(), 'daftar-pg-'));
  mkdirSync(dir, { recursive: true });
  const owner = process.getuid?.() === 0 ? systemUser('postgres') : null;
  if (process.getuid?.() === 0 && !owner) throw new Error('no postgres account: install Debian’s postgresql package');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const [port] = (await freePorts(1)) as [number];
  const data = join(dir, 'data');
  const run = (program: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      let output = '';
      const child = spawn(join(bin, program), args, {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
        env: { ...process.env, LC_ALL: 'C' },
      });
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${program} failed (exit ${code}):\n${output}`)),
      );
    });
  try {
    if (!kept)
      await run('initdb', ['-D', data, '-U', 'daftar', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Members of password_users sign in with a password over TCP (the office tests' refused logins); everyone else is trusted.
    const hba = join(data, 'pg_hba.conf');
    if (!kept) writeFileSync(hba, `host all +password_users 127.0.0.1/32 scram-sha-256\n${readFileSync(hba, 'utf8')}`);
    // A test server: no durability wanted (unless asked), and the socket in our own folder.
    const fast = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fast} -c max_connections=200`;
    await run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '120', '-o', settings, 'start']);
    if (!kept) {
      const psql = ['-h', '127.0.0.1', '-p', String(port), '-U', 'daftar'];
      await run('createdb', [...psql, 'daftar']);
      await run('psql', [...psql, '-q', '-c', 'create role password_users']);
    }
  } catch (error) {
    await run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    if (!options.keptIn) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://daftar@127.0.0.1:${port}/daftar`,
    async stop() {
      await run('pg_ctl', ['-D', data, '-m', options.keptIn ? 'fast' : 'immediate', '-w', 'stop']).catch(
        () => undefined,
      );
      if (!options.keptIn) rmSync(dir, { recursive: true, force: true });
    },
  };
}
