import type { Generated } from 'kysely';
import type { OutboxStatus } from '../../../src-shared/api/mail.api';

/** The mail ledger: one row per message, from queued to sent or failed. */
export interface OutboxTable {
  id: string;
  status: OutboxStatus;
  /** While "sending": the desktop sending it (its id for this run), so another desktop of the office leaves it be. */
  claimed_by: string | null;
  /** JSON arrays of display addresses; the ASCII forms are sent. */
  to_json: string;
  cc_json: string;
  /** How many addresses (To and CC): the mail report counts it from an index. */
  recipients: number;
  subject: string;
  note: string;
  body_text: string;
  body_html: string;
  language: 'ar' | 'en';
  file_name: string;
  /** File under the data folder's outbox/ (the PDF as rendered when queued). */
  pdf_file: string;
  pdf_sha256: string;
  pdf_bytes: number;
  /** Chosen once when queued and reused on every retry. */
  message_id: string;
  attempts: number;
  next_attempt_at: string | null;
  last_reply: string | null;
  last_error: string | null;
  credits: number;
  /** The credit reservation (credit_spends.id) returned if the message fails for good. */
  spend_id: string | null;
  /** JSON of the print target: what document this is. */
  source_json: string;
  source_key: string;
  source_revision: number | null;
  source_title: string;
  /** The voucher type, or 'statement': for the mail report's filter. */
  doc_type: string;
  party_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  /** How many of its recipients bounced (read back over IMAP); the message stays `sent`. */
  bounced: Generated<number>;
  /** pending: a copy is owed to the mailbox's Sent folder; done; null: none wanted. */
  sent_copy: 'pending' | 'done' | null;
  /** The exact bytes sent (under the data folder's outbox/), kept while the Sent copy is owed. */
  raw_file: string | null;
}

/** The outbox counted per UTC hour and state (migration 0014's triggers keep it): the mail report's year in one read. */
export interface OutboxHoursTable {
  /** 'YYYY-MM-DDTHH', the first 13 characters of created_at. */
  hour: string;
  /** The status, or 'bounced' for a sent message with a bounced recipient. */
  state: string;
  messages: number;
  recipients: number;
  /** As charged: failed and cancelled messages count 0. */
  credits: number;
}

/** A message's PDF by its sha256, kept in an office book so every desktop reaches it (migration 0015). */
export interface KeptFilesTable {
  sha256: string;
  bytes: Uint8Array;
  created_at: string;
}

/** What a delivery status notification said about one recipient of one message. */
export interface OutboxBouncesTable {
  outbox_id: string;
  /** The address as sent (ASCII, lower case). */
  recipient: string;
  kind: 'bounced' | 'delayed';
  /** RFC 3463 status, e.g. 5.1.1. */
  status_code: string;
  /** The receiving server's own words. */
  diagnostic: string;
  reported_at: string;
}

/** Where reading a mailbox folder has got to: the last UID read under that UIDVALIDITY. */
export interface ImapCursorTable {
  folder: string;
  uid_validity: string;
  last_uid: number;
}

export interface OutboxAttemptsTable {
  outbox_id: string;
  attempt: number;
  at: string;
  outcome: string;
  reply: string | null;
}
