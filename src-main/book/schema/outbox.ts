import type { OutboxStatus } from '../../../src-shared/api/mail.api';

/** The mail ledger: one row per message, from queued to sent or failed. */
export interface OutboxTable {
  id: string;
  status: OutboxStatus;
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
}

export interface OutboxAttemptsTable {
  outbox_id: string;
  attempt: number;
  at: string;
  outcome: string;
  reply: string | null;
}
