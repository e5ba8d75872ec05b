import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mailParserForTests } from '../../../test-support/read-worker-build';
import { InProcessBounceParser, ParserUnavailable, UnreadableMail, WorkerBounceParser } from './bounce-parser';
import { parseDeliveryStatus, readTextBounce } from './dsn';

/**
 * A stranger's "Undeliverable": a Message-ID, then one paragraph of about `bytes` that names an
 * address and a code only at its very end, past what is read of a paragraph: not a bounce to record.
 */
function hostileBounce(bytes: number, filler = 'x'.repeat(60) + ' '): Buffer {
  return Buffer.from(
    [
      'From: Mail Delivery System <Mailer-Daemon@mx.example.ps>',
      'To: office@daftar.ps',
      'Subject: Undeliverable: Invoice 7',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Message-ID: <01abc@daftar.ps>',
      '',
      `${filler.repeat(Math.ceil(bytes / filler.length))} 550 5.1.1 gone@example.ps`,
      '',
    ].join('\r\n'),
  );
}

describe('delivery status notifications', () => {
  it('reads each recipient of an RFC 3464 report: failed ones bounce, delayed ones wait, delivered ones are not news', () => {
    const report = [
      'Reporting-MTA: dns; mx.example.ps',
      '',
      'Final-Recipient: rfc822; Full@Example.ps',
      'Action: failed',
      'Status: 5.2.2',
      'Diagnostic-Code: smtp; 552 5.2.2 Mailbox full:',
      '    quota exceeded',
      '',
      'Final-Recipient: rfc822; slow@example.ps',
      'Action: delayed',
      'Status: 4.4.1',
      '',
      'Final-Recipient: rfc822; fine@example.ps',
      'Action: delivered',
      'Status: 2.0.0',
    ].join('\r\n');
    expect(parseDeliveryStatus(report)).toEqual([
      {
        address: 'full@example.ps',
        kind: 'bounced',
        status: '5.2.2',
        diagnostic: '552 5.2.2 Mailbox full: quota exceeded',
      },
      { address: 'slow@example.ps', kind: 'delayed', status: '4.4.1', diagnostic: '' },
    ]);
  });

  it('reads a bounce that is not a report but quotes the original headers (Exim style)', async () => {
    const raw = Buffer.from(
      [
        'From: Mail Delivery System <Mailer-Daemon@mx.example.ps>',
        'To: office@daftar.ps',
        'Subject: Mail delivery failed: returning message to sender',
        'X-Failed-Recipients: gone@example.ps',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'This message was created automatically by mail delivery software.',
        '',
        'A message that you sent could not be delivered to one or more of its',
        'recipients. This is a permanent error. The following address(es) failed:',
        '',
        '  gone@example.ps',
        '    SMTP error from remote mail server after RCPT TO:<gone@example.ps>:',
        '    550 5.1.1 No such user',
        '',
        '------ This is a copy of the message, including all the headers. ------',
        '',
        'From: office@daftar.ps',
        'To: gone@example.ps',
        'Message-ID: <01abc@daftar.ps>',
        'Subject: Invoice 7',
        '',
      ].join('\r\n'),
    );
    expect(await readTextBounce(raw)).toEqual({
      messageIds: ['<01abc@daftar.ps>'],
      recipients: [expect.objectContaining({ address: 'gone@example.ps', kind: 'bounced', status: '5.1.1' })],
    });
  });

  it('leaves ordinary mail alone, even when it quotes a Message-ID', async () => {
    const raw = Buffer.from(
      'From: customer@example.ps\r\nSubject: Re: Invoice 7\r\nIn-Reply-To: <01abc@daftar.ps>\r\n\r\nThanks, received.\r\nMessage-ID: <01abc@daftar.ps>\r\n',
    );
    expect(await readTextBounce(raw)).toBeNull();
  });

  it('reads a report whose words carry control characters (a NUL) without them', () => {
    const report = [
      'Reporting-MTA: dns; mx.example.ps',
      '',
      'Final-Recipient: rfc822; gone@example.ps',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 no\u0000such\u0007user',
    ].join('\r\n');
    expect(parseDeliveryStatus(report)).toEqual([
      { address: 'gone@example.ps', kind: 'bounced', status: '5.1.1', diagnostic: '550 5.1.1 no such user' },
    ]);
  });

  it('finds the address and code of a long paragraph that names them early, and ignores the quoted original', async () => {
    const raw = Buffer.from(
      [
        'From: postmaster@mx.example.ps',
        'Subject: Delivery failure',
        'Content-Type: text/plain',
        '',
        `Your message to <late@example.ps> failed: 550 5.1.1 ${'because '.repeat(2000)}`,
        '',
        '----- Original message -----',
        'To: someone-else@example.ps',
        'Message-ID: <02abc@daftar.ps>',
      ].join('\r\n'),
    );
    expect(await readTextBounce(raw)).toEqual({
      messageIds: ['<02abc@daftar.ps>'],
      recipients: [expect.objectContaining({ address: 'late@example.ps', status: '5.1.1' })],
    });
  });

  it('reads a bounce of long runs and thousands of at-signs in one pass (no work growing with the square of the text)', async () => {
    // Before: 10 KB took 64 ms, 20 KB 218 ms, 40 KB 880 ms (the address pattern tried from every position).
    const parser = new InProcessBounceParser();
    for (const filler of ['a'.repeat(5000), '@', 'a@', 'x@y.', '\n\n-'])
      expect(await parser.parse({ kind: 'text', raw: hostileBounce(256 * 1024, filler) })).toBeNull();
  }, 30_000);
});

