/**
 * Received mail is a stranger's text: everything here reads it in one pass over a bounded piece
 * (no pattern whose cost grows with the square of the text), and what it hands on has no control
 * characters (PostgreSQL refuses a NUL, and no field Daftar shows wants one).
 */

/** How much of a bounce's text is looked at: the report is at its top, the quoted original after it. */
export const TEXT_LIMIT = 64 * 1024;
/** How much of one paragraph (or one report block) is looked at. */
export const PARAGRAPH_LIMIT = 2 * 1024;
/** At most this many recipients or Message-IDs are taken from one bounce. */
export const ITEM_LIMIT = 100;

// C0 controls and DEL, line breaks and tabs included: a kept field is one line.

const CONTROLS_AND_SPACE = /[\u0000-\u001f\u007f\s]+/g;

/** One line of text, trimmed, controls and runs of white space made one space. */
export const oneLine = (s: string): string => s.replace(CONTROLS_AND_SPACE, ' ').trim();

/** True when the text holds a control character (such a Message-ID or address is nobody's). */

export const hasControls = (s: string): boolean => /[\u0000-\u001f\u007f]/.test(s);

/** The lines of a text, CR LF or LF. */
export const linesOf = (text: string): string[] => text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));

/** Paragraphs: runs of lines between blank ones, each cut to PARAGRAPH_LIMIT. */
export function paragraphsOf(text: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let length = 0;
  const end = () => {
    if (current.length) paragraphs.push(current.join('\n'));
    current = [];
    length = 0;
  };
  for (const line of linesOf(text)) {
    if (line.trim() === '') {
      end();
      continue;
    }
    if (length >= PARAGRAPH_LIMIT) continue;
    const piece = line.slice(0, PARAGRAPH_LIMIT - length);
    current.push(piece);
    length += piece.length + 1;
  }
  end();
  return paragraphs;
}

const LOCAL_LIMIT = 64;
const DOMAIN_LIMIT = 255;
const isLocalChar = (c: string) => !/[\s<>"'(),;:@[\]\\]/.test(c);
const isDomainChar = (c: string) => /[A-Za-z0-9.-]/.test(c);
const isAlnum = (c: string) => /[A-Za-z0-9]/.test(c);

/**
 * The addresses in a text, lower case, in order, each once: found at each `@` and widened to either
 * side by at most an address's own limits, so the cost is one pass whatever the text holds.
 */
export function addressesIn(text: string, limit = ITEM_LIMIT): string[] {
  const found = new Set<string>();
  let at = text.indexOf('@');
  while (at >= 0 && found.size < limit) {
    let start = at;
    while (start > 0 && at - start < LOCAL_LIMIT && isLocalChar(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < text.length && end - at <= DOMAIN_LIMIT && isDomainChar(text[end]!)) end++;
    while (end > at + 1 && !isAlnum(text[end - 1]!)) end--; // a domain ends with a letter or digit
    if (start < at && end > at + 1) found.add(text.slice(start, end).toLowerCase());
    at = text.indexOf('@', Math.max(end, at + 1));
  }
  return [...found];
}

/** RFC 3463 status code: class, subject, detail (e.g. 5.1.1). */
const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

/** The first RFC 3463 status code in a text, or undefined. */
export const statusIn = (text: string): string | undefined => STATUS.exec(text)?.[0];

/**
 * The Message-IDs that start a header line (`Message-ID: <…>`, folded or not), with their angle
 * brackets, each once.
 */
export function messageIdsIn(headers: string): string[] {
  const ids = new Set<string>();
  const lines = linesOf(headers);
  for (let i = 0; i < lines.length && ids.size < ITEM_LIMIT; i++) {
    const line = lines[i]!;
    if (line.length < 11 || line.slice(0, 11).toLowerCase() !== 'message-id:') continue;
    let value = line.slice(11).trim();
    if (!value && /^[ \t]/.test(lines[i + 1] ?? '')) value = lines[i + 1]!.trim();
    const close = value.indexOf('>');
    if (value.startsWith('<') && close > 1 && close <= 998) {
      const id = value.slice(0, close + 1);
      if (!hasControls(id)) ids.add(id);
    }
  }
  return [...ids];
}

const QUOTED_ORIGINAL = ['original message', 'message headers', 'returned message'];

/** The text before the quoted original ("--- Original message ---" and the like): its addresses are the original's. */
export function beforeQuotedOriginal(text: string): string {
  let offset = 0;
  for (const line of text.split('\n')) {
    const head = line
      .replace(/^[-\s]*/, '')
      .slice(0, 20)
      .toLowerCase();
    if (QUOTED_ORIGINAL.some((marker) => head.startsWith(marker))) return text.slice(0, offset);
    offset += line.length + 1;
  }
  return text;
}
