import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Whether a test can hide Chromium's program from a process here: it takes root and a mount
 * namespace of its own, which a chroot (whose root is no mount point) cannot give.
 */
export const canHideChromium = (): boolean =>
  process.getuid?.() === 0 &&
  existsSync('/usr/lib/chromium') &&
  spawnSync('unshare', ['-m', 'true'], { stdio: 'ignore' }).status === 0;

export const HIDING_CHROMIUM_NEEDS = 'hiding Chromium needs root and a mount namespace (CI has both; a chroot has not)';

/** The command line that runs `command` as on a computer whose Chromium is gone: an empty folder over Debian's /usr/lib/chromium, seen by it alone. */
export const withoutChromium = (command: string[]): string[] => [
  'unshare',
  '-m',
  'sh',
  '-c',
  'mount -t tmpfs tmpfs /usr/lib/chromium && exec "$@"',
  'sh',
  ...command,
];
