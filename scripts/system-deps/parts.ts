import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findChromium } from '../../src-main/host/chromium-path';

/** What a part is needed for: running the app (`npm start`) or its tests (`npm test`). */
export type Purpose = 'start' | 'test';

/** One thing Daftar needs from the system, how to tell it is here, and the Debian package that brings it. */
export interface SystemPart {
  name: string;
  why: string;
  debianPackage: string;
  neededFor: Purpose[];
  present(): boolean;
}

const onPath = (command: string) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));

/** Debian installs each PostgreSQL major beside the others: any initdb will do. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return onPath('initdb') ? '' : null;
  const majors = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(root, majors[0], 'bin') : onPath('initdb') ? '' : null;
}

export const SYSTEM_PARTS: SystemPart[] = [
  {
    name: 'Chromium',
    why: 'makes every PDF in the Node host, and runs the window in the e2e tests',
    debianPackage: 'chromium',
    neededFor: ['start', 'test'],
    present: () => findChromium() !== null,
  },
  {
    name: 'Noto fonts',
    why: 'Arabic and Latin text of the window in the e2e tests',
    debianPackage: 'fonts-noto-core',
    neededFor: ['test'],
    present: () => existsSync('/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf'),
  },
  {
    name: 'pdftotext',
    why: 'the tests read every PDF back',
    debianPackage: 'poppler-utils',
    neededFor: ['test'],
    present: () => onPath('pdftotext'),
  },
  {
    name: 'sqlite3',
    why: "opens the book file as other tools do (Debian's SQLite), to check they can read it",
    debianPackage: 'sqlite3',
    neededFor: ['test'],
    present: () => existsSync('/usr/bin/sqlite3'),
  },
  {
    name: 'PostgreSQL',
    why: "the licensing server's tests run on a private PostgreSQL cluster",
    debianPackage: 'postgresql',
    neededFor: ['test'],
    present: () => postgresBinDir() !== null,
  },
  {
    name: 'dnsmasq',
    why: "a private DNS server for the sender domain's SPF and DMARC tests",
    debianPackage: 'dnsmasq-base',
    neededFor: ['test'],
    present: () => existsSync('/usr/sbin/dnsmasq') || onPath('dnsmasq'),
  },
  {
    name: 'Postfix',
    why: 'a private mail server for the bounce tests',
    debianPackage: 'postfix',
    neededFor: ['test'],
    present: () => existsSync('/usr/sbin/postfix'),
  },
  {
    name: 'Dovecot IMAP',
    why: 'a private IMAP server for the bounce and Sent-copy tests',
    debianPackage: 'dovecot-imapd',
    neededFor: ['test'],
    present: () => existsSync('/usr/sbin/dovecot') && existsSync('/usr/lib/dovecot/imap'),
  },
  {
    name: 'Dovecot LMTP',
    why: "delivers Postfix's mail into the private IMAP server",
    debianPackage: 'dovecot-lmtpd',
    neededFor: ['test'],
    present: () => existsSync('/usr/lib/dovecot/lmtp'),
  },
];

/** The parts needed for this purpose that are not here. */
export const missingParts = (purpose: Purpose, parts = SYSTEM_PARTS) =>
  parts.filter((part) => part.neededFor.includes(purpose) && !part.present());
