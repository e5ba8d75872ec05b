import { spawnSync } from 'node:child_process';

/** How this process may install packages: as root, through sudo without a password, or not at all. */
export function installer(): 'root' | 'sudo' | null {
  if (process.getuid?.() === 0) return 'root';
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 5000 });
  return sudo.status === 0 ? 'sudo' : null;
}

/** Postfix asks how to configure itself; ours are private instances, so the system one stays unconfigured. */
const POSTFIX_ANSWER = 'postfix postfix/main_mailer_type select No configuration';

/** The commands a person types to install these packages (shown when we cannot run them ourselves). */
export function installCommands(packages: string[]): string[] {
  return [
    ...(packages.includes('postfix') ? [`echo "${POSTFIX_ANSWER}" | sudo debconf-set-selections`] : []),
    `sudo apt-get install -y ${packages.join(' ')}`,
  ];
}

/** Install the packages with apt-get, showing its progress. Throws with apt's own words when it fails. */
export function aptInstall(packages: string[], as: 'root' | 'sudo'): void {
  const run = (command: string, args: string[], input?: string) => {
    const argv = ['env', 'DEBIAN_FRONTEND=noninteractive', command, ...args];
    const result = spawnSync(as === 'sudo' ? 'sudo' : argv[0]!, as === 'sudo' ? ['-n', ...argv] : argv.slice(1), {
      input,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'],
    });
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  };
  if (packages.includes('postfix')) run('debconf-set-selections', [], `${POSTFIX_ANSWER}\n`);
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', ...packages]);
}
