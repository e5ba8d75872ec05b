import type { MailboxInput } from '../src-shared/api/mailbox.api';

/** A sender mailbox as the form sends it: a plain server on 127.0.0.1, a user name and password. */
export const mailboxDraft = (over: Partial<MailboxInput> = {}): MailboxInput => ({
  displayName: 'شركة دفتر',
  address: 'office@daftar.ps',
  replyTo: 'accounts@daftar.ps',
  host: '127.0.0.1',
  port: 25,
  security: 'none',
  username: 'daftar',
  password: 'correct horse',
  ...over,
});
