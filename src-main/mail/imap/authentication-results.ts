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

/**
 * The verdicts of the topmost Authentication-Results header (RFC 8601): the one the last server,
 * the receiving one, wrote. Lower ones come from earlier hops, or from the sender, and prove nothing.
 */
export function readAuthenticationResults(headers: string): Verdicts {
  const line = headerLines(headers).find((l) => /^authentication-results\s*:/i.test(l));
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
export async function readBackMessage(client: ImapFlow, messageId: string): Promise<Verdicts | null> {
  const lock = await client.getMailboxLock('INBOX', { readOnly: true });
  try {
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    const uid = uids ? uids.at(-1) : undefined;
    if (uid === undefined) return null;
    const message = await client.fetchOne(String(uid), { headers: true }, { uid: true });
    return readAuthenticationResults(message && message.headers ? message.headers.toString('utf8') : '');
  } finally {
    lock.release();
  }
}
