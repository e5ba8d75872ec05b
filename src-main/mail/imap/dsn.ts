import { simpleParser } from 'mailparser';

/** What a bounce says about one recipient of the message it answers. */
export interface RecipientReport {
  /** The address, lower case, as it was sent. */
  address: string;
  /** bounced: given up (5.x.x); delayed: still trying (4.x.x). */
  kind: 'bounced' | 'delayed';
  /** RFC 3463 status, e.g. 5.1.1. */
  status: string;
  /** The receiving server's own words, one line. */
  diagnostic: string;
}

export interface Bounce {
  /** The Message-IDs of the message it answers (from the quoted original), with angle brackets. */
  messageIds: string[];
  recipients: RecipientReport[];
}

const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const ADDRESS = /([^\s<>"'(),;:]+@[A-Za-z0-9.-]*[A-Za-z0-9])/;
const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/gim;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** RFC 3464's message/delivery-status: blocks of header fields; the first is about the message, the rest one per recipient. */
export function parseDeliveryStatus(text: string): RecipientReport[] {
  const blocks = text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ') // unfold continued lines
    .split(/\n\s*\n/);
  const reports: RecipientReport[] = [];
  for (const block of blocks.slice(1)) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const recipient = fields.get('original-recipient') ?? fields.get('final-recipient');
    const action = (fields.get('action') ?? '').toLowerCase();
    const status = STATUS.exec(fields.get('status') ?? '')?.[0];
    if (!recipient || !status) continue;
    const kind = action === 'failed' || status.startsWith('5') ? 'bounced' : action === 'delayed' ? 'delayed' : null;
    if (!kind) continue; // delivered, relayed, expanded: not a problem
    const address = recipient
      .replace(/^[^;]*;\s*/, '')
      .trim()
      .toLowerCase();
    const diagnostic = oneLine((fields.get('diagnostic-code') ?? '').replace(/^[^;]*;\s*/, ''));
    reports.push({ address, kind, status, diagnostic });
  }
  return reports;
}

/** The Message-IDs in quoted original headers, with their angle brackets. */
export const messageIdsIn = (headers: string): string[] => [
  ...new Set([...headers.matchAll(MESSAGE_ID)].map((m) => m[1]!)),
];

/**
 * A bounce that is not an RFC 3464 report (those are read part by part over IMAP), or null when
 * the message is not one. Such bounces quote the original headers in their text: the failed
 * addresses come from X-Failed-Recipients, or from the paragraphs that pair an address with a
 * status code.
 */
export async function readTextBounce(raw: Buffer): Promise<Bounce | null> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  if (!looksLikeBounce(mail.subject ?? '', mail.from?.text ?? '')) return null;
  const text = mail.text ?? '';
  const quoted = mail.attachments
    .filter((a) => /^(message\/(global|rfc822)|text\/rfc822-headers)$/i.test(a.contentType))
    .map((a) => a.content.toString('utf8'))
    .join('\n');
  const messageIds = messageIdsIn(`${quoted}\n${text}`);
  if (!messageIds.length) return null;
  const failed = headerText(mail.headers.get('x-failed-recipients'));
  const recipients = failed
    ? failed.split(',').map((a) => textReport(a.trim().toLowerCase(), text))
    : reportsFromText(text);
  return recipients.length ? { messageIds, recipients } : null;
}

const headerText = (value: unknown) => (typeof value === 'string' ? value : '');

const BOUNCE_SUBJECT =
  /undeliver|undelivered|delivery (status|failure|has failed)|returned mail|failure notice|mail delivery failed|non.?delivery|could not be delivered|delivery delayed/i;

function looksLikeBounce(subject: string, from: string): boolean {
  return BOUNCE_SUBJECT.test(subject) || /mailer-daemon|postmaster/i.test(from);
}

/** One failed address of a non-standard bounce, with the code and words on the lines about it. */
function textReport(address: string, text: string): RecipientReport {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => l.toLowerCase().includes(address));
  const around = at >= 0 ? lines.slice(at, at + 4).join(' ') : text;
  const status = STATUS.exec(around)?.[0] ?? '5.0.0';
  return { address, kind: status.startsWith('4') ? 'delayed' : 'bounced', status, diagnostic: oneLine(around) };
}

function reportsFromText(text: string): RecipientReport[] {
  const reports = new Map<string, RecipientReport>();
  // Up to the quoted original: addresses after it are the original's own headers.
  const body = text.split(/^[-\s]*(original message|message headers|returned message)/im)[0] ?? text;
  for (const paragraph of body.split(/\n\s*\n/)) {
    const status = STATUS.exec(paragraph)?.[0];
    const address = ADDRESS.exec(paragraph)?.[1]?.toLowerCase();
    if (!status || !address || reports.has(address)) continue;
    reports.set(address, {
      address,
      kind: status.startsWith('4') ? 'delayed' : 'bounced',
      status,
      diagnostic: oneLine(paragraph),
    });
  }
  return [...reports.values()];
}
