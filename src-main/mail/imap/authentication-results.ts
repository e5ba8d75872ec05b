import type { ImapFlow } from 'imapflow';
import parseHeader from 'mailauth/lib/parse-dkim-headers';
import type { TestReadBack } from '../../../src-shared/api/mailbox.api';

type Verdicts = Pick<TestReadBack, 'judgedBy' | 'results'>;

/** The logical header lines of a header block, unfolded ("Name: value" each). */
function headerLines(block: string): string[] {
  return block
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .filter(Boolean);
}

/** A host's organizational domain, near enough: its last two labels, three under a country's com., org., co.… */
export function organizationalDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  const [second, top] = labels.slice(-2);
  const keep = top && top.length === 2 && second && second.length <= 3 && labels.length > 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** Providers whose receiving servers name themselves under another domain than their IMAP host's. */
const PROVIDER_DOMAINS: Record<string, string[]> = {
  'gmail.com': ['google.com'],
  'googlemail.com': ['google.com'],
  'office365.com': ['outlook.com', 'microsoft.com'],
  'outlook.com': ['office365.com', 'microsoft.com'],
};
/** Microsoft 365 and Outlook.com write their header without an authserv-id. */
const WRITES_NO_ID = new Set(['office365.com', 'outlook.com']);

export interface ReceivingServer {
  /** The mailbox's IMAP server. */
  imapHost: string;
  /** The mailbox's own addresses (its sender address, an IMAP user name that is an address). */
  addresses: string[];
}

/**
 * Which Authentication-Results headers to believe (RFC 8601 §5: only those whose authserv-id is the
 * receiving server's; a sender can add any other, above or below). The receiving server is the
 * mailbox's: an authserv-id under the organizational domain of its IMAP host or of its own address
 * (mx.daftar.ps for office@daftar.ps), or of the provider's known receiving servers (mx.google.com
 * for imap.gmail.com). No authserv-id at all only from Microsoft, which writes its header so.
 */
export function trustsAuthservId(server: ReceivingServer, authservId: string | null): boolean {
  const own = [server.imapHost, ...server.addresses.map((a) => a.slice(a.lastIndexOf('@') + 1))]
    .map((h) => h.trim())
    .filter((h) => h && !/^[\d.]+$|:/.test(h))
    .map(organizationalDomain);
  const domains = new Set(own.flatMap((d) => [d, ...(PROVIDER_DOMAINS[d] ?? [])]));
  if (!authservId) return own.some((d) => WRITES_NO_ID.has(d));
  // "mx.google.com 1": an authserv-id may carry a version after it.
  const id = authservId.trim().split(/\s+/)[0]!.toLowerCase().replace(/\.$/, '');
  return [...domains].some((d) => id === d || id.endsWith(`.${d}`));
}

/**
 * The verdicts of the topmost Authentication-Results header the receiving server wrote (see
 * trustsAuthservId): the one the mailbox's own server added last. Any other, above or below, may be
 * the sender's or an earlier hop's, and proves nothing.
 */
export function readAuthenticationResults(headers: string, server: ReceivingServer): Verdicts {
  const line = headerLines(headers)
    .filter((l) => /^authentication-results\s*:/i.test(l))
    .find((l) => trustsAuthservId(server, parseHeader(l).parsed.value ?? null));
  if (!line) return { judgedBy: null, results: [] };
  const { parsed } = parseHeader(line);
  const text = (v: string | undefined) => (v ? v : null);
  const results: Verdicts['results'] = [];
  if (parsed.spf)
    results.push({
      method: 'spf',
      result: parsed.spf.value.toLowerCase(),
      subject: text(parsed.spf.smtp?.mailfrom ?? parsed.spf.smtp?.helo),
      comment: text(parsed.spf.comment),
    });
  for (const dkim of parsed.dkim ?? [])
    results.push({
      method: 'dkim',
      result: dkim.value.toLowerCase(),
      subject: text(dkim.header?.d ?? dkim.header?.i),
      comment: text(dkim.comment),
    });
  if (parsed.dmarc)
    results.push({
      method: 'dmarc',
      result: parsed.dmarc.value.toLowerCase(),
      subject: text(parsed.dmarc.header?.from),
      comment: text(parsed.dmarc.comment),
    });
  return { judgedBy: text(parsed.value), results };
}

/**
 * Looks for a message in the INBOX by its Message-ID, read-only (EXAMINE), and answers the verdicts
 * on its newest copy; null when it has not arrived.
 */
export async function readBackMessage(
  client: ImapFlow,
  messageId: string,
  server: ReceivingServer,
): Promise<Verdicts | null> {
  const lock = await client.getMailboxLock('INBOX', { readOnly: true });
  try {
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    const uid = uids ? uids.at(-1) : undefined;
    if (uid === undefined) return null;
    const message = await client.fetchOne(String(uid), { headers: true }, { uid: true });
    return readAuthenticationResults(message && message.headers ? message.headers.toString('utf8') : '', server);
  } finally {
    lock.release();
  }
}
