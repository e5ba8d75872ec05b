import { promises as dns } from 'node:dns';
import getDmarcRecord from 'mailauth/lib/dmarc/get-dmarc-record';
import { spf } from 'mailauth/lib/spf';
import type { DomainCheck } from '../../src-shared/api/mailbox.api';
import { MAIL_PRESETS, type MailPresetId } from '../../src-shared/email/mail-presets';

/** A DNS lookup as mailauth calls it: TXT answers as arrays of strings, others as strings. */
export type DnsLookup = (name: string, rrtype: string) => Promise<string[][] | string[]>;

/** The system's resolver, or the given servers ("127.0.0.1:5353", for tests), with a short timeout. */
export function dnsLookup(servers?: string[]): DnsLookup {
  const resolver = new dns.Resolver({ timeout: 3000, tries: 2 });
  if (servers?.length) resolver.setServers(servers);
  return (name, rrtype) => resolver.resolve(name, rrtype) as Promise<string[][] | string[]>;
}

// No answer at all (as opposed to "no such name"): the internet, or the resolver, is not there.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEOUT', 'ESERVFAIL', 'ECONNRESET', 'EREFUSED', 'ENETUNREACH']);
const ABSENT = new Set(['ENOTFOUND', 'ENODATA']);
const codeOf = (error: unknown) => (error as { code?: string }).code ?? '';

class Offline extends Error {}

/** TXT records of a name, joined; [] when the name has none or does not exist. */
async function txt(lookup: DnsLookup, name: string): Promise<{ records: string[]; exists: boolean }> {
  try {
    return { records: ((await lookup(name, 'TXT')) as string[][]).map((parts) => parts.join('')), exists: true };
  } catch (error) {
    if (UNREACHABLE.has(codeOf(error))) throw new Offline();
    if (codeOf(error) === 'ENODATA') return { records: [], exists: true };
    if (ABSENT.has(codeOf(error))) return { records: [], exists: false };
    throw error;
  }
}

/** Does the name have an A or MX record, or any record at all (ENODATA: the name is there, not that type)? */
async function hasAddressOrMx(lookup: DnsLookup, name: string): Promise<boolean> {
  for (const rrtype of ['A', 'MX']) {
    try {
      await lookup(name, rrtype);
      return true;
    } catch (error) {
      if (UNREACHABLE.has(codeOf(error))) throw new Offline();
      if (codeOf(error) === 'ENODATA') return true;
    }
  }
  return false;
}

const spfRecordOf = (records: string[]) => records.find((r) => /^v=spf1(\s|$)/i.test(r.trim())) ?? null;

/**
 * An address the provider sends from: the first ip4 of its own SPF record (following includes),
 * or the SMTP host's address for a mailbox set by hand. The domain's SPF is then evaluated for it,
 * with every rule the record has (includes, -all, ~all), by mailauth.
 */
async function providerAddress(lookup: DnsLookup, include: string | null, host: string): Promise<string | null> {
  if (!include) {
    try {
      return ((await lookup(host, 'A')) as string[])[0] ?? null;
    } catch (error) {
      if (UNREACHABLE.has(codeOf(error))) throw new Offline();
      return null;
    }
  }
  const seen = new Set<string>();
  const walk = async (name: string): Promise<string | null> => {
    if (seen.has(name) || seen.size > 10) return null;
    seen.add(name);
    const record = spfRecordOf((await txt(lookup, name)).records);
    if (!record) return null;
    for (const term of record.split(/\s+/)) {
      const ip4 = /^\+?ip4:([\d.]+)/i.exec(term);
      if (ip4) return ip4[1]!;
    }
    for (const term of record.split(/\s+/)) {
      const nested = /^\+?include:(.+)$/i.exec(term);
      if (nested) {
        const found = await walk(nested[1]!);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(include);
}

/** The check of one sender address for one mailbox (a preset's provider or an SMTP host). */
export async function checkDomain(
  lookup: DnsLookup,
  mailbox: { address: string; preset: MailPresetId; host: string },
): Promise<DomainCheck> {
  const domain = new URL(`http://${mailbox.address.slice(mailbox.address.lastIndexOf('@') + 1)}/`).hostname;
  const sender = { preset: mailbox.preset, host: mailbox.host };
  const include = mailbox.preset === 'other' ? null : MAIL_PRESETS[mailbox.preset].spfInclude;
  try {
    // The domain's TXT records once: its SPF record, and (with A/MX) whether the domain exists at all.
    const domainTxt = await txt(lookup, domain);
    if (!domainTxt.exists && !(await hasAddressOrMx(lookup, domain)))
      return { domain, outcome: 'no_domain', sender, spf: null, dmarc: null, dkim: null };
    const record = spfRecordOf(domainTxt.records);
    const ip = await providerAddress(lookup, include, mailbox.host);
    const evaluated = ip
      ? await spf({ sender: mailbox.address, ip, helo: mailbox.host, mta: 'daftar', resolver: lookup })
      : null;
    const result = (record ? (evaluated?.status.result ?? 'neutral') : 'none') as NonNullable<
      DomainCheck['spf']
    >['result'];
    const add = result === 'pass' ? null : include ? `include:${include}` : ip ? `ip4:${ip}` : null;

    const dmarcRecord = await getDmarcRecord(domain, lookup).catch((error: unknown) => {
      if (UNREACHABLE.has(codeOf(error))) throw new Offline();
      return false as const;
    });
    const policy =
      dmarcRecord && ['none', 'quarantine', 'reject'].includes(String(dmarcRecord.p)) ? dmarcRecord.p : null;
    const selectors: readonly string[] = mailbox.preset === 'other' ? [] : MAIL_PRESETS[mailbox.preset].dkimSelectors;
    const found: string[] = [];
    for (const selector of selectors) {
      // A key, directly or through the provider's CNAME (Microsoft 365 points selector1 at its own zone).
      const key = (await txt(lookup, `${selector}._domainkey.${domain}`)).records.find((r) => /(^|;)\s*p=\S/.test(r));
      if (key) found.push(selector);
    }
    return {
      domain,
      outcome: 'checked',
      sender,
      spf: { record, result, add },
      dmarc: {
        record: dmarcRecord ? dmarcRecord.rr : null,
        policy: policy as 'none' | 'quarantine' | 'reject' | null,
        percent: dmarcRecord && typeof dmarcRecord.pct === 'number' ? dmarcRecord.pct : 100,
      },
      dkim: selectors.length ? { selectors: [...selectors], found } : null,
    };
  } catch (error) {
    if (error instanceof Offline) return { domain, outcome: 'offline', sender, spf: null, dmarc: null, dkim: null };
    throw error;
  }
}
