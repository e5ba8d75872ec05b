import { describe, expect, it } from 'vitest';
import { readAuthenticationResults } from './authentication-results';

// Header blocks in the form Gmail and Microsoft 365 write them (folded, with comments).
const GMAIL = [
  'Delivered-To: office@daftar.ps',
  'ARC-Authentication-Results: i=1; mx.google.com; spf=pass smtp.mailfrom=office@daftar.ps',
  'Authentication-Results: mx.google.com;',
  '       dkim=pass header.i=@daftar.ps header.s=selector1 header.b=Ab12Cd;',
  '       dkim=fail (body hash did not verify) header.i=@old.daftar.ps header.s=s0 header.b=Zz;',
  '       spf=pass (google.com: domain of office@daftar.ps designates 40.107.1.2 as permitted sender) smtp.mailfrom=office@daftar.ps;',
  '       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=daftar.ps',
  'Authentication-Results: forged.example; spf=pass smtp.mailfrom=office@daftar.ps; dmarc=pass header.from=daftar.ps',
  'Subject: =?UTF-8?B?2LHYs9in2YTYqQ==?=',
].join('\r\n');

const OUTLOOK = [
  'Authentication-Results: spf=fail (sender IP is 203.0.113.9)',
  ' smtp.mailfrom=daftar.ps; dkim=none (message not signed)',
  ' header.d=none;dmarc=fail action=quarantine header.from=daftar.ps;compauth=fail reason=001',
  'From: office@daftar.ps',
].join('\r\n');

const AT_GMAIL = { imapHost: 'imap.gmail.com', addresses: ['office@daftar.ps'] };
const AT_MICROSOFT = { imapHost: 'outlook.office365.com', addresses: ['office@daftar.ps'] };
const AT_OWN_SERVER = { imapHost: 'mail.daftar.ps', addresses: ['office@daftar.ps'] };

describe('the receiving server’s verdicts', () => {
  it('come from the topmost Authentication-Results header, every DKIM signature with its domain', () => {
    const { judgedBy, results } = readAuthenticationResults(GMAIL, AT_GMAIL);
    expect(judgedBy).toBe('mx.google.com');
    expect(results.map((r) => [r.method, r.result, r.subject])).toEqual([
      ['spf', 'pass', 'office@daftar.ps'],
      ['dkim', 'pass', '@daftar.ps'],
      ['dkim', 'fail', '@old.daftar.ps'],
      ['dmarc', 'pass', 'daftar.ps'],
    ]);
    expect(results[2]!.comment).toBe('body hash did not verify');
  });

  it('read a header without an authserv-id comment, as Microsoft 365 writes it', () => {
    const { results } = readAuthenticationResults(OUTLOOK, AT_MICROSOFT);
    expect(results.map((r) => [r.method, r.result, r.subject])).toEqual([
      ['spf', 'fail', 'daftar.ps'],
      ['dkim', 'none', 'none'],
      ['dmarc', 'fail', 'daftar.ps'],
    ]);
  });

  it('are none when the server wrote no header', () => {
    expect(readAuthenticationResults('From: office@daftar.ps\r\nSubject: x\r\n', AT_GMAIL)).toEqual({
      judgedBy: null,
      results: [],
    });
  });

  // A sender may add its own Authentication-Results claiming every pass. RFC 8601 §5: only a header
  // whose authserv-id is the receiving server's counts, wherever it sits.
  const FORGED =
    'Authentication-Results: mx.attacker.example; spf=pass smtp.mailfrom=office@daftar.ps; dkim=pass header.d=daftar.ps; dmarc=pass header.from=daftar.ps';

  it('ignore a forged header above the receiving server’s', () => {
    const real =
      'Authentication-Results: mx.daftar.ps; spf=fail smtp.mailfrom=office@daftar.ps; dmarc=fail header.from=daftar.ps';
    const { judgedBy, results } = readAuthenticationResults(
      [FORGED, 'Received: from mx.daftar.ps by mail.daftar.ps', real, 'Subject: x'].join('\r\n'),
      AT_OWN_SERVER,
    );
    expect(judgedBy).toBe('mx.daftar.ps');
    expect(results.map((r) => [r.method, r.result])).toEqual([
      ['spf', 'fail'],
      ['dmarc', 'fail'],
    ]);
  });

  it('are none when only a sender’s header is there, above or below, or a header with no authserv-id away from Microsoft', () => {
    const none = { judgedBy: null, results: [] };
    expect(readAuthenticationResults([FORGED, 'Subject: x'].join('\r\n'), AT_GMAIL)).toEqual(none);
    expect(readAuthenticationResults(['Subject: x', FORGED].join('\r\n'), AT_OWN_SERVER)).toEqual(none);
    expect(readAuthenticationResults(OUTLOOK, AT_OWN_SERVER)).toEqual(none);
  });

  it('take a Gmail mailbox’s mx.google.com, an own server’s name under the mailbox’s domain, .com.ps kept whole', () => {
    const forGmail = readAuthenticationResults([FORGED, GMAIL].join('\r\n'), AT_GMAIL);
    expect(forGmail.judgedBy).toBe('mx.google.com');
    const own = 'Authentication-Results: mx1.daftar.com.ps; spf=pass smtp.mailfrom=office@daftar.com.ps';
    const other = 'Authentication-Results: mx.other.com.ps; spf=pass smtp.mailfrom=office@daftar.com.ps';
    const at = { imapHost: '127.0.0.1', addresses: ['office@daftar.com.ps'] };
    expect(readAuthenticationResults([other, own].join('\r\n'), at).judgedBy).toBe('mx1.daftar.com.ps');
    expect(readAuthenticationResults(other, at).judgedBy).toBeNull();
  });
});