describe('received mail is parsed off the main thread', () => {
  const parsers: WorkerBounceParser[] = [];
  afterAll(async () => {
    for (const p of parsers) await p.close();
  });

  it('a 2 MB single-paragraph "Undeliverable" is read while the main thread goes on turning', async () => {
    const parser = new WorkerBounceParser(await mailParserForTests());
    parsers.push(parser);
    // The worker's own start is the host's, once; then the stranger's mail.
    await parser.parse({ kind: 'text', raw: hostileBounce(100) });
    const raw = hostileBounce(2 * 1024 * 1024);
    // Counted in turns of the event loop, not in milliseconds (a busy machine stretches those): a
    // parse on the main thread would hold the loop for its whole length, and the count would stay
    // at the few turns around it (5 here, when tried with InProcessBounceParser; thousands on the worker).
    let turns = 0;
    let parsing = true;
    const turn = () => {
      turns++;
      if (parsing) setImmediate(turn);
    };
    setImmediate(turn);
    const bounce = await parser.parse({ kind: 'text', raw }).finally(() => (parsing = false));
    // The paragraph is read up to its bound: the address at its end is past what is read.
    expect(bounce).toBeNull();
    expect(turns).toBeGreaterThan(100);
  }, 60_000);

  it('a message that takes longer than its budget is given up (UnreadableMail), and the next is read by a new worker', async () => {
    const script = await mailParserForTests();
    const hasty = new WorkerBounceParser(script, 1);
    parsers.push(hasty);
    await expect(hasty.parse({ kind: 'text', raw: hostileBounce(2 * 1024 * 1024) })).rejects.toBeInstanceOf(
      UnreadableMail,
    );
    // Its worker ended: the next message starts a new one (and is given up the same way).
    await expect(hasty.parse({ kind: 'text', raw: hostileBounce(2 * 1024 * 1024) })).rejects.toThrow(/within 1 ms/);
    const parser = new WorkerBounceParser(script);
    parsers.push(parser);
    const next = Buffer.from(
      'From: MAILER-DAEMON@mx.example.ps\r\nSubject: Undeliverable\r\n\r\ngone@example.ps: 550 5.1.1 no such user\r\n\r\nMessage-ID: <03abc@daftar.ps>\r\n',
    );
    expect(await parser.parse({ kind: 'text', raw: next })).toMatchObject({ messageIds: ['<03abc@daftar.ps>'] });
  }, 60_000);

  it('a parser that cannot start fails the pass (ParserUnavailable), so no message is skipped for it', async () => {
    const parser = new WorkerBounceParser(join(mkdtempSync(join(tmpdir(), 'daftar-parser-')), 'missing.cjs'));
    parsers.push(parser);
    const error = await parser.parse({ kind: 'text', raw: hostileBounce(100) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParserUnavailable);
    expect(error).not.toBeInstanceOf(UnreadableMail);
  }, 60_000);

  it('a worker that dies on a message gives that one up at once, and the next message gets a new worker', async () => {
    // A parser that dies on whatever it is given (as one killed by its memory limit would).
    const script = join(mkdtempSync(join(tmpdir(), 'daftar-parser-')), 'dies.cjs');
    writeFileSync(
      script,
      "const { parentPort } = require('node:worker_threads');\n" +
        'parentPort.postMessage({ ready: true });\n' +
        "parentPort.on('message', () => process.exit(3));\n",
    );
    const parser = new WorkerBounceParser(script, 120_000);
    parsers.push(parser);
    for (let i = 0; i < 2; i++)
      await expect(parser.parse({ kind: 'text', raw: hostileBounce(100) })).rejects.toThrow(/stopped/);
  }, 30_000);
});
