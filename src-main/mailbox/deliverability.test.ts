import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsTestServer, type DnsTestServer } from '../../test-support/dns-test-server';
import { testCore, type TestCore } from '../../test-support/test-core';
import { checkDomain, dnsLookup } from './deliverability';

// Fixture zones answered by a real DNS server (dnsmasq) on 127.0.0.1: the providers' own SPF, and
// one sender domain per case.
let server: DnsTestServer;
beforeAll(async () => {
  server = await startDnsTestServer({
    zones: ['test', 'outlook.com', 'google.com'],
    txt: {
      'spf.protection.outlook.com': ['v=spf1 ip4:40.92.0.0/15 ip4:52.100.0.0/14 -all'],
      '_spf.google.com': ['v=spf1 include:_netblocks.google.com ~all'],
      '_netblocks.google.com': ['v=spf1 ip4:35.190.247.0/24 ~all'],
      'pass.test': ['v=spf1 include:spf.protection.outlook.com -all', 'google-site-verification=abc'],
      '_dmarc.pass.test': ['v=DMARC1; p=reject; rua=mailto:d@pass.test'],
      'selector1._domainkey.pass.test': ['v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1'],
      'google._domainkey.soft.test': ['v=DKIM1; k=rsa; p='],
      'missing.test': ['v=spf1 include:_spf.google.com -all'],
      '_dmarc.missing.test': ['v=DMARC1; p=quarantine; pct=50'],
      'soft.test': ['v=spf1 a mx ~all'],
      'nospf.test': ['some other text'],
      'own.test': ['v=spf1 ip4:192.0.2.25 -all'],
    },
    a: {
      'pass.test': '192.0.2.1',
      'missing.test': '192.0.2.2',
      'soft.test': '192.0.2.3',
      'nospf.test': '192.0.2.4',
      'own.test': '192.0.2.5',
      'mail.own.test': '192.0.2.25',
      'other-mail.test': '192.0.2.99',
    },
  });
});
afterAll(() => server.close());

const check = (
  address: string,
  preset: 'microsoft365' | 'gmail' | 'workspace' | 'other',
  host = 'smtp.office365.com',
) => checkDomain(dnsLookup([server.server]), { address, preset, host });

describe("the sender domain's SPF and DMARC", () => {
  it('passes a domain whose SPF includes the provider, and reads its DMARC reject policy', async () => {
    expect(await check('office@pass.test', 'microsoft365')).toEqual({
      domain: 'pass.test',
      outcome: 'checked',
      sender: { preset: 'microsoft365', host: 'smtp.office365.com' },
      spf: { record: 'v=spf1 include:spf.protection.outlook.com -all', result: 'pass', add: null },
      dmarc: { record: 'v=DMARC1; p=reject; rua=mailto:d@pass.test', policy: 'reject', percent: 100 },
      // Microsoft 365 publishes under selector1 and selector2; this domain has the first.
      dkim: { selectors: ['selector1', 'selector2'], found: ['selector1'] },
    });
  });

  it('fails a -all record without the provider and says exactly what to include', async () => {
    const result = await check('office@missing.test', 'microsoft365');
    expect(result.spf).toEqual({
      record: 'v=spf1 include:_spf.google.com -all',
      result: 'fail',
      add: 'include:spf.protection.outlook.com',
    });
    expect(result.dmarc).toMatchObject({ policy: 'quarantine', percent: 50 });
    expect(result.dkim).toEqual({ selectors: ['selector1', 'selector2'], found: [] });
    // The same domain does let Google send (its include is followed to the address blocks).
    expect((await check('office@missing.test', 'gmail')).spf).toMatchObject({ result: 'pass', add: null });
  });

  it('tells ~all (softfail) from -all, and a domain with no DMARC record', async () => {
    const result = await check('office@soft.test', 'gmail');
    expect(result.spf).toMatchObject({ result: 'softfail', add: 'include:_spf.google.com' });
    expect(result.dmarc).toEqual({ record: null, policy: null, percent: 100 });
    // Gmail (not Workspace) signs with its own domain: no selector of ours to look for.
    expect(result.dkim).toBeNull();
    // Workspace's "google" selector with an empty key (p=) is a revoked key, not one that signs.
    expect((await check('office@soft.test', 'workspace')).dkim).toEqual({ selectors: ['google'], found: [] });
  });

  it('says when the domain has no SPF record at all, and what to add', async () => {
    expect((await check('office@nospf.test', 'microsoft365')).spf).toEqual({
      record: null,
      result: 'none',
      add: 'include:spf.protection.outlook.com',
    });
  });

  it("checks a mailbox set by hand against its SMTP host's address", async () => {
    expect((await check('office@own.test', 'other', 'mail.own.test')).spf).toMatchObject({ result: 'pass' });
    expect((await check('office@own.test', 'other', 'other-mail.test')).spf).toMatchObject({
      result: 'fail',
      add: 'ip4:192.0.2.99',
    });
  });

  it('says the domain does not exist, and that it cannot check without an answer from DNS', async () => {
    expect(await check('office@nowhere.test', 'microsoft365')).toMatchObject({ outcome: 'no_domain', spf: null });
    // Nothing listens on this port: as with no internet.
    const offline = await checkDomain(dnsLookup(['127.0.0.1:9']), {
      address: 'office@pass.test',
      preset: 'microsoft365',
      host: 'smtp.office365.com',
    });
    expect(offline).toMatchObject({ outcome: 'offline', spf: null, dmarc: null });
  });
});

describe('mailbox.checkDomain', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await testCore({ dnsServers: [server.server] });
  });
  afterAll(() => t.close());

  it('checks the form as typed, and names a bad sender address', async () => {
    const draft = {
      displayName: 'دفتر',
      address: 'office@missing.test',
      replyTo: '',
      host: 'smtp.office365.com',
      port: 587,
      security: 'starttls' as const,
      username: 'office@missing.test',
      preset: 'microsoft365' as const,
    };
    expect(await t.ok('mailbox.checkDomain', { draft })).toMatchObject({
      outcome: 'checked',
      spf: { result: 'fail', add: 'include:spf.protection.outlook.com' },
    });
    expect((await t.fail('mailbox.checkDomain', { draft: { ...draft, address: 'office@' } })).details.fields).toEqual([
      { path: 'address', reason: 'email_domain_empty', params: { address: 'office@', position: 1 } },
    ]);
  });
});
