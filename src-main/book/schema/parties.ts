import type { Generated } from 'kysely';

export interface PartiesTable {
  id: string;
  kind: 'customer' | 'supplier' | 'employee';
  code: string;
  name: string;
  phone: string;
  address: string;
  tax_number: string;
  job_title: string;
  notes: string;
  /** Display addresses joined by commas. */
  emails: string;
  /** Normalised code, name, phone and emails for search (see src-shared/text/search-key.ts). */
  search_key: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  revision: Generated<number>;
}
