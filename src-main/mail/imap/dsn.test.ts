import { describe, expect, it } from 'vitest';
import { parseDeliveryStatus, readTextBounce } from './dsn';

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
});
