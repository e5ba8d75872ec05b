/**
 * Parsing of the email field of a card and of the send dialog: several addresses in one
 * string. Shared by the renderer (live errors) and the core (the check that counts).
 *
 * Rules: RFC 5321 length limits (local part 64, domain 253, path 254 octets), no control
 * characters (so no CR/LF header injection), a dot-atom or quoted local part in ASCII, a
 * domain name with at least one dot; IDN domains are accepted and converted to ASCII
 * (punycode, via the WHATWG URL parser) for sending.
 */

/** Every reason an address is refused; the window has a message for each. */
export const ADDRESS_PROBLEMS = [
  'control_char',
  'space_inside',
  'no_at',
  'local_empty',
  'local_too_long',
  'local_invalid',
  'local_non_ascii',
  'unterminated_quote',
  'domain_empty',
  'domain_literal',
  'domain_no_dot',
  'domain_invalid',
  'domain_label_too_long',
  'domain_too_long',
  'too_long',
] as const;
export type AddressProblem = (typeof ADDRESS_PROBLEMS)[number];

export interface ParsedAddress {
  /** As shown to the user and stored on the card: the domain in Unicode, lower case. */
  address: string;
  /** As given to the mail server: the domain in ASCII (punycode). */
  ascii: string;
}

export interface AddressError {
  /** 1-based position of the address in the list as typed. */
  position: number;
  address: string;
  problem: AddressProblem;
}

export type AddressListResult =
  | { ok: true; addresses: ParsedAddress[]; duplicatesDropped: string[] }
  | { ok: false; errors: AddressError[]; tooMany?: number };

export const MAX_ADDRESSES_PER_LIST = 50;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_PATH = 254;

// Separators users type between addresses: comma, semicolon (Latin and Arabic), any whitespace.
const SEPARATOR = /[,;\u060C\u061B\s]/u;
// Control characters, including CR/LF, DEL and the C1 range.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
const QUOTED = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;
const DOMAIN_CHARS = /^[\p{L}\p{M}\p{N}.-]+$/u;
const ASCII_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const NON_ASCII = /[^\x00-\x7f]/;

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/**
 * Split on separators, except inside a quoted local part ("john doe"@x.ps) and for spaces
 * typed beside an @ ("ahmad @mail.ps", one address with a slip rather than two broken ones),
 * which stay in the address so it is refused once, as typed, at its own position.
 * Control characters that are not whitespace stay inside the token so they are reported.
 */
export function splitAddressList(input: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      current += ch;
      if (ch === '\\' && i + 1 < input.length) current += input[++i];
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      current += ch;
    } else if (SEPARATOR.test(ch) && ch !== '\u000b' && ch !== '\u000c') {
      const spaces = /^[ \t\u00a0]+/.exec(input.slice(i))?.[0];
      if (spaces && current && (current.endsWith('@') || input[i + spaces.length] === '@')) {
        current += spaces;
        i += spaces.length - 1;
        continue;
      }
      if (current) tokens.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current) tokens.push(current);
  return tokens;
}

function toAsciiDomain(domain: string): string | null {
  if (!NON_ASCII.test(domain)) return domain;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/** Check one address; answers the parsed address or what is wrong with it. */
export function validateAddress(raw: string): ParsedAddress | AddressProblem {
  if (CONTROL.test(raw)) return 'control_char';
  if (/\s/.test(raw) && !raw.startsWith('"')) return 'space_inside';
  const at = raw.lastIndexOf('@');
  if (at < 0) return raw.startsWith('"') && !QUOTED.test(raw) ? 'unterminated_quote' : 'no_at';
  const local = raw.slice(0, at);
  const domainInput = raw
    .slice(at + 1)
    .normalize('NFC')
    .toLowerCase();

  if (!local) return 'local_empty';
  if (local.startsWith('"')) {
    if (!QUOTED.test(local))
      return NON_ASCII.test(local)
        ? 'local_non_ascii'
        : local.length > 1 && local.endsWith('"')
          ? 'local_invalid'
          : 'unterminated_quote';
  } else if (NON_ASCII.test(local)) {
    return 'local_non_ascii';
  } else if (!DOT_ATOM.test(local)) {
    return 'local_invalid';
  }
  if (utf8Length(local) > MAX_LOCAL) return 'local_too_long';

  if (!domainInput) return 'domain_empty';
  if (domainInput.startsWith('[')) return 'domain_literal';
  if (!DOMAIN_CHARS.test(domainInput)) return 'domain_invalid';
  const unicodeLabels = domainInput.split('.');
  if (unicodeLabels.length < 2) return 'domain_no_dot';
  if (unicodeLabels.some((l) => l === '')) return 'domain_invalid';

  const ascii = toAsciiDomain(domainInput);
  if (ascii === null) return 'domain_invalid';
  const labels = ascii.split('.');
  if (labels.some((l) => l.length > 63)) return 'domain_label_too_long';
  if (!labels.every((l) => ASCII_LABEL.test(l))) return 'domain_invalid';
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return 'domain_invalid';
  if (ascii.length > MAX_DOMAIN) return 'domain_too_long';
  if (utf8Length(local) + 1 + ascii.length > MAX_PATH) return 'too_long';

  return { address: `${local}@${domainInput}`, ascii: `${local}@${ascii}` };
}

/**
 * Parse a list as typed into an email field. Every bad address is reported with its
 * position; duplicates (compared on the ASCII form, case-insensitively) are dropped.
 */
export function parseAddressList(input: string, max = MAX_ADDRESSES_PER_LIST): AddressListResult {
  const tokens = splitAddressList(input);
  const errors: AddressError[] = [];
  const addresses: ParsedAddress[] = [];
  const duplicatesDropped: string[] = [];
  const seen = new Set<string>();
  tokens.forEach((token, index) => {
    const result = validateAddress(token);
    if (typeof result === 'string') {
      errors.push({ position: index + 1, address: token, problem: result });
      return;
    }
    const key = result.ascii.toLowerCase();
    if (seen.has(key)) duplicatesDropped.push(result.address);
    else {
      seen.add(key);
      addresses.push(result);
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  if (addresses.length > max) return { ok: false, errors: [], tooMany: max };
  return { ok: true, addresses, duplicatesDropped };
}

/** The stored form of a list: display addresses joined by commas. */
export const joinAddressList = (addresses: readonly ParsedAddress[]): string =>
  addresses.map((a) => a.address).join(',');
