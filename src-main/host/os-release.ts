import { readFileSync } from 'node:fs';

/** Debian or Ubuntu (or a system that says it is like them), where apt-get installs what Daftar needs. */
export function isDebianLike(osRelease = '/etc/os-release'): boolean {
  try {
    const ids =
      readFileSync(osRelease, 'utf8')
        .match(/^(ID|ID_LIKE)=.*$/gm)
        ?.join(' ') ?? '';
    return /\b(debian|ubuntu)\b/.test(ids);
  } catch {
    return false;
  }
}
