/** A bulk-email voucher: its own numbered document, options, and state. */
export interface BulkSendsTable {
  id: string;
  number: number;
  options_json: string;
  status: 'running' | 'paused' | 'cancelled' | 'done';
  /** 0 while its documents are still being listed, 1 when all are. */
  prepared: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One document of a bulk, in sending order. */
export interface BulkItemsTable {
  bulk_id: string;
  position: number;
  voucher_id: string;
  state: 'pending' | 'queued' | 'skipped' | 'cancelled';
  skip_reason: string | null;
  outbox_id: string | null;
}
