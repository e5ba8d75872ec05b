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

describe('the receiving server’s verdicts', () => {
  it('come from the topmost Authentication-Results header, every DKIM signature with its domain', () => {
    const { judgedBy, results } = readAuthenticationResults(GMAIL);
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
    const { results } = readAuthenticationResults(OUTLOOK);
    expect(results.map((r) => [r.method, r.result, r.subject])).toEqual([
      ['spf', 'fail', 'daftar.ps'],
      ['dkim', 'none', 'none'],
      ['dmarc', 'fail', 'daftar.ps'],
    ]);
  });

  it('are none when the server wrote no header', () => {
    expect(readAuthenticationResults('From: office@daftar.ps\r\nSubject: x\r\n')).toEqual({
      judgedBy: null,
      results: [],
    });
  });
});
