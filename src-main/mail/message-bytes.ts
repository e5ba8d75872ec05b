import MailComposer from 'nodemailer/lib/mail-composer';
import { validateAddress } from '../../src-shared/email/addresses';
import { headerSafe } from './compose';
import type { OutboxRecord } from './outbox.repo';

const toAscii = (addresses: string[]) =>
  addresses.map((a) => {
    const parsed = validateAddress(a);
    return typeof parsed === 'string' ? a : parsed.ascii;
  });

export interface MessageFrom {
  displayName: string;
  addressAscii: string;
  replyToAscii: string;
}

/**
 * A queued message as the bytes that go on the wire, built once, so the bytes sent are the bytes a
 * Sent copy keeps. Addresses go in their ASCII form (an Arabic domain as xn--); nodemailer reads no
 * file or URL a row might name.
 */
export async function messageBytes(row: OutboxRecord, sender: MessageFrom, pdf: Buffer, date: Date) {
  const to = toAscii(JSON.parse(row.to_json) as string[]);
  const cc = toAscii(JSON.parse(row.cc_json) as string[]);
  const raw = await new MailComposer({
    from: { name: headerSafe(sender.displayName), address: sender.addressAscii },
    replyTo: sender.replyToAscii || undefined,
    to,
    cc,
    subject: headerSafe(row.subject),
    text: row.body_text,
    html: row.body_html,
    messageId: row.message_id,
    date,
    attachments: [{ filename: row.file_name, content: pdf, contentType: 'application/pdf' }],
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
  return { raw, recipients: [...to, ...cc] };
}
