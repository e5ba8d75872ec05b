import { simpleParser } from 'mailparser';
import {
  addressesIn,
  beforeQuotedOriginal,
  hasControls,
  ITEM_LIMIT,
  linesOf,
  messageIdsIn,
  oneLine,
  PARAGRAPH_LIMIT,
  paragraphsOf,
  statusIn,
  TEXT_LIMIT,
} from './received-text';

export { messageIdsIn };

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

/** The value after a `type;` prefix (`rfc822; a@b`, `smtp; 550 …`). */
const afterType = (value: string) => {
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim();
};

/** RFC 3464's message/delivery-status: blocks of header fields; the first is about the message, the rest one per recipient. */
export function parseDeliveryStatus(text: string): RecipientReport[] {
  const reports: RecipientReport[] = [];
  // paragraphsOf cuts each block to PARAGRAPH_LIMIT and splits on blank lines in one pass.
  for (const block of paragraphsOf(text.slice(0, TEXT_LIMIT)).slice(1, ITEM_LIMIT + 1)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of linesOf(block)) {
      if (/^[ \t]/.test(line) && last) {
        fields.set(last, `${fields.get(last)} ${line.trim()}`); // a continued line
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      fields.set(last, line.slice(colon + 1).trim());
    }
    const recipient = fields.get('original-recipient') ?? fields.get('final-recipient');
    const action = (fields.get('action') ?? '').toLowerCase();
    const status = statusIn(fields.get('status') ?? '');
    if (!recipient || !status) continue;
    const kind = action === 'failed' || status.startsWith('5') ? 'bounced' : action === 'delayed' ? 'delayed' : null;
    if (!kind) continue; // delivered, relayed, expanded: not a problem
    const address = oneLine(afterType(recipient)).toLowerCase();
    if (!address.includes('@')) continue;
    reports.push({ address, kind, status, diagnostic: oneLine(afterType(fields.get('diagnostic-code') ?? '')) });
  }
  return reports;
}

/**
 * A bounce that is not an RFC 3464 report (those are read part by part over IMAP), or null when
 * the message is not one. Such bounces quote the original headers in their text: the failed
 * addresses come from X-Failed-Recipients, or from the paragraphs that pair an address with a
 * status code. Only the first TEXT_LIMIT of each text is read.
 */
export async function readTextBounce(raw: Buffer): Promise<Bounce | null> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  if (!looksLikeBounce(mail.subject ?? '', mail.from?.text ?? '')) return null;
  const text = (mail.text ?? '').slice(0, TEXT_LIMIT);
  const quoted = mail.attachments
    .filter((a) => /^(message\/(global|rfc822)|text\/rfc822-headers)$/i.test(a.contentType))
    .map((a) => a.content.subarray(0, TEXT_LIMIT).toString('utf8'))
    .join('\n');
  const messageIds = messageIdsIn(`${quoted}\n${text}`);
  if (!messageIds.length) return null;
  const failed = headerText(mail.headers.get('x-failed-recipients'));
  const recipients = failed ? failedRecipientReports(addressesIn(failed), text) : reportsFromText(text);
  return recipients.length ? { messageIds, recipients } : null;
}

const headerText = (value: unknown) => (typeof value === 'string' ? value.slice(0, TEXT_LIMIT) : '');

const BOUNCE_SUBJECT =
  /undeliver|undelivered|delivery (status|failure|has failed)|returned mail|failure notice|mail delivery failed|non.?delivery|could not be delivered|delivery delayed/i;

function looksLikeBounce(subject: string, from: string): boolean {
  return BOUNCE_SUBJECT.test(subject.slice(0, 1000)) || /mailer-daemon|postmaster/i.test(from.slice(0, 1000));
}

/** Each failed address of a non-standard bounce, with the code and words on the lines about it. */
function failedRecipientReports(addresses: string[], text: string): RecipientReport[] {
  const lines = linesOf(beforeQuotedOriginal(text));
  // Where each address is first named, in one pass over the lines.
  const firstLine = new Map<string, number>();
  lines.forEach((line, i) => {
    for (const address of addressesIn(line.slice(0, PARAGRAPH_LIMIT)))
      if (!firstLine.has(address)) firstLine.set(address, i);
  });
  return addresses.map((address) => {
    const at = firstLine.get(address);
    const around = (at === undefined ? text : lines.slice(at, at + 4).join(' ')).slice(0, PARAGRAPH_LIMIT);
    const status = statusIn(around) ?? '5.0.0';
    return { address, kind: status.startsWith('4') ? 'delayed' : 'bounced', status, diagnostic: oneLine(around) };
  });
}

function reportsFromText(text: string): RecipientReport[] {
  const reports = new Map<string, RecipientReport>();
  // Up to the quoted original: addresses after it are the original's own headers.
  for (const paragraph of paragraphsOf(beforeQuotedOriginal(text))) {
    if (reports.size >= ITEM_LIMIT) break;
    const status = statusIn(paragraph);
    const address = status ? addressesIn(paragraph, 1)[0] : undefined;
    if (!status || !address || reports.has(address) || hasControls(address)) continue;
    reports.set(address, {
      address,
      kind: status.startsWith('4') ? 'delayed' : 'bounced',
      status,
      diagnostic: oneLine(paragraph),
    });
  }
  return [...reports.values()];
}
