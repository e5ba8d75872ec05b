import { spawn } from 'node:child_process';
import { platform } from 'node:os';
import { AppError } from '../../src-shared/errors';
import { isOpenableUrl, type UrlOpener } from '../ports';

/** Opens http(s)/mailto links with the desktop's default program; anything else is refused. */
export const systemOpener: UrlOpener = {
  async open(url) {
    if (!isOpenableUrl(url)) throw AppError.invalidField('url', 'scheme_not_allowed', { url });
    const [command, args] =
      platform() === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : platform() === 'darwin'
          ? ['open', [url]]
          : ['xdg-open', [url]];
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {}); // no desktop (a server, CI): nothing to open with
    child.unref();
  },
};
